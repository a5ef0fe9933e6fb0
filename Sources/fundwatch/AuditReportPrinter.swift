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
        Swift.print("rule                                  findings   amount at risk (¥)")
        for rule in run.rules {
            let (n, fen) = byRule[rule.spec.id] ?? (0, 0)
            Swift.print(
                "\(rule.spec.id.padding(toLength: 36, withPad: " ", startingAt: 0)) \(String(n).padLeft(9))   \(Money(fen: fen))  \(rule.spec.title)")
        }
        let alerting = findings.filter { !$0.shadow }
        var bySeverity = [Severity: Int]()
        for f in alerting { bySeverity[f.severity, default: 0] += 1 }
        Swift.print(
            "severity: " + Severity.allCases.reversed().map { "\($0.chinese) \(bySeverity[$0] ?? 0)" }.joined(separator: "  ")
                + "  (shadow, no alert: \(findings.count - alerting.count); data conflicts to verify: \(alerting.filter { $0.kind == .dataConflict }.count))")
        // By the city of the person's registered residence, split by severity.
        let catalog = RegionCatalog.shared
        var byCity = [String: [Severity: Int]]()
        for f in alerting {
            let county = run.regionOf[f.idNumber] ?? String(f.idNumber.prefix(6))
            let city = catalog.ancestors(of: county).first { $0.level == .city }?.code ?? county
            byCity[city, default: [:]][f.severity, default: 0] += 1
        }
        if !byCity.isEmpty {
            Swift.print("city                     红色   橙色   黄色   合计")
            let total = { (c: [Severity: Int]) in c.values.reduce(0, +) }
            for (city, counts) in byCity.sorted(by: { (total($1.value), $0.key) < (total($0.value), $1.key) }).prefix(20) {
                let name = catalog.region(city)?.name ?? city
                let cells = [Severity.red, .orange, .yellow].map { String(counts[$0] ?? 0).padLeft(6) }.joined(separator: " ")
                // Chinese characters take two columns.
                Swift.print("\(name)\(String(repeating: " ", count: max(1, 22 - 2 * name.count))) \(cells) \(String(total(counts)).padLeft(6))")
            }
        }
        for failure in run.result.failures.prefix(20) { printError("rule failed: \(failure)") }
        if run.result.failures.count > 20 { printError("… \(run.result.failures.count - 20) more rule failures") }
        for (id, reason) in run.interpretedRules { printError("rule \(id) runs through the interpreter: \(reason)") }
        let rate = Double(run.result.persons) / max(run.result.seconds, 1e-9)
        Swift.print(
            String(
                format: "%d persons, %d findings, %d failures; loaded in %.2f s, evaluated in %.3f s (%.0f persons/s)",
                run.result.persons, findings.count, run.result.failures.count, run.loadSeconds, run.result.seconds, rate))
    }
}
