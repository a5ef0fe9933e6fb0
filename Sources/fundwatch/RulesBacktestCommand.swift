import ArgumentParser
import AuditRules
import Foundation
import FundWatchCore

extension RulesCommand {
    /// `fundwatch rules backtest FILE --data DATA [--truth truth.csv]`.
    struct Backtest: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run one rule (draft or not) over the stored history: hits, amount at stake, review workload by county, and precision/recall where labels exist.")

        @Argument(help: "The rule YAML file.")
        var file: String

        @OptionGroup var options: DataOptions

        @Option(help: "A truth.csv with labels, to estimate precision and recall.")
        var truth: String?

        func run() async throws {
            let text = try String(contentsOf: URL(fileURLWithPath: file), encoding: .utf8)
            let rule: CompiledRule
            do { rule = try RuleSpecLoader.load(yaml: text, file: file) } catch { throw CLIError(error.description) }
            let database = try options.openExisting()
            let run = try await AuditRunner.run(database: database, engine: RuleEngine(rules: [rule], includingDrafts: true))
            let findings = run.result.findings
            let fen = findings.reduce(Int64(0)) { $0 + $1.amountAtRisk.fen }
            print("\(rule.spec.id) v\(rule.spec.version) [\(rule.spec.status.rawValue)] \(rule.spec.title)")
            print("hits: \(findings.count) persons, \(findings.reduce(0) { $0 + $1.records.count }) records; amount at stake ¥\(Money(fen: fen)); failures: \(run.result.failures.count)")
            var byCounty = [String: Int]()
            for f in findings { byCounty[run.regionOf[f.idNumber] ?? String(f.idNumber.prefix(6)), default: 0] += 1 }
            print("review workload by county of residence (top 10):")
            for (county, n) in byCounty.sorted(by: { ($0.value, $1.key) > ($1.value, $0.key) }).prefix(10) {
                print("  \(county) \(RegionCatalog.shared.region(county)?.name ?? "?")  \(n)")
            }
            if let truth {
                let card = RuleScorecard(findings: findings, expected: try AuditEvaluateCommand.readTruth(URL(fileURLWithPath: truth)))
                let c = card.byRule[rule.spec.id] ?? .init()
                func f(_ x: Double?) -> String { x.map { String(format: "%.4f", $0) } ?? "-" }
                print("precision \(f(c.precision))  recall \(f(c.recall))  (TP \(c.truePositives), FP \(c.falsePositives), FN \(c.falseNegatives))")
            }
        }
    }
}
