import Dispatch
public import RiskModels

extension FeatureExtractor where Subject: Sendable {
    /// `dataset(for:)` computed on every core, in blocks of subjects; the same table.
    public func parallelDataset(for subjects: [Subject]) -> Dataset {
        let width = definitions.count
        let n = subjects.count
        var flat = [Double](repeating: .nan, count: n * width)
        let block = 1024
        let blocks = (n + block - 1) / block
        flat.withUnsafeMutableBufferPointer { buffer in
            // Each block writes only its own rows, so the writes never overlap.
            let out = UnsafeSendableBuffer(buffer)
            DispatchQueue.concurrentPerform(iterations: blocks) { k in
                for i in (k * block)..<min(n, (k + 1) * block) {
                    let row = values(for: subjects[i])
                    precondition(row.count == width, "an extractor returns one value per definition")
                    for c in 0..<width { out.buffer[i * width + c] = row[c] }
                }
            }
        }
        var columns = [[Double]](repeating: [], count: width)
        for c in 0..<width { columns[c] = (0..<n).map { flat[$0 * width + c] } }
        guard let data = try? Dataset(names: names, columns: columns.map { .numeric($0) }) else {
            preconditionFailure("feature definitions have unique names")
        }
        return data
    }
}

/// A buffer handed to concurrent blocks that write disjoint ranges.
private struct UnsafeSendableBuffer: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Double>
    init(_ buffer: UnsafeMutableBufferPointer<Double>) { self.buffer = buffer }
}
