import Dispatch

/// A dataset turned into bins: one byte per cell, column after column, which is what the
/// histogram builder reads (a column at a time, 1 byte per row instead of 8).
struct BinnedMatrix: Sendable {
    /// `bins[feature * rowCount + row]`.
    var bins: [UInt8]
    let rowCount: Int
    let featureCount: Int

    /// Bins every column of `data` with `mappers` (one per feature, same order), in parallel
    /// over columns.
    init(_ data: Dataset, mappers: [FeatureBins]) {
        let n = data.rowCount
        let featureCount = data.columns.count
        rowCount = n
        self.featureCount = featureCount
        var bins = [UInt8](repeating: 0, count: n * featureCount)
        bins.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            let out = SendablePointer(base)
            DispatchQueue.concurrentPerform(iterations: featureCount) { f in
                let column = out.pointer + f * n
                let mapper = mappers[f]
                switch data.columns[f] {
                case .numeric(let values):
                    values.withUnsafeBufferPointer { mapper.binColumn($0, into: column) }
                case .categorical(let codes, _):
                    for r in 0..<n { column[r] = mapper.bin(code: codes[r]) }
                }
            }
        }
        self.bins = bins
    }
}

/// A pointer handed to the worker threads of `concurrentPerform`; each thread writes its own
/// disjoint part, which is what makes sharing it safe.
struct SendablePointer<T>: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<T>
    init(_ pointer: UnsafeMutablePointer<T>) { self.pointer = pointer }
}
