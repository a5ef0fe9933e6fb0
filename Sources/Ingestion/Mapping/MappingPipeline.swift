import Foundation

/// Maps an export's rows on every core while handing the outcomes back in file order.
///
/// A reading thread takes rows from the reader (CSV parsing, XLSX or JSON Lines decoding) in
/// chunks and queues each for the pipeline's own worker threads (one per core), which map,
/// clean and validate it with the pure `BoundMapping`; the consumer takes chunk 0, 1, 2, … as
/// they complete, so line numbers, rejects and their order are the same as mapping row by row.
/// At most `capacity` chunks are read and not yet taken, so memory stays bounded.
///
/// The workers are threads of their own rather than the global dispatch queue because the
/// consumer blocks while it waits: called from an `async` context (`fundwatch ingest`, the web
/// app's import) it holds one of the few threads that queue shares with Swift concurrency, and
/// on two cores the chunks were then mapped by a single worker.
final class MappingPipeline {
    private let state: State

    /// Where the rows come from: a reader handing out rows, or a CSV reader handing out chunks of
    /// records that the workers scan themselves (so parsing runs on every core too).
    enum Rows {
        case rows(any RowReader, padRows: Bool)
        case csv(CSVStreamReader, delimiter: UInt8)
    }

    /// With `keepingOutcomes` false, each chunk's outcomes are dropped on its worker once tallied
    /// (a dry run): `next()` then gives the tallies with no outcomes.
    init(
        rows: Rows, mapping: BoundMapping, chunkRows: Int = 2048, chunkBytes: Int = 1 << 20, capacity: Int = 8,
        keepingOutcomes: Bool = true, workers: Int = ProcessInfo.processInfo.activeProcessorCount
    ) {
        let state = State(capacity: capacity, keepingOutcomes: keepingOutcomes)
        self.state = state
        let reader = ReaderBox(rows)
        // The threads hold the state, not this object, so dropping the pipeline stops them.
        let thread = Thread { state.read(reader, mapping: mapping, chunkRows: chunkRows, chunkBytes: chunkBytes) }
        thread.stackSize = 1 << 20
        thread.start()
        for _ in 0..<max(1, workers) {
            let worker = Thread { state.work(mapping: mapping) }
            worker.stackSize = 4 << 20
            worker.start()
        }
    }

    deinit { state.cancel() }

    /// A chunk mapped: its outcomes in file order, and their quality tally (with the cleaning counts).
    struct MappedChunk {
        let outcomes: [RowOutcome]
        let quality: QualityAccumulator
        /// The chunk's size in the file (CSV; 0 otherwise).
        let bytes: Int
    }

    /// The next chunk in file order; nil at the end. Throws the reader's error once every row
    /// read before it has been handed back.
    func next() throws(IngestError) -> MappedChunk? {
        try state.take()
    }

    /// Lets the reader cross to the reading thread; only that thread touches it.
    private final class ReaderBox: @unchecked Sendable {
        // Kept apart rather than as `Rows`, so each reader is mutated in place (no copy of its buffer).
        private var reader: (any RowReader)?
        private var csv: CSVStreamReader?
        private let padRows: Bool
        private let delimiter: UInt8

        init(_ rows: Rows) {
            switch rows {
            case .rows(let reader, let padRows):
                self.reader = reader
                self.padRows = padRows
                self.delimiter = 0
            case .csv(let csv, let delimiter):
                self.csv = csv
                self.padRows = false
                self.delimiter = delimiter
            }
        }

        /// The next piece of work, mapping what was read (nil: nothing was); whether it is the last;
        /// and why reading stopped early, once what was read before has its work.
        func nextWork(mapping: BoundMapping, chunkRows: Int, chunkBytes: Int) -> (work: Work?, last: Bool, failure: IngestError?) {
            if csv != nil {
                do {
                    guard let chunk = try csv!.nextChunk(targetBytes: chunkBytes) else { return (nil, true, nil) }
                    let encoding = csv!.encoding
                    let delimiter = self.delimiter
                    let work = Work(bytes: chunk.bytes.count) { quality, keeping in
                        mapping.map(chunk: chunk, delimiter: delimiter, encoding: encoding, keepingOutcomes: keeping, into: &quality)
                    }
                    return (work, chunk.final, nil)
                } catch {
                    return (nil, true, error)
                }
            }
            var chunk = [SourceRow]()
            chunk.reserveCapacity(chunkRows)
            var failure: IngestError?
            do {
                while chunk.count < chunkRows, let row = try reader!.next() { chunk.append(row) }
            } catch {
                failure = error
            }
            guard !chunk.isEmpty else { return (nil, true, failure) }
            let padRows = self.padRows
            let rows = chunk
            let work = Work(bytes: 0) { quality, keeping in
                var checkedIDs = [String](repeating: "", count: mapping.fieldChecks.count)
                var outcomes = [RowOutcome]()
                if keeping { outcomes.reserveCapacity(rows.count) }
                for read in rows {
                    let row = padRows ? ExportReader.padded(read, to: mapping.header.count) : read
                    let outcome = mapping.map(row, counts: &quality.cleaning, checkedIDs: &checkedIDs)
                    if case .accepted(let line, let values) = outcome {
                        mapping.checkRegionNames(values: values, line: line, name: { row.fields[$0] }, into: &quality.regionNames)
                    }
                    quality.add(outcome)
                    if keeping { outcomes.append(outcome) }
                }
                return outcomes
            }
            return (work, failure != nil || chunk.count < chunkRows, failure)
        }
    }

