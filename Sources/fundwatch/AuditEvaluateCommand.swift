import ArgumentParser
import AuditRules
import Foundation
import FundWatchCore
import Simulation

/// `fundwatch evaluate`: the rules' precision and recall against the simulator's truth.
struct AuditEvaluateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Audit a data folder and score the findings against a truth.csv (precision, recall, F1 per rule).")

    @OptionGroup var options: DataOptions

    @Option(help: "The simulator's truth.csv (id_number,scheme,rule_ids,first_period).")
    var truth: String

    @Option(help: "A folder of rule YAML files (default: the built-in library).")
    var rules: String?

    @Flag(help: "Show the listed ID numbers in full (they are masked by default).")
    var reveal = false

    @Option(help: "How many misses and false alarms to list per rule.")
    var list: Int = 5

    func run() async throws {
        let expected = try Self.readTruth(URL(fileURLWithPath: truth))
        let run = try await AuditRunner.run(database: try options.openExisting(), rulesFolder: rules)
        let card = RuleScorecard(findings: run.result.findings, expected: expected)
        func f(_ x: Double?) -> String { x.map { String(format: "%.4f", $0) } ?? "   -  " }
        print("rule                              TP     FP     FN   precision  recall     F1")
        for (rule, c) in card.byRule.sorted(by: { $0.key < $1.key }) {
            print("\(rule.padding(toLength: 32, withPad: " ", startingAt: 0)) \(String(c.truePositives).padLeft(5)) \(String(c.falsePositives).padLeft(6)) \(String(c.falseNegatives).padLeft(6))   \(f(c.precision))    \(f(c.recall))   \(f(c.f1))")
        }
        for (label, c) in [("overall (planted rules)", card.overall(plantedOnly: true)), ("overall (all rules)", card.overall), ("persons (any rule)", card.persons)] {
            print("\(label.padding(toLength: 32, withPad: " ", startingAt: 0)) \(String(c.truePositives).padLeft(5)) \(String(c.falsePositives).padLeft(6)) \(String(c.falseNegatives).padLeft(6))   \(f(c.precision))    \(f(c.recall))   \(f(c.f1))")
        }
        var shown = [String: Int]()
        for miss in card.misses where shown[miss.rule, default: 0] < list {
            shown[miss.rule, default: 0] += 1
            print("miss         \(miss.rule) \(reveal ? miss.idNumber : IDNumber.mask(miss.idNumber))")
        }
        shown = [:]
        for alarm in card.falseAlarms where shown[alarm.rule, default: 0] < list {
            shown[alarm.rule, default: 0] += 1
            print("false alarm  \(alarm.rule) \(reveal ? alarm.idNumber : IDNumber.mask(alarm.idNumber))")
        }
        let shadow = run.result.findings.filter(\.shadow)
        if !shadow.isEmpty {
            print("shadow rules (no alerts, not scored): " + Dictionary(grouping: shadow, by: \.ruleID).map { "\($0.key) \($0.value.count)" }.sorted().joined(separator: ", "))
        }
        print(String(format: "%d persons evaluated in %.3f s (%.0f persons/s)", run.result.persons, run.result.seconds,
            Double(run.result.persons) / max(run.result.seconds, 1e-9)))
    }

    /// ID number → expected rule ids. A scheme the simulator knows maps through its `ruleIDs`
    /// (the library's names); otherwise the file's rule_ids column (separated by `;` or `|`) is used.
    static func readTruth(_ url: URL) throws -> [String: Set<String>] {
        let text = try String(contentsOf: url, encoding: .utf8)
        var lines = text.split(whereSeparator: \.isNewline).map(String.init)
        guard let header = lines.first?.split(separator: ",").map(String.init),
            let idColumn = header.firstIndex(of: "id_number"), let schemeColumn = header.firstIndex(of: "scheme")
        else { throw CLIError("\(url.path): not a truth.csv (needs id_number and scheme columns)") }
        let rulesColumn = header.firstIndex(of: "rule_ids")
        lines.removeFirst()
        var expected = [String: Set<String>]()
        for line in lines {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard cells.count > max(idColumn, schemeColumn) else { continue }
            let id = cells[idColumn]
            var rules: [String]
            if let scheme = FraudScheme(rawValue: cells[schemeColumn]) {
                rules = scheme.ruleIDs
            } else if let c = rulesColumn, c < cells.count {
                rules = cells[c].split(whereSeparator: { $0 == ";" || $0 == "|" }).map(String.init)
            } else {
                rules = []
            }
            expected[id, default: []].formUnion(rules)
        }
        return expected
    }
}
