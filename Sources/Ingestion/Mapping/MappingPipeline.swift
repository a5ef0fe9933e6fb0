import Foundation

/// Maps an export's rows on every core while handing the outcomes back in file order.
///
/// A reading thread takes rows from the reader (CSV parsing, XLSX or JSON Lines decoding) in
/// chunks and gives each chunk to a worker of the global concurrent queue, which maps, cleans
/// and validates it with the pure `BoundMapping`; the consumer takes chunk 0, 1, 2, … as they
/// complete, so line numbers, rejects and their order are the same as mapping row by row. At
/// most `capacity` chunks are read and not yet taken, so memory stays bounded.
final class MappingPipeline {
    private let state: State

    init(rows: any RowReader, mapping: BoundMapping, padRows: Bool, chunkRows: Int = 2048, capacity: Int = 8) {
        let state = State(capacity: capacity)
        self.state = state
        let reader = ReaderBox(rows)
        // The thread holds the state, not this object, so dropping the pipeline stops it.
        let thread = Thread { state.read(reader, mapping: mapping, padRows: padRows, chunkRows: chunkRows) }
        thread.stackSize = 1 << 20
        thread.start()
    }

    deinit { state.cancel() }

    /// The next chunk of outcomes in file order with its cleaning counts; nil at the end. Throws
    /// the reader's error once every row read before it has been handed back.
    func next() throws(IngestError) -> (outcomes: [RowOutcome], counts: CleaningCounts)? {
        try state.take()
    }

    /// Lets the reader cross to the reading thread; only that thread touches it.
    private final class ReaderBox: @unchecked Sendable {
        var reader: any RowReader
        init(_ reader: any RowReader) { self.reader = reader }
    }

    private final class State: @unchecked Sendable {
        private let condition = NSCondition()
        private var done: [Int: ([RowOutcome], CleaningCounts)] = [:]
        private var handedOut = 0
        private var taken = 0
        /// The number of chunks once the reader has ended, and why it ended early, if it did.
        private var total: Int?
        private var failure: IngestError?
        private var cancelled = false
        private let capacity: Int

        init(capacity: Int) { self.capacity = capacity }

        func read(_ box: ReaderBox, mapping: BoundMapping, padRows: Bool, chunkRows: Int) {
            while true {
                let index: Int? = condition.withLock {
                    while handedOut - taken >= capacity && !cancelled { condition.wait() }
                    return cancelled ? nil : handedOut
                }
                guard let index else { return }
                var chunk = [SourceRow]()
                chunk.reserveCapacity(chunkRows)
                var failure: IngestError?
                do {
                    while chunk.count < chunkRows, let row = try box.reader.next() { chunk.append(row) }
                } catch {
                    failure = error
                }
                if !chunk.isEmpty {
                    condition.withLock { handedOut += 1 }
                    let rows = chunk
                    DispatchQueue.global().async {
                        var counts = CleaningCounts()
                        var outcomes = [RowOutcome]()
                        outcomes.reserveCapacity(rows.count)
                        for row in rows { outcomes.append(mapping.map(padRows ? ExportReader.padded(row, to: mapping.header.count) : row, counts: &counts)) }
                        self.condition.withLock {
                            self.done[index] = (outcomes, counts)
                            self.condition.broadcast()
                        }
                    }
                }
                if failure != nil || chunk.count < chunkRows {
                    condition.withLock {
                        total = handedOut
                        self.failure = failure
                        condition.broadcast()
                    }
                    return
                }
            }
        }

        func take() throws(IngestError) -> ([RowOutcome], CleaningCounts)? {
            let (chunk, error): (([RowOutcome], CleaningCounts)?, IngestError?) = condition.withLock {
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
