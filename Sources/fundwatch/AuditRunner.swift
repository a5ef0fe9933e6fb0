import AuditRules
import Foundation
import FundWatchCore
import Storage
import WebApp

/// The batch audit shared by `audit` and `evaluate`: load rules, read every timeline, build the
/// population index, evaluate in parallel.
enum AuditRunner {
    struct Run {
        var result: RuleEngine.BatchResult
        var rules: [CompiledRule]
        var loadSeconds: Double
        /// Each audited person's county of residence, for reports by region.
        var regionOf: [String: String]
        /// Rules the native compiler does not cover, with the reason (see ``RuleEngine/interpretedRules``).
        var interpretedRules: [(id: String, reason: String)] = []
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
        try await run(database: database, engine: try await engine(database: database, rulesFolder: rulesFolder), asOf: asOf)
    }

    /// The engine over a rule folder, or over the data folder's managed library: the built-in
    /// rules with the versions saved on the web app's rules page, without the rules switched off there.
    static func engine(database: FundWatchDatabase, rulesFolder: String?) async throws -> RuleEngine {
        if let rulesFolder { return RuleEngine(rules: try rules(folder: rulesFolder)) }
        do {
            return try await ManagedRules.loadStrict(database: database).engine
        } catch let error as WebSetupError {
            throw CLIError(error.description)
        }
    }

    /// Reads every timeline (as known on `asOf`, when given), builds the index and evaluates.
    static func run(database: FundWatchDatabase, engine: RuleEngine, asOf: CivilDate? = nil) async throws -> Run {
        let start = Date()
        let timelines = try await database.allTimelines { asOf.map($0.known(asOf:)) ?? $0 }
        var builder = PopulationIndex.Builder()
        for t in timelines { builder.add(t) }
        builder.add(staff: try await database.allStaff())
        let index = builder.build()
        let loadSeconds = Date().timeIntervalSince(start)
        var regionOf = [String: String]()
        for t in timelines { if let code = t.person?.regionCode { regionOf[t.idNumber.value] = code } }
        let result = engine.evaluate(population: timelines, index: index)
        return Run(
            result: result, rules: engine.rules, loadSeconds: loadSeconds, regionOf: regionOf,
            interpretedRules: engine.interpretedRules)
    }
}

extension String {
    /// Right-aligns the text in `width` columns, for the audit tables.
    func padLeft(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
