import FundWatchCore

/// Working memory of the indexed engine on one thread: the results of the record tests for the
/// current person, shared by every rule that has the same test (most payment rules start with
/// `payment.benefit == 'pension' && payment.amount > 0`), and reusable candidate lists.
final class PlanScratch {
    /// The distinct record tests of the engine's rules, by slot.
    let tests: [RulePlan.SharedTest]
    private var results: [[Bool]]
    private var ready: [Bool]
    private var spare: [[Int]] = []
    private var nativeFrame: NativeFrame?

    init(tests: [RulePlan.SharedTest]) {
        self.tests = tests
        results = Array(repeating: [], count: tests.count)
        ready = Array(repeating: false, count: tests.count)
    }

    /// Forgets the previous person's test results.
    func reset() {
        for slot in ready.indices { ready[slot] = false }
    }

    /// Computes a test's results for the current person, unless already done.
    func prepare(_ slot: Int, for bound: BoundTimeline) {
        if ready[slot] { return }
        let list = tests[slot].list
        let test = tests[slot].test
        var passes = [Bool]()
        swap(&passes, &results[slot])
        passes.removeAll(keepingCapacity: true)
        for position in 0..<list.count(in: bound.timeline) {
            passes.append(!test.rulesOut(test.read?(bound, position)))
        }
        results[slot] = passes
        ready[slot] = true
    }

    /// Whether the record at `position` may pass the test (false: it certainly fails), once
    /// ``prepare(_:for:)`` has run for this person.
    func passes(_ slot: Int, _ position: Int) -> Bool { results[slot][position] }

    /// The native evaluator's frame of this thread, bound to `bound`.
    func frame(_ bound: BoundTimeline) -> NativeFrame {
        if let nativeFrame { return nativeFrame }
        let frame = NativeFrame(bound: bound)
        nativeFrame = frame
        return frame
    }

    /// An empty list for candidate positions, reusing storage.
    func takeCandidates() -> [Int] { spare.popLast() ?? [] }

    /// Gives a candidate list back for reuse.
    func returnCandidates(_ candidates: [Int]) {
        var candidates = candidates
        candidates.removeAll(keepingCapacity: true)
        spare.append(candidates)
    }
}
