import Casework
import Collaboration
import Foundation
import FundWatchCore
import GRDB
import Ledger

extension FundWatchDatabase {
    /// Feeds a case's decision into the outcomes that compute each rule's confirmed precision,
    /// inside the decision's own transaction, so nobody enters the outcome a second time by hand.
    ///
    /// `decision` is the decided outcome, or nil when the case was dismissed (不予立案: the finding
    /// turned out to be no issue). The rule is that of the case's first alert (a case opened by
    /// hand or from a clue counts under its case type); the amount is the amount at risk for a
    /// confirmed finding and 0 otherwise. A later decision (after an appeal or a reopening)
    /// revises the same outcome row.
    static func feedOutcome(
        of stored: StoredCase, decision: Casework.CaseOutcome?, by actor: String, at time: Date, trail: AuditTrail,
        _ db: Database
    ) throws {
        let verdict = decision.flatMap { OutcomeVerdict(rawValue: $0.rawValue) } ?? .noIssue
        let ruleID =
            try String.fetchOne(
                db,
                sql: """
                    SELECT f.rule_id FROM case_alert a JOIN finding f ON f.id = a.finding_id
                    WHERE a.case_id = ? ORDER BY f.id LIMIT 1
                    """,
                arguments: [stored.id]) ?? stored.caseType
        let outcome = Collaboration.CaseOutcome(
            caseID: stored.id, ruleID: ruleID, regionCode: stored.regionCode, institutionID: stored.institutionID,
            verdict: verdict, decidedOn: Self.chinaDate(time),
            amountFen: verdict.confirmsFinding ? stored.amountAtRisk.fen : 0)
        try upsertOutcome(outcome, by: actor, at: time, trail: trail, db)
    }

    /// The calendar day of an instant in China Standard Time (UTC+8), the zone of every record.
    static func chinaDate(_ time: Date) -> CivilDate {
        let seconds = Int(time.timeIntervalSince1970.rounded(.down)) + 8 * 3600
        return CivilDate(daysSinceEpoch: seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
    }
}
