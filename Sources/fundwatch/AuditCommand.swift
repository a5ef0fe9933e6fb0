import ArgumentParser
import AuditRules
import Foundation
import FundWatchCore

/// `fundwatch audit`: the nightly batch over every person.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Run the rule library over every person's timeline (批量稽核) and report the findings.")

    @OptionGroup var options: DataOptions

    @Option(help: "A folder of rule YAML files (default: the built-in library).")
    var rules: String?

    @Option(help: "Write the findings as a JSON array to this file (full ID numbers: authorised staff only).")
    var json: String?

    func run() async throws {
        let database = try options.openExisting()
        let run = try await AuditRunner.run(database: database, rulesFolder: rules)
        let result = run.result
        if let json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            try encoder.encode(result.findings).write(to: URL(fileURLWithPath: json))
        }
        var byRule = [String: (count: Int, fen: Int64)]()
        for f in result.findings {
            byRule[f.ruleID, default: (0, 0)].count += 1
            byRule[f.ruleID, default: (0, 0)].fen += f.amountAtRisk.fen
        }
        print("rule                              findings   amount at risk (¥)")
        for rule in run.rules {
            let (n, fen) = byRule[rule.spec.id] ?? (0, 0)
            print("\(rule.spec.id.padding(toLength: 32, withPad: " ", startingAt: 0)) \(String(n).padLeft(9))   \(Money(fen: fen))  \(rule.spec.title)")
        }
        var bySeverity = [Severity: Int]()
        for f in result.findings { bySeverity[f.severity, default: 0] += 1 }
        print("severity: " + Severity.allCases.reversed().map { "\($0.chinese) \(bySeverity[$0] ?? 0)" }.joined(separator: "  "))
        for failure in result.failures.prefix(20) { printError("rule failed: \(failure)") }
        if result.failures.count > 20 { printError("… \(result.failures.count - 20) more rule failures") }
        let rate = Double(result.persons) / max(result.seconds, 1e-9)
        print(String(
            format: "%d persons, %d findings, %d failures; loaded in %.2f s, evaluated in %.3f s (%.0f persons/s)",
            result.persons, result.findings.count, result.failures.count, run.loadSeconds, result.seconds, rate))
    }
}
