import Casework
import Foundation
import FundWatchCore
import Storage

/// The case page's enforcement forms (执行措施) translated into measure commands: amounts in
/// yuan as people write them, dates as `YYYY-MM-DD`, a payment plan one instalment a line. Every
/// refusal names the field in Chinese and what to write there.
enum CaseMeasureForm {
    static func command(_ form: [String: String], case stored: StoredCase) throws -> MeasureCommand {
        func text(_ field: String) -> String { form[field]?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "" }
        func id(_ field: String) throws -> Int64 {
            guard let value = Int64(text(field)) else { throw AppError.badRequest("表单缺少措施编号，请刷新页面后重试") }
            return value
        }
        func money(_ field: String, _ label: String) throws -> Money {
            let raw = text(field)
            guard !raw.isEmpty else { throw AppError.badRequest("请填写\(label)（元，如 1200.50）") }
            do {
                return try Money(yuanText: raw)
            } catch {
                throw AppError.badRequest("\(label)“\(raw)”不是有效金额：请写元，最多两位小数，如 1200.50")
            }
        }
        func date(_ field: String, _ label: String) throws -> CivilDate {
            let raw = text(field)
            guard let d = CivilDate(raw) else { throw AppError.badRequest("\(label)“\(raw)”须为日期（YYYY-MM-DD）") }
            return d
        }
        switch text("command") {
        case "start_recovery":
            return .startRecovery(owed: try money("owed_yuan", "应追回金额"), plan: try plan(text("plan")))
        case "record_payment":
            return .recordPayment(
                recoveryID: try id("recovery_id"), amount: try money("amount_yuan", "到账金额"),
                receivedOn: try date("received_on", "到账日期"))
        case "propose_write_off":
            return .proposeWriteOff(
                recoveryID: try id("recovery_id"), amount: try money("amount_yuan", "核销金额"), reason: text("reason"))
        case "approve_write_off":
            return .approveWriteOff(recoveryID: try id("recovery_id"))
        case "decline_write_off":
            return .declineWriteOff(recoveryID: try id("recovery_id"), reason: text("reason"))
        case "order_freeze":
            return .orderFreeze(bank: text("bank"), account: text("account"))
        case "advance_freeze":
            guard let event = Freeze.Event(rawValue: text("event")) else {
                throw AppError.badRequest("请选择冻结进展：银行签收、确认冻结或解除冻结")
            }
            return .advanceFreeze(freezeID: try id("freeze_id"), event: event)
        case "blacklist":
            guard let kind = BlacklistEntry.SubjectKind(rawValue: text("subject_kind")) else {
                throw AppError.badRequest("请选择列入黑名单的是人员还是机构")
            }
            // The case's own person or institution unless another is typed: the page never
            // shows the ID number, so nobody has to copy it.
            let typed = text("subject_id")
            let subject = typed.isEmpty ? (kind == .person ? stored.personIDNumber : stored.institutionID) ?? "" : typed
            guard !subject.isEmpty else {
                throw AppError.badRequest("本案没有登记\(kind.chinese)，请填写要列入黑名单的\(kind.chinese)编号")
            }
            return .blacklist(
                kind: kind, subjectID: subject, reason: text("reason"), start: try date("start", "黑名单开始日期"),
                end: try date("end", "黑名单结束日期"))
        case "lift_blacklist":
            return .liftBlacklist(entryID: try id("entry_id"))
        case "send_referral":
            return .sendReferral(authority: text("authority"), facts: text("facts"))
        case "referral_received":
            return .referralReceived(referralID: try id("referral_id"))
        case "referral_feedback":
            return .referralFeedback(referralID: try id("referral_id"), feedback: text("feedback"))
        default:
            throw AppError.badRequest("未知的执行措施操作，请刷新页面后重试")
        }
    }

    /// A payment plan written one instalment a line: `2026-11-30 1500` (date, then yuan).
    static func plan(_ text: String) throws -> [Recovery.Instalment] {
        var out = [Recovery.Instalment]()
        for (number, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let parts = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," || $0 == "，" })
            guard !parts.isEmpty else { continue }
            guard parts.count == 2, let due = CivilDate(String(parts[0])), let amount = try? Money(yuanText: String(parts[1])) else {
                throw AppError.badRequest("还款计划第 \(number + 1) 行“\(line)”须为“日期 金额”，如 2026-11-30 1500")
            }
            out.append(Recovery.Instalment(due: due, amount: amount))
        }
        return out
    }
}