    /// Maps and tallies one chunk of rows, on a worker; returns the outcomes if asked to keep them.
    private struct Work: @unchecked Sendable {
        /// The chunk's size in the file (CSV; 0 for rows handed out one by one), for estimates.
        let bytes: Int
        let run: (inout QualityAccumulator, _ keeping: Bool) -> [RowOutcome]
        init(bytes: Int, _ run: @escaping (inout QualityAccumulator, _ keeping: Bool) -> [RowOutcome]) {
            self.bytes = bytes
            self.run = run
        }
    }

    private final class State: @unchecked Sendable {
        private let condition = NSCondition()
        private var done: [Int: MappedChunk] = [:]
        private var handedOut = 0
        private var taken = 0
        /// The number of chunks once the reader has ended, and why it ended early, if it did.
        private var total: Int?
        private var failure: IngestError?
        private var cancelled = false
        /// Chunks read and not yet taken by a worker, in file order (at most `capacity`).
        private var queued: [(index: Int, work: Work)] = []
        /// Set once the reader has handed out its last chunk (or stopped): idle workers then end.
        private var readingEnded = false
        private let capacity: Int
        private let keepingOutcomes: Bool

        init(capacity: Int, keepingOutcomes: Bool) {
            self.capacity = capacity
            self.keepingOutcomes = keepingOutcomes
        }

        func read(_ box: ReaderBox, mapping: BoundMapping, chunkRows: Int, chunkBytes: Int) {
            while true {
                let index: Int? = condition.withLock {
                    while handedOut - taken >= capacity && !cancelled { condition.wait() }
                    return cancelled ? nil : handedOut
                }
                guard let index else {
                    condition.withLock {
                        readingEnded = true
                        condition.broadcast()
                    }
                    return
                }
                let (work, last, failure) = box.nextWork(mapping: mapping, chunkRows: chunkRows, chunkBytes: chunkBytes)
                condition.withLock {
                    if let work {
                        handedOut += 1
                        queued.append((index, work))
                    }
                    if last {
                        total = handedOut
                        self.failure = failure
                        readingEnded = true
                    }
                    condition.broadcast()
                }
                if last { return }
            }
        }

        /// A worker: maps queued chunks until the reader has ended and none is left, or the
        /// pipeline is dropped.
        func work(mapping: BoundMapping) {
            while true {
                let next: (index: Int, work: Work)? = condition.withLock {
                    while queued.isEmpty && !readingEnded && !cancelled { condition.wait() }
                    guard !cancelled, !queued.isEmpty else { return nil }
                    return queued.removeFirst()
                }
                guard let (index, work) = next else { return }
                var quality = QualityAccumulator(chunkOf: mapping)
                // A dry run's outcomes are dropped where they are made, on this thread.
                let outcomes = work.run(&quality, keepingOutcomes)
                let chunk = MappedChunk(outcomes: outcomes, quality: quality, bytes: work.bytes)
                condition.withLock {
                    done[index] = chunk
                    condition.broadcast()
                }
            }
        }

        func take() throws(IngestError) -> MappedChunk? {
            let (chunk, error): (MappedChunk?, IngestError?) = condition.withLock {
                while done[taken] == nil && total != taken { condition.wait() }
                if let chunk = done.removeValue(forKey: taken) {
                    taken += 1
                    condition.broadcast()
                    return (chunk, nil)
                }
                return (nil, failure)
            }
            if let error { throw error }
            return chunk
        }

        func cancel() {
            condition.withLock {
                cancelled = true
                condition.broadcast()
            }
        }
    }
}
