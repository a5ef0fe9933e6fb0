import Casework
import Foundation
import FundWatchCore
import Mustache
import Storage

/// Renders a case's documents (文书) from the `document` template: the wording of each kind, the
/// facts it states and, for an order to repay, the legal basis of the rule behind the case.
/// Personal data is printed masked as everywhere else (ID 3701**********1234, accounts
/// 6222********1234): a printed document leaves the system, and the addressee knows who they are.
struct CaseDocumentRenderer: Sendable {
    let library: MustacheLibrary

    struct Fact: Sendable {
        let label: String
        let value: String
    }

    struct Step: Sendable {
        let at: String
        let action: String
        let detail: String
        let ledgerIndex: String
    }

    struct View: Sendable {
        let title: String
        let number: String
        let office: String
        let addressee: String
        let paragraphs: [String]
        let facts: [Fact]
        let hasFacts: Bool
        let basis: [String]
        let hasBasis: Bool
        let steps: [Step]
        let hasSteps: Bool
        let closingLines: [String]
        let issuedOn: String
        let caseID: String
    }

    /// What a document is drawn from.
    struct Input: Sendable {
        let stored: StoredCase
        let measures: CaseMeasures
        let events: [CaseEvent]
        /// The policy clauses of the case's rule (its `basis`).
        let basis: [String]
        let evidenceCount: Int
        let issuedAt: Date
    }

    /// The document's HTML bytes.
    func render(_ kind: CaseDocumentKind, number: DocumentNumber, _ input: Input) -> [UInt8] {
        let view = Self.view(kind, number: number, input)
        return Array((library.render(view, withTemplate: "document") ?? "").utf8)
    }

