import Casework
import Foundation
import FundWatchCore
import Storage

/// The JSON bodies of the case API (snake_case keys) and their translation into workflow
/// actions and measure commands; every refusal names the field and what to send.
enum CaseInputs {
    struct Open: Decodable {
        let alert_ids: [Int64]?
        let region_code: String?
        let case_type: String?
        let title: String?
        let person_id_number: String?
        let institution_id: String?
        let amount_at_risk: Int64?
    }

    struct Transition: Decodable {
        let action: String
        let expected_version: Int64?
        let reason: String?
        let summary: String?
        let outcome: String?
        let upheld: Bool?
        /// RFC 3339, for `supervise`.
        let deadline: String?
    }

    struct Instalment: Decodable {
        let due: String
        let amount: Int64
    }

    struct Measure: Decodable {
        let command: String
        let expected_version: Int64?
        let owed: Int64?
        let plan: [Instalment]?
        let recovery_id: Int64?
        let amount: Int64?
        let received_on: String?
        let reason: String?
        let bank: String?
        let account: String?
        let freeze_id: Int64?
        let event: String?
        let subject_kind: String?
        let subject_id: String?
        let start: String?
        let end: String?
        let entry_id: Int64?
        let authority: String?
        let facts: String?
        let referral_id: Int64?
        let feedback: String?
    }

    struct Payment: Decodable {
        let amount: Int64
        let received_on: String
        let expected_version: Int64?
    }

    struct Note: Decodable {
        let title: String?
        let text: String
    }

    struct RecordLink: Decodable {
        let record_type: String
        let row_id: Int64
    }

    static let actionNames = [
        "start_verification", "dismiss", "file_case", "decide", "start_enforcement", "lodge_appeal", "review_appeal",
        "supervise", "sign_off", "close", "reopen",
    ]

    static func action(_ input: Transition) throws -> CaseAction {
        let reason = input.reason ?? ""
        switch input.action {
        case "start_verification": return .startVerification
        case "dismiss": return .dismiss(reason: reason)
        case "file_case": return .fileCase
        case "decide":
            guard let raw = input.outcome, let outcome = CaseOutcome(rawValue: raw) else {
                throw AppError.badRequest("decide 须给出 outcome：confirmed_fraud、error 或 no_issue")
            }
            return .decide(outcome: outcome, summary: input.summary ?? reason)
        case "start_enforcement": return .startEnforcement
        case "lodge_appeal": return .lodgeAppeal(reason: reason)
        case "review_appeal":
            guard let upheld = input.upheld else { throw AppError.badRequest("review_appeal 须给出 upheld：true（维持）或 false（撤销）") }
            return .reviewAppeal(upheld: upheld, reason: reason)
        case "supervise":
            guard let text = input.deadline, let deadline = parseInstant(text) else {
                throw AppError.badRequest("supervise 须给出 deadline（RFC 3339 时间，如 2026-12-31T00:00:00Z）")
            }
            return .supervise(deadline: deadline)
        case "sign_off": return .signOff
        case "close": return .close(summary: input.summary ?? reason)
        case "reopen": return .reopen(reason: reason)
        default:
            throw AppError.badRequest("未知的操作 \(input.action)：可用 \(actionNames.joined(separator: "、"))")
        }
    }

    static func command(_ m: Measure) throws -> MeasureCommand {
        func need<T>(_ value: T?, _ field: String) throws -> T {
            guard let value else { throw AppError.badRequest("\(m.command) 须给出字段 \(field)") }
            return value
        }
        func date(_ value: String?, _ field: String) throws -> CivilDate {
            guard let d = CivilDate(try need(value, field)) else { throw AppError.badRequest("字段 \(field) 须为 YYYY-MM-DD 日期") }
            return d
        }
        switch m.command {
        case "start_recovery":
            let plan = try (m.plan ?? []).enumerated().map { i, p in
                guard let due = CivilDate(p.due) else { throw AppError.badRequest("plan[\(i)].due 须为 YYYY-MM-DD 日期") }
                return Recovery.Instalment(due: due, amount: Money(fen: p.amount))
            }
            return .startRecovery(owed: Money(fen: try need(m.owed, "owed")), plan: plan)
        case "record_payment":
            return .recordPayment(
                recoveryID: try need(m.recovery_id, "recovery_id"), amount: Money(fen: try need(m.amount, "amount")),
                receivedOn: try date(m.received_on, "received_on"))
        case "propose_write_off":
            return .proposeWriteOff(
                recoveryID: try need(m.recovery_id, "recovery_id"), amount: Money(fen: try need(m.amount, "amount")),
                reason: m.reason ?? "")
        case "approve_write_off", "write_off":
            return .approveWriteOff(recoveryID: try need(m.recovery_id, "recovery_id"))
        case "decline_write_off":
            return .declineWriteOff(recoveryID: try need(m.recovery_id, "recovery_id"), reason: m.reason ?? "")
        case "order_freeze":
            return .orderFreeze(bank: try need(m.bank, "bank"), account: try need(m.account, "account"))
        case "advance_freeze":
            guard let event = Freeze.Event(rawValue: try need(m.event, "event")) else {
                throw AppError.badRequest("event 须为 acknowledge、confirm_frozen 或 release")
            }
            return .advanceFreeze(freezeID: try need(m.freeze_id, "freeze_id"), event: event)
        case "blacklist":
            guard let kind = BlacklistEntry.SubjectKind(rawValue: try need(m.subject_kind, "subject_kind")) else {
                throw AppError.badRequest("subject_kind 须为 person 或 institution")
            }
            return .blacklist(
                kind: kind, subjectID: try need(m.subject_id, "subject_id"), reason: m.reason ?? "",
                start: try date(m.start, "start"), end: try date(m.end, "end"))
        case "lift_blacklist":
            return .liftBlacklist(entryID: try need(m.entry_id, "entry_id"))
        case "send_referral":
            return .sendReferral(authority: try need(m.authority, "authority"), facts: m.facts ?? "")
        case "referral_received":
            return .referralReceived(referralID: try need(m.referral_id, "referral_id"))
        case "referral_feedback":
            return .referralFeedback(referralID: try need(m.referral_id, "referral_id"), feedback: m.feedback ?? "")
        default:
            throw AppError.badRequest(
                "未知的执行措施操作 \(m.command)：可用 start_recovery、record_payment、propose_write_off、approve_write_off、decline_write_off、order_freeze、advance_freeze、blacklist、lift_blacklist、send_referral、referral_received、referral_feedback")
        }
    }

    static func parseInstant(_ text: String) -> Date? {
        let f = ISO8601DateFormatter()
        if let d = f.date(from: text) { return d }
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f.date(from: text)
    }
}
