import Foundation

/// Items handed from a producing thread to a consuming one, at most `capacity` waiting, so the
/// producer can run ahead only so far (memory stays bounded). The producer ends with `finish`,
/// passing its failure if it failed; the consumer going away `cancel`s it.
final class HandOff<Element>: @unchecked Sendable {
    private let condition = NSCondition()
    private var ready: [Element] = []
    private var head = 0
    private var finished = false
    private var cancelled = false
    private var failure: IngestError?
    private let capacity: Int

    init(capacity: Int) { self.capacity = max(1, capacity) }

    /// Hands an item over, waiting while the queue is full; false when the consumer has gone away.
    func put(_ item: Element) -> Bool {
        condition.withLock {
            while ready.count - head >= capacity && !cancelled { condition.wait() }
            guard !cancelled else { return false }
            ready.append(item)
            condition.broadcast()
            return true
        }
    }

    /// The next item, nil at the end; throws the producer's failure once every item before it is taken.
    func take() throws(IngestError) -> Element? {
        let (item, error): (Element?, IngestError?) = condition.withLock {
            while ready.count == head && !finished && !cancelled { condition.wait() }
            if ready.count > head {
                let item = ready[head]
                head += 1
                // Dropped from the front in batches rather than shifting the array per item.
                if head >= 64 || head == ready.count {
                    ready.removeFirst(head)
                    head = 0
                }
                condition.broadcast()
                return (item, nil)
            }
            return (nil, failure)
        }
        if let error { throw error }
        return item
    }

    /// Ends the items; `error` is thrown by `take` after the last one.
    func finish(_ error: IngestError?) {
        condition.withLock {
            failure = error
            finished = true
            condition.broadcast()
        }
    }

    /// The consumer is done: waiting and later `put`s return false, what waits is dropped.
    func cancel() {
        condition.withLock {
            cancelled = true
            ready.removeAll()
            head = 0
            condition.broadcast()
        }
    }
}
