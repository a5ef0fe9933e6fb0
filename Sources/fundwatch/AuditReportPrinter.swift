import AuditRules
import Foundation
import FundWatchCore

/// Prints an audit's findings by rule, severity and city; shared by `audit` and `demo`.
enum AuditReportPrinter {
    static func print(_ run: AuditRunner.Run) {
        let findings = run.result.findings
        var byRule = [String: (count: Int, fen: Int64)]()
        for f in findings {
            byRule[f.ruleID, default: (0, 0)].count += 1
            byRule[f.ruleID, default: (0, 0)].fen += f.amountAtRisk.fen
        }
        Swift.print("rule                              findings   amount at risk (¥)")
        for rule in run.rules {
            let (n, fen) = byRule[rule.spec.id] ?? (0, 0)
            Swift.print(
                "\(rule.spec.id.padding(toLength: 32, withPad: " ", startingAt: 0)) \(String(n).padLeft(9))   \(Money(fen: fen))  \(rule.spec.title)")
        }
        var bySeverity = [Severity: Int]()
        for f in findings { bySeverity[f.severity, default: 0] += 1 }
        Swift.print("severity: " + Severity.allCases.reversed().map { "\($0.chinese) \(bySeverity[$0] ?? 0)" }.joined(separator: "  "))
        // By the city of the person's registered residence.
        let catalog = RegionCatalog.shared
        var byCity = [String: Int]()
        for f in findings where !f.shadow {
            let county = run.regionOf[f.idNumber] ?? String(f.idNumber.prefix(6))
            let city = catalog.ancestors(of: county).first { $0.level == .city }?.code ?? county
            byCity[city, default: 0] += 1
        }
        if !byCity.isEmpty {
            Swift.print("findings by city: " + byCity.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.prefix(16)
                .map { "\(catalog.region($0.key)?.name ?? $0.key) \($0.value)" }.joined(separator: "  "))
        }
        for failure in run.result.failures.prefix(20) { printError("rule failed: \(failure)") }
        if run.result.failures.count > 20 { printError("… \(run.result.failures.count - 20) more rule failures") }
        let rate = Double(run.result.persons) / max(run.result.seconds, 1e-9)
        Swift.print(
            String(
                format: "%d persons, %d findings, %d failures; loaded in %.2f s, evaluated in %.3f s (%.0f persons/s)",
                run.result.persons, findings.count, run.result.failures.count, run.loadSeconds, run.result.seconds, rate))
    }
}
