import AuditRules
import Foundation
import FundWatchCore
import Ledger
import Storage

/// The batch audit as a job inside the server: every timeline through the managed library's
/// engine, the findings stored idempotently, new rule versions and new or changed findings
/// recorded in the server's ledger as one group commit: what `fundwatch audit` does, through the
/// ledger the server already holds open.
struct BatchAudit: Sendable {
    let database: FundWatchDatabase
    let trail: AuditTrail
    /// Who the store and the ledger name as the actor (`user/<name> (server job N)`).
    let actor: String

    /// Runs and stores one audit; returns the store's summary and the persons audited.
    ///
    /// A stop requested through `cancellation` is honoured until the findings are stored (reading
    /// is interrupted, evaluating stops at its end, storing is one transaction that rolls back);
    /// once they are stored, the ledger records are written whatever is asked, so the store and
    /// the ledger never disagree.
    func run(
        engine: RuleEngine, asOf: CivilDate, startedAt: Date, cancellation: JobCancellation = JobCancellation()
    ) async throws -> (AuditRunSummary, persons: Int) {
        let database = database
        // As `fundwatch audit` without --as-of: every record as stored; `asOf` picks the suppressions in force.
        let timelines = try await cancellation.interruptible { try await database.allTimelines() }
        var builder = PopulationIndex.Builder()
        for t in timelines { builder.add(t) }
        builder.add(staff: try await cancellation.interruptible { try await database.allStaff() })
        var regionOf = [String: String]()
        for t in timelines { if let code = t.person?.regionCode { regionOf[t.idNumber.value] = code } }
        let result = engine.evaluate(population: timelines, index: builder.build())
        try cancellation.checkpoint()
        let versions = engine.rules.map { rule in
            RuleVersionInput(
                ruleID: rule.spec.id, version: rule.spec.version,
                sha256: AuditTrail.sha256Hex(Data((rule.spec.source ?? "").utf8)), status: rule.spec.status.rawValue,
                title: rule.spec.title)
        }
        let inputs = result.findings.map { f in
            FindingInput(
                ruleID: f.ruleID, ruleVersion: f.ruleVersion, idNumber: f.idNumber, kind: f.kind.rawValue,
                severity: f.severity.rawValue, score: f.score, riskScore: f.riskScore, amountAtRisk: f.amountAtRisk.fen,
                records: f.records, explanation: f.explanation, regionCode: regionOf[f.idNumber], shadow: f.shadow,
                payload: f.canonicalJSON)
        }
        let run = AuditRunInput(
            startedAt: startedAt, asOf: asOf, actor: actor, persons: result.persons, failures: result.failures.count)
        let summary = try await cancellation.interruptible {
            try await database.storeAudit(run: run, rules: versions, findings: inputs)
        }
        var records = summary.newRuleVersions.map {
            AuditTrail.Record(type: .ruleVersion, actor: actor, subject: "rule/\($0.ruleID)/v\($0.version)", payloadSHA256: $0.sha256)
        }
        records += summary.changed.map {
            AuditTrail.Record(type: .finding, actor: actor, subject: "finding/\($0.findingID)", payloadSHA256: $0.payloadSHA256)
        }
        if !records.isEmpty {
            let first = try trail.record(records).lowerBound
            let ruleCount = summary.newRuleVersions.count
            try await database.markRecorded(
                ruleVersions: summary.newRuleVersions.enumerated().map { ($0.element, first + UInt64($0.offset)) },
                findings: summary.changed.enumerated().map { ($0.element.findingID, first + UInt64(ruleCount + $0.offset)) })
        }
        return (summary, result.persons)
    }
}
