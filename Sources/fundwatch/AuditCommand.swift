import ArgumentParser
import Ledger
import AuditRules
import Foundation
import FundWatchCore
import Storage

/// `fundwatch audit`: the nightly batch over every person, stored as findings and recorded in the ledger.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Run the rule library over every person's timeline (批量稽核), store the findings and record them in the ledger.",
        discussion: """
            Findings are stored in the data folder's database, one per (rule, rule version, person): running the \
            audit again over the same data adds nothing. New rule versions and new or changed findings are \
            recorded in the ledger (hashes only, no personal data). Findings of shadow rules are stored as \
            shadow, those under a suppression (`fundwatch rules suppress`) as suppressed; neither raises an alert.
            """)

    @OptionGroup var options: DataOptions

    @Option(help: "A folder of rule YAML files (default: the built-in library).")
    var rules: String?

    @Option(name: .customLong("as-of"), help: "Audit the data as known on this date (YYYY-MM-DD; default today).")
    var asOf: String?

    @Option(help: "Write the findings as a JSON array to this file (full ID numbers: authorised staff only).")
    var json: String?

    @Flag(help: "Evaluate and print only: store nothing, record nothing.")
    var dryRun = false

    func run() async throws {
        var date: CivilDate?
        if let asOf {
            guard let d = CivilDate(asOf) else { throw ValidationError("--as-of '\(asOf)' is not a date YYYY-MM-DD") }
            date = d
        }
        let database = try options.openExisting()
        let started = SystemClock.now
        let run = try await AuditRunner.run(database: database, rulesFolder: rules, asOf: date)
        if let json {
            try AuditJSON.write(run, to: URL(fileURLWithPath: json))
        }
        AuditReportPrinter.print(run)
        guard !dryRun else { return }
        let stored = try await AuditStore.store(
            run, database: database, data: options.data, asOf: date ?? SystemClock.today, startedAt: started)
        print(
            "stored: run \(stored.runID), \(stored.findings) findings (\(stored.newFindings) new, \(stored.suppressed) suppressed); ledger: \(stored.newRuleVersions.count) rule versions, \(stored.changed.count) findings recorded"
        )
    }
}

/// The `--json` file: one object per finding, for authorised staff (full ID numbers).
enum AuditJSON {
    struct Item: Encodable {
        let rule_id: String
        let rule_version: Int
        let severity: String
        let kind: String
        let id_number: String
        let records: [String]
        let amount_at_risk: Int64
        let score: Double
        let risk_score: Double
        let explanation: String
        let shadow: Bool
        let region_code: String?
    }

    static func write(_ run: AuditRunner.Run, to url: URL) throws {
        let items = run.result.findings.map { f in
            Item(
                rule_id: f.ruleID, rule_version: f.ruleVersion, severity: f.severity.rawValue, kind: f.kind.rawValue,
                id_number: f.idNumber, records: f.records, amount_at_risk: f.amountAtRisk.fen, score: f.score,
                risk_score: f.riskScore, explanation: f.explanation, shadow: f.shadow, region_code: run.regionOf[f.idNumber])
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try encoder.encode(items).write(to: url)
    }
}

/// Stores an audit's findings and records the new rule versions and findings in the ledger, as
/// one group commit per run.
enum AuditStore {
    static let actor = "fundwatch audit"

    static func store(
        _ run: AuditRunner.Run, database: FundWatchDatabase, data: String, asOf: CivilDate, startedAt: Date
    ) async throws -> AuditRunSummary {
        let versions = run.rules.map { rule in
            RuleVersionInput(
                ruleID: rule.spec.id, version: rule.spec.version,
                sha256: AuditTrail.sha256Hex(Data((rule.spec.source ?? "").utf8)), status: rule.spec.status.rawValue,
                title: rule.spec.title)
        }
        let inputs = run.result.findings.map { f in
            FindingInput(
                ruleID: f.ruleID, ruleVersion: f.ruleVersion, idNumber: f.idNumber, kind: f.kind.rawValue,
                severity: f.severity.rawValue, score: f.score, riskScore: f.riskScore, amountAtRisk: f.amountAtRisk.fen,
                records: f.records, explanation: f.explanation, regionCode: run.regionOf[f.idNumber], shadow: f.shadow,
                payload: f.canonicalJSON)
        }
        let summary = try await database.storeAudit(
            run: AuditRunInput(
                startedAt: startedAt, asOf: asOf, actor: actor, persons: run.result.persons,
                failures: run.result.failures.count),
            rules: versions, findings: inputs)
        var records = summary.newRuleVersions.map {
            AuditTrail.Record(type: .ruleVersion, actor: actor, subject: "rule/\($0.ruleID)/v\($0.version)", payloadSHA256: $0.sha256)
        }
        records += summary.changed.map {
            AuditTrail.Record(type: .finding, actor: actor, subject: "finding/\($0.findingID)", payloadSHA256: $0.payloadSHA256)
        }
        if !records.isEmpty {
            let range: Range<UInt64>
            do {
                range = try AuditTrail.open(data: data).record(records)
            } catch {
                throw CLIError(
                    "the findings are stored (run \(summary.runID)) but the ledger in \(AuditTrail.ledgerDirectory(data: data)) could not record them: \(error). Run `fundwatch audit` again once the ledger is free: it records whatever the ledger is missing."
                )
            }
            let first = range.lowerBound
            let ruleCount = summary.newRuleVersions.count
            try await database.markRecorded(
                ruleVersions: summary.newRuleVersions.enumerated().map { ($0.element, first + UInt64($0.offset)) },
                findings: summary.changed.enumerated().map { ($0.element.findingID, first + UInt64(ruleCount + $0.offset)) })
        }
        return summary
    }
}