    static func view(_ kind: CaseDocumentKind, number: DocumentNumber, _ input: Input) -> View {
        let c = input.stored
        let office = "\(RegionNames.name(c.regionCode))人力资源和社会保障局"
        let person = c.personIDNumber.map { "身份号码 \(IDNumber.mask($0))" } ?? c.institutionID.map { "机构 \($0)" } ?? "当事人"
        let day = Self.chineseDate
        let owed = input.measures.recoveries.reduce(Money.zero) { $0 + $1.value.owed }
        let received = input.measures.recoveries.reduce(Money.zero) { $0 + $1.value.received }
        let outstanding = input.measures.recoveries.reduce(Money.zero) { $0 + $1.value.outstanding }
        let decision = input.events.last { $0.action == "decide" }?.detail.map(PersonalDataMasker.maskNumbers)
        var addressee = "当事人（\(person)）"
        var paragraphs = [String]()
        var facts = [Fact(label: "案件编号", value: c.id), Fact(label: "稽核事项", value: c.title)]
        var basis = [String]()
        var steps = [Step]()
        var closing = [String]()
        switch kind {
        case .auditNotice:
            paragraphs = [
                "根据《中华人民共和国社会保险法》和社会保险基金监督管理的有关规定，我局决定对你涉及的社会保险待遇领取情况进行稽核。",
                "请自收到本通知书之日起十五个工作日内，携带本人身份证件及相关材料到我局说明情况，配合核查。无正当理由拒不配合的，我局将依法处理。",
            ]
            facts += [
                Fact(label: "涉及人员", value: person), Fact(label: "涉及金额", value: "\(c.amountAtRisk) 元"),
            ]
        case .repaymentOrder:
            let due = Calendar.gregorianChina.date(byAdding: .day, value: 30, to: input.issuedAt) ?? input.issuedAt
            paragraphs = [
                "经稽核查明，你存在以下问题：\(c.outcome?.chinese ?? "违规领取社会保险待遇")\(decision.map { "（\($0)）" } ?? "")。",
                "依据下列规定，责令你自收到本通知书之日起三十日内，将下列款项退回社会保险基金。",
            ]
            facts += [
                Fact(label: "涉及人员", value: person), Fact(label: "应退回金额", value: "\(owed) 元"),
                Fact(label: "已退回金额", value: "\(received) 元"), Fact(label: "尚需退回金额", value: "\(outstanding) 元"),
                Fact(label: "退回期限", value: day(due)),
            ]
            basis = input.basis
            closing = [
                "逾期不退回的，我局将依法申请人民法院强制执行，并按规定纳入失信联合惩戒。",
                "如对本决定不服，可以自收到本通知书之日起六十日内依法申请行政复议，或者在六个月内依法提起行政诉讼。",
            ]
        case .freezeNotice:
            let freeze = input.measures.freezes.last?.value
            addressee = freeze.map(\.bank) ?? "开户银行"
            paragraphs = [
                "因办理社会保险基金稽核案件需要，根据《中华人民共和国社会保险法》的有关规定，请贵行协助冻结下列账户中的社会保险待遇款项，冻结期间暂停支付。",
                "冻结情况及解除冻结，我局将另行书面通知。",
            ]
            facts += [
                Fact(label: "开户银行", value: freeze?.bank ?? "—"),
                Fact(label: "账号", value: freeze.map { BankAccount.mask($0.account) } ?? "—"),
                Fact(label: "账户持有人", value: person), Fact(label: "涉及金额", value: "\(c.amountAtRisk) 元"),
            ]
        case .referralLetter:
            let referral = input.measures.referrals.last?.value
            addressee = referral?.authority ?? "司法机关"
            paragraphs = [
                "经我局稽核，\(c.title)，\(person)涉嫌骗取社会保险基金，涉案金额 \(c.amountAtRisk) 元。",
                "根据《中华人民共和国社会保险法》第八十八条和《行政执法机关移送涉嫌犯罪案件的规定》，现将本案移送你单位依法处理，请将处理结果书面反馈我局。",
            ]
            facts += [
                Fact(label: "涉嫌事实", value: referral.map { PersonalDataMasker.maskNumbers($0.facts) } ?? "—"),
                Fact(label: "涉案金额", value: "\(c.amountAtRisk) 元"), Fact(label: "已追回金额", value: "\(received) 元"),
                Fact(label: "随附证据", value: "\(input.evidenceCount) 项（见证据包）"),
            ]
            basis = input.basis
            steps = Self.steps(input.events)
        case .closingReport:
            addressee = "局领导"
            paragraphs = [
                "\(c.title)（案件编号 \(c.id)）于 \(day(c.openedAt)) 立案登记，处理结论为\(c.outcome?.chinese ?? "—")\(decision.map { "（\($0)）" } ?? "")。",
                "应追回 \(owed) 元，已追回 \(received) 元，尚欠 \(outstanding) 元；案件各环节均已记入存证日志。",
            ]
            facts += [
                Fact(label: "涉及人员", value: person), Fact(label: "承办人", value: c.assignee ?? "—"),
                Fact(label: "处理决定人", value: c.decidedBy ?? "—"), Fact(label: "证据", value: "\(input.evidenceCount) 项"),
            ]
            steps = Self.steps(input.events)
            closing = ["经审核，本案已办理完毕，报请结案归档。"]
        }
        return View(
            title: kind.chinese, number: number.description, office: office, addressee: addressee, paragraphs: paragraphs,
            facts: facts, hasFacts: !facts.isEmpty, basis: basis, hasBasis: !basis.isEmpty, steps: steps,
            hasSteps: !steps.isEmpty, closingLines: closing, issuedOn: day(input.issuedAt), caseID: c.id)
    }

    static func steps(_ events: [CaseEvent]) -> [Step] {
        let minute = CaseController.minuteFormatter()
        return events.map {
            Step(
                at: minute.string(from: $0.at), action: CaseController.actionLabel($0.action),
                detail: $0.detail.map(PersonalDataMasker.maskNumbers) ?? "", ledgerIndex: $0.ledgerIndex.map(String.init) ?? "—")
        }
    }

    /// A date as printed on documents: 2026年9月21日 (China Standard Time).
    static func chineseDate(_ date: Date) -> String {
        let c = Calendar.gregorianChina.dateComponents([.year, .month, .day], from: date)
        return "\(c.year ?? 0)年\(c.month ?? 0)月\(c.day ?? 0)日"
    }
}

extension Calendar {
    /// The Gregorian calendar in China Standard Time (UTC+8), the zone of every record.
    static var gregorianChina: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 8 * 3600)!
        return calendar
    }
}
