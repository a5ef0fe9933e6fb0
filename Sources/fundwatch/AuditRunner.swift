import AuditRules
import Foundation
import FundWatchCore
import Storage

/// The batch audit shared by `audit` and `evaluate`: load rules, read every timeline, build the
/// population index, evaluate in parallel.
enum AuditRunner {
    struct Run {
        var result: RuleEngine.BatchResult
        var rules: [CompiledRule]
        var loadSeconds: Double
        /// Each audited person's county of residence, for reports by region.
        var regionOf: [String: String]
    }

    /// Loads the rule folder (or the built-in library), refusing to run with a broken rule.
    static func rules(folder: String?) throws -> [CompiledRule] {
        let (rules, errors): ([CompiledRule], [RuleLoadError])
        if let folder {
            (rules, errors) = try RuleSpecLoader.loadFolder(URL(fileURLWithPath: folder))
        } else {
            (rules, errors) = BuiltinRules.load()
        }
        guard errors.isEmpty else { throw CLIError(errors.map(\.description).joined(separator: "\n")) }
        return rules
    }

    static func run(database: FundWatchDatabase, rulesFolder: String?, asOf: CivilDate? = nil) async throws -> Run {
        try await run(database: database, engine: RuleEngine(rules: try rules(folder: rulesFolder)), asOf: asOf)
    }

    /// Reads every timeline (as known on `asOf`, when given), builds the index and evaluates.
    static func run(database: FundWatchDatabase, engine: RuleEngine, asOf: CivilDate? = nil) async throws -> Run {
        let start = Date()
        let collector = TimelineCollector()
        try await database.forEachTimeline { collector.add(asOf.map($0.known(asOf:)) ?? $0) }
        var builder = PopulationIndex.Builder()
        let timelines = collector.timelines
        for t in timelines { builder.add(t) }
        builder.add(staff: try await database.allStaff())
        let index = builder.build()
        let loadSeconds = Date().timeIntervalSince(start)
        var regionOf = [String: String]()
        for t in timelines { if let code = t.person?.regionCode { regionOf[t.idNumber.value] = code } }
        var result = engine.evaluate(population: timelines, index: index)
        let specs = Dictionary(uniqueKeysWithValues: engine.rules.map { ($0.spec.id, $0.spec) })
        result.findings = result.findings.map { f in specs[f.ruleID].map(f.classified(by:)) ?? f }
        return Run(result: result, rules: engine.rules, loadSeconds: loadSeconds, regionOf: regionOf)
    }
}

/// Gathers the timelines streamed by the database.
final class TimelineCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [PersonTimeline] = []
    func add(_ t: PersonTimeline) {
        lock.lock()
        storage.append(t)
        lock.unlock()
    }
    var timelines: [PersonTimeline] {
        lock.lock()
        defer { lock.unlock() }
        return storage
    }
}

extension String {
    /// Right-aligns the text in `width` columns, for the audit tables.
    func padLeft(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
