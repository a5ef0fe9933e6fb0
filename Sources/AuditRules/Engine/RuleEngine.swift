public import Foundation
public import FundWatchCore

/// Evaluates a rule library over timelines: one person (event checks, tests) or a population in
/// parallel (the nightly batch). Deterministic: the same timelines and rules give the same
/// findings in the same order.
public struct RuleEngine: Sendable {
    /// The compiled rules, in id order.
    public let rules: [CompiledRule]
    /// Each rule's native tests (``RulePlan``), in the same order; empty when not `indexed`.
    let plans: [RulePlan]
    /// The distinct record tests of all plans, by the slot each plan refers to.
    let recordTests: [RulePlan.SharedTest]
    /// What the batch's column scan tests for each rule (``evaluate(_:index:workers:)``).
    let columnPlan: ColumnPlan

    /// An engine over compiled rules. Retired rules are kept out, and draft rules too unless
    /// `includingDrafts` (a backtest runs a draft over history before anyone turns it on).
    /// With `indexed` (the default) each rule runs only on the persons and records its native
    /// tests admit; without, the interpreter runs on every record the rule's scope names. Both
    /// give the same findings: the unindexed engine is the reference the indexed one is checked against.
    public init(rules: [CompiledRule], includingDrafts: Bool = false, indexed: Bool = true) {
        self.rules = rules.filter { $0.spec.status != .retired && (includingDrafts || $0.spec.status != .draft) }
            .sorted { $0.spec.id < $1.spec.id }
        let plans = indexed ? self.rules.map(RulePlan.init) : []
        var tests = [RulePlan.SharedTest]()
        var slots = [String: Int]()
        for i in plans.indices {
            guard let list = plans[i].list else { continue }
            plans[i].recordTestSlots = plans[i].recordTests.map { test in
                let key = "\(list) \(test.key)"
                if let slot = slots[key] { return slot }
                slots[key] = tests.count
                tests.append(RulePlan.SharedTest(list: list, test: test))
                return tests.count - 1
            }
        }
        self.plans = plans
        recordTests = tests
        columnPlan = ColumnPlan(plans: plans)
    }

    /// Fresh working memory for one thread of the indexed engine.
    func makeScratch() -> PlanScratch { PlanScratch(tests: recordTests) }

    /// Whether rules run through their native tests (see ``init(rules:includingDrafts:indexed:)``).
    public var isIndexed: Bool { !plans.isEmpty || rules.isEmpty }

    /// The outcome of every rule for one person.
    public func evaluate(_ timeline: PersonTimeline, index: PopulationIndex = .empty) -> (findings: [Finding], failures: [RuleFailure]) {
        var findings = [Finding]()
        var failures = [RuleFailure]()
        evaluate(BoundTimeline(timeline, index: index), into: &findings, &failures, scratch: makeScratch())
        return (findings, failures)
    }

    /// Appends one person's findings and failures, rule by rule.
    func evaluate(_ bound: BoundTimeline, into findings: inout [Finding], _ failures: inout [RuleFailure], scratch: PlanScratch) {
        scratch.reset()
        for i in rules.indices {
            let outcome = plans.isEmpty ? rules[i].evaluate(bound) : plans[i].evaluate(bound, scratch: scratch)
            switch outcome {
            case .passes: break
            case .flags(let finding): findings.append(finding)
            case .failed(let failure): failures.append(failure)
            }
        }
    }

    /// The result of a batch.
    public struct BatchResult: Sendable {
        /// Findings ordered by ID number, then rule id.
        public var findings: [Finding]
        /// Runtime failures, in the same order; they never stop the batch.
        public var failures: [RuleFailure]
        public var persons: Int
        public var seconds: Double
    }

    /// Evaluates every rule over every timeline, in parallel over `workers` threads. The indexed
    /// engine prepares the population's columns first (``prepare(_:workers:)``, counted in
    /// `seconds` here) and runs each rule on its candidates only (``evaluate(_:index:workers:)``).
    public func evaluate(population timelines: [PersonTimeline], index: PopulationIndex, workers: Int = ProcessInfo.processInfo.activeProcessorCount) -> BatchResult {
        if !plans.isEmpty {
            let start = Date()
            var result = evaluate(prepare(timelines, workers: workers), index: index, workers: workers)
            result.seconds = Date().timeIntervalSince(start)
            return result
        }
        return evaluateEveryPerson(timelines, index: index, workers: workers)
    }

    /// Every rule on every person (the unindexed reference engine).
    func evaluateEveryPerson(_ timelines: [PersonTimeline], index: PopulationIndex, workers: Int) -> BatchResult {
        let start = Date()
        let chunkCount = max(1, min(timelines.count / 256 + 1, workers * 8))
        let chunkSize = (timelines.count + chunkCount - 1) / max(1, chunkCount)
        let results = ResultSlots(count: chunkCount)
        DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
            let lower = chunk * chunkSize
            let upper = min(timelines.count, lower + chunkSize)
            var findings = [Finding]()
            var failures = [RuleFailure]()
            let scratch = makeScratch()
            if lower < upper {
                for timeline in timelines[lower..<upper] {
                    evaluate(BoundTimeline(timeline, index: index), into: &findings, &failures, scratch: scratch)
                }
            }
            results.set(chunk, (findings, failures))
        }
        var findings = [Finding]()
        var failures = [RuleFailure]()
        for (f, e) in results.values {
            findings += f
            failures += e
        }
        findings.sort(by: Finding.precedes)
        failures.sort { ($0.idNumber, $0.ruleID) < ($1.idNumber, $1.ruleID) }
        return BatchResult(findings: findings, failures: failures, persons: timelines.count, seconds: Date().timeIntervalSince(start))
    }
}

/// Per-chunk results written by parallel workers, each to its own slot.
private final class ResultSlots: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var values: [([Finding], [RuleFailure])]
    init(count: Int) { values = Array(repeating: ([], []), count: count) }
    func set(_ i: Int, _ value: ([Finding], [RuleFailure])) {
        lock.lock()
        values[i] = value
        lock.unlock()
    }
}

extension RuleEngine {
    /// The rules whose condition the native compiler does not cover, with the construct that
    /// stopped it: they run through their native tests and the interpreter instead.
    public var interpretedRules: [(id: String, reason: String)] {
        plans.compactMap { plan in plan.nativeRefusal.map { (plan.rule.spec.id, $0) } }
    }
}
