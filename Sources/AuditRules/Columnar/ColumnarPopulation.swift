public import FundWatchCore
import Foundation

/// A population prepared for a batch audit: the timelines, and beside them, per record list,
/// where each person's records start (person `p` owns positions `starts[p] ..< starts[p + 1]`)
/// and the fields an engine's rules filter on as packed columns (``RecordColumn``), so the
/// batch finds each rule's candidate persons by scanning columns instead of visiting every
/// person with every rule.
///
/// Built by ``RuleEngine/prepare(_:workers:)`` for that engine's rules (the columns and the
/// literals text is coded against are the ones its rules use).
/// (`@unchecked Sendable`: everything is written once in `init` and only read afterwards.)
public final class ColumnarPopulation: @unchecked Sendable {
    /// The persons' timelines, in the order given.
    public let timelines: [PersonTimeline]
    /// Per list (by ``TimelineList/rawValue``): person `p`'s records are `starts[p] ..< starts[p + 1]`.
    let starts: [[Int32]]
    /// Per list: the person owning each record (the inverse of ``starts``).
    let owners: [[Int32]]
    /// The columns of the engine's ``ColumnPlan``, in its order.
    let columns: [RecordColumn]
    /// ``starts`` again in manually allocated memory, one pointer per list: ``records(_:of:)``
    /// runs for every rule and person, and reading an inner array of ``starts`` retains it.
    private let offsets: UnsafeMutablePointer<UnsafeMutablePointer<Int32>>

    init(timelines: [PersonTimeline], plan: ColumnPlan, workers: Int) {
        self.timelines = timelines
        var starts = [[Int32]]()
        for list in TimelineList.allCases {
            var offsets = [Int32]()
            offsets.reserveCapacity(timelines.count + 1)
            var total: Int32 = 0
            offsets.append(0)
            for t in timelines {
                total += Int32(list.count(in: t))
                offsets.append(total)
            }
            starts.append(offsets)
        }
        self.starts = starts
        offsets = .allocate(capacity: starts.count)
        for (n, list) in starts.enumerated() {
            let copy = UnsafeMutablePointer<Int32>.allocate(capacity: list.count)
            copy.initialize(from: list, count: list.count)
            (offsets + n).initialize(to: copy)
        }
        owners = starts.map { offsets in
            var owner = [Int32](repeating: 0, count: Int(offsets.last ?? 0))
            for p in 0..<(offsets.count - 1) {
                for i in Int(offsets[p])..<Int(offsets[p + 1]) { owner[i] = Int32(p) }
            }
            return owner
        }
        // Each worker reads a run of persons into its own small columns, appended in order.
        let keys = plan.keys
        let readers: [NativeFieldReader] = keys.map { key in
            if let list = key.list, let read = list.nativeReader(key.field) { return read }
            if key.list == nil, key.field.hasSuffix("()"),
                let function = NativeCompiler.personFunctions[String(key.field.dropLast(2))]?.implementation
            {
                return { b, _ in function(b, .unknown, .unknown) }
            }
            if key.list == nil, let read = BoundTimeline.nativePersonReader(key.field) { return { b, _ in read(b) } }
            return { _, _ in .unknown }
        }
        let chunkCount = max(1, min(timelines.count / 4096 + 1, workers * 4))
        let chunkSize = (timelines.count + chunkCount - 1) / chunkCount
        let parts = Slots<[RecordColumn]>(count: chunkCount, empty: [])
        DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
            let persons = min(timelines.count, chunk * chunkSize)..<min(timelines.count, (chunk + 1) * chunkSize)
            var columns = keys.indices.map { RecordColumn(key: keys[$0], vocabulary: plan.vocabularies[$0]) }
            for p in persons {
                let bound = BoundTimeline(timelines[p])
                for c in columns.indices {
                    if let list = keys[c].list {
                        for i in 0..<list.count(in: bound) { columns[c].append(readers[c](bound, i)) }
                    } else {
                        columns[c].append(readers[c](bound, 0))
                    }
                }
            }
            parts.set(chunk, columns)
        }
        var columns = keys.indices.map { c in
            RecordColumn(
                key: keys[c], vocabulary: plan.vocabularies[c],
                capacity: keys[c].list.map { Int(starts[$0.rawValue].last ?? 0) } ?? timelines.count)
        }
        for part in parts.values {
            for c in columns.indices { columns[c].append(contentsOf: part[c]) }
        }
        self.columns = columns
    }

    deinit {
        for n in starts.indices { offsets[n].deallocate() }
        offsets.deallocate()
    }

    /// The positions of person `p`'s records of a list.
    @inline(__always)
    func records(_ list: TimelineList, of p: Int) -> Range<Int> {
        records(raw: list.rawValue, of: p)
    }

    /// The positions of person `p`'s records of the list with this ``TimelineList/rawValue``.
    @inline(__always)
    func records(raw list: Int, of p: Int) -> Range<Int> {
        let offsets = offsets[list]
        return Int(offsets[p])..<Int(offsets[p + 1])
    }
}

/// Values written by parallel workers, each to its own slot.
final class Slots<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var values: [Value]
    init(count: Int, empty: Value) { values = Array(repeating: empty, count: count) }
    func set(_ i: Int, _ value: Value) {
        lock.lock()
        values[i] = value
        lock.unlock()
    }
}
