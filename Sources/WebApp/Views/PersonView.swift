import AuditRules
import Foundation
import FundWatchCore
import Storage

/// A person's 360° profile (人员画像) as pages and the API show it: masked unless revealed.
struct PersonView: Sendable, Codable {
    struct Event: Sendable, Codable {
        let date: String
        let kind: String
        let department: String
        let summary: String
    }

    struct Link: Sendable, Codable {
        let recordKind: String
        let rawID: String
        let method: String
        let probability: String
    }

    struct FindingRow: Sendable, Codable {
        let id: Int64
        let ruleID: String
        let ruleTitle: String
        let severity: String
        let severityLabel: String
        let status: String
        let amountYuan: String
        let explanation: String
        let isAlert: Bool
    }

    let ref: String
    let idNumber: String
    let name: String
    let sex: String
    let birth: String
    let regionName: String
    let deathDate: String?
    let revealed: Bool
    let events: [Event]
    let links: [Link]
    let findings: [FindingRow]
    let hasLinks: Bool
    let hasFindings: Bool
    /// Whether the viewer may ask to see the data unmasked.
    let mayReveal: Bool
    /// The newest risk model score with its reasons, when a model has scored the person.
    var risk: RiskPanel? = nil

    /// The risk model's verdict on the person, as the page shows it.
    struct RiskPanel: Sendable, Codable {
        /// The score with four decimals.
        let score: String
        /// The first 12 hex digits of the model version's SHA-256 (as recorded in the ledger).
        let model: String
        /// `feature=value (+weight)`, the features that raised the score most.
        let reasons: [String]
        let hasReasons: Bool
    }

    /// The view with the person's stored risk score (unchanged when there is none).
    func withRisk(_ stored: PersonRiskScore?) -> PersonView {
        var view = self
        view.risk = stored.map {
            RiskPanel(
                score: String(format: "%.4f", $0.score), model: String($0.modelSHA256.prefix(12)), reasons: $0.reasons,
                hasReasons: !$0.reasons.isEmpty)
        }
        return view
    }

    /// Builds the view; when `revealed` is false every name, ID, account, phone and birth date is masked.
    static func make(
        timeline: PersonTimeline?, id: IDNumber, ref: String, findings: [StoredFinding], links: [PersonLinkView],
        tokens: PersonalTokens?, revealed: Bool, mayReveal: Bool, rules: RuleLibrary
    ) -> PersonView {
        let masker = PersonalDataMasker()
        func show(_ text: String) -> String { revealed ? text : masker.mask(text, tokens: tokens) }
        let name = timeline?.person?.name ?? tokens?.names.first ?? "（未登记）"
        let birth = timeline?.birthDate ?? id.birthDate
        let events = (timeline?.events ?? []).filter { revealed || $0.kind != .birth }.map {
            Event(date: $0.date.description, kind: $0.kind.rawValue, department: department($0.kind), summary: show($0.summary))
        }
        return PersonView(
            ref: ref, idNumber: revealed ? id.value : id.masked,
            name: revealed ? name : PersonalDataMasker.maskName(name),
            sex: (timeline?.sex ?? id.sex).chinese,
            birth: revealed ? birth.description : "\(birth.year)年",
            regionName: RegionNames.name(timeline?.person?.regionCode),
            deathDate: timeline?.deathDate?.description, revealed: revealed, events: events,
            links: links.map {
                Link(
                    recordKind: $0.recordKind, rawID: revealed ? $0.rawID : IDNumber.mask($0.rawID), method: $0.method,
                    probability: String(format: "%.3f", $0.probability))
            },
            findings: findings.map {
                FindingRow(
                    id: $0.id, ruleID: $0.ruleID, ruleTitle: rules.rule($0.ruleID)?.spec.title ?? $0.ruleID,
                    severity: $0.severity, severityLabel: Labels.severity($0.severity), status: $0.status.rawValue,
                    amountYuan: Labels.yuan($0.amountAtRisk), explanation: show($0.explanation), isAlert: $0.status == .open)
            },
            hasLinks: !links.isEmpty, hasFindings: !findings.isEmpty, mayReveal: mayReveal && !revealed)
    }

    /// The department an event's records come from.
    static func department(_ kind: TimelineEvent.Kind) -> String {
        switch kind {
        case .birth: "公安（户籍）"
        case .enrollment, .contribution, .payment, .verification: "人社"
        case .medical: "医保"
        case .injury: "人社（工伤）"
        case .death: "民政/公安/卫健"
        case .custody: "法院/司法"
        case .employment: "税务"
        }
    }
}
