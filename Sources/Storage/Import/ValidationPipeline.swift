import Foundation
import FundWatchCore

/// Parses and validates a file's rows on a background thread, a chunk at a time, while the
/// caller writes the previous chunks: on two cores, parsing and SQLite inserts overlap.
///
/// At most `capacity` chunks wait in memory, so a large file streams through in bounded space.
/// Chunks come out in file order.
final class ValidationPipeline: @unchecked Sendable {
    private let condition = NSCondition()
    private var ready: [[RowValidator.Outcome]] = []
    private var finished = false
    private var cancelled = false
    private let capacity: Int

    init(rows: CSVReader.Iterator, validator: RowValidator, chunkSize: Int = 4096, capacity: Int = 8) {
        self.capacity = capacity
        let thread = Thread { [self] in
            var rows = rows
            var chunk = [RowValidator.Outcome]()
            chunk.reserveCapacity(chunkSize)
            while let row = rows.next() {
                chunk.append(validator.validate(row))
                if chunk.count == chunkSize {
                    guard self.put(chunk) else { return }
                    chunk.removeAll(keepingCapacity: true)
                }
            }
            if !chunk.isEmpty { _ = self.put(chunk) }
            self.condition.withLock {
                self.finished = true
                self.condition.broadcast()
            }
        }
        thread.stackSize = 1 << 20
        thread.start()
    }

    /// Hands a chunk to the consumer; false when the consumer has gone away.
    private func put(_ chunk: [RowValidator.Outcome]) -> Bool {
        condition.withLock {
            while ready.count >= capacity && !cancelled { condition.wait() }
            guard !cancelled else { return false }
            ready.append(chunk)
            condition.broadcast()
            return true
        }
    }

    /// The next chunk in file order, or nil when the file is done.
    func next() -> [RowValidator.Outcome]? {
        condition.withLock {
            while ready.isEmpty && !finished { condition.wait() }
            guard !ready.isEmpty else { return nil }
            let chunk = ready.removeFirst()
            condition.broadcast()
            return chunk
        }
    }

    /// Stops the producer early (the import failed or was aborted).
    func cancel() {
        condition.withLock {
            cancelled = true
            ready.removeAll()
            condition.broadcast()
        }
    }
}
