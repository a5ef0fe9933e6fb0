import AuditRules
import Foundation
import FundWatchCore
import Storage

/// An alert as pages and the API show it: personal data masked, codes with their labels, and
/// which actions the viewer may take.
struct AlertView: Sendable, Codable {
    let id: Int64
    let ruleID: String
    let ruleVersion: Int
    let ruleTitle: String
    let severity: String
    let severityLabel: String
    let isRed: Bool
    let kind: String
    let kindLabel: String
    let status: String
    let statusLabel: String
    let regionCode: String?
    let regionName: String
    /// Fen.
    let amountAtRisk: Int64
    let amountYuan: String
    let riskScore: Double
    let explanation: String
    let records: [String]
    let personRef: String
    let idNumberMasked: String
    let assignee: String?
    let proposedBy: String?
    let reason: String?
    let actions: Actions

    /// What the viewer may do now.
    struct Actions: Sendable, Codable {
        let acknowledge: Bool
        let assign: Bool
        let dismiss: Bool
        let confirmDismissal: Bool
        let rejectDismissal: Bool
        let openCase: Bool
        /// Whether any action is open (stored, so that templates see it).
        let any: Bool

        init(acknowledge: Bool, assign: Bool, dismiss: Bool, confirmDismissal: Bool, rejectDismissal: Bool, openCase: Bool) {
            self.acknowledge = acknowledge
            self.assign = assign
            self.dismiss = dismiss
            self.confirmDismissal = confirmDismissal
            self.rejectDismissal = rejectDismissal
            self.openCase = openCase
            self.any = acknowledge || assign || dismiss || confirmDismissal || rejectDismissal || openCase
        }
    }
}

/// Turns stored values into views: masks personal data with the tokens on record and seals
/// person references.
struct Presenter: Sendable {
    let database: FundWatchDatabase
    let rules: RuleLibrary
    let references: PersonReference
    let clock: WebClock
    let masker = PersonalDataMasker()

    /// The ID number of a stored finding or record (stored IDs were validated on import).
    func idNumber(_ text: String) -> IDNumber? { try? IDNumber(text, today: clock.today()) }

    func alerts(_ alerts: [Alert], for identity: Identity) async throws -> [AlertView] {
        let tokens = try await database.personalTokens(of: alerts.map(\.finding.idNumber))
        return alerts.map { view($0, tokens: tokens[$0.finding.idNumber], identity: identity) }
    }

    func view(_ alert: Alert, tokens: PersonalTokens?, identity: Identity) -> AlertView {
        let f = alert.finding
        let workflow = AlertWorkflow()
        let actor = AlertWorkflow.Actor(name: identity.user.actor, role: identity.user.role)
        func can(_ action: AlertAction) -> Bool {
            identity.hasScope("alerts:write")
                && (try? workflow.apply(action, to: alert.workflowState, by: actor).get()) != nil
        }
        let id = idNumber(f.idNumber)
        return AlertView(
            id: f.id, ruleID: f.ruleID, ruleVersion: f.ruleVersion, ruleTitle: rules.rule(f.ruleID)?.spec.title ?? f.ruleID,
            severity: f.severity, severityLabel: Labels.severity(f.severity), isRed: f.severity == "red", kind: f.kind,
            kindLabel: Labels.kind(f.kind), status: alert.status.rawValue, statusLabel: alert.status.chinese,
            regionCode: f.regionCode, regionName: RegionNames.name(f.regionCode), amountAtRisk: f.amountAtRisk,
            amountYuan: Labels.yuan(f.amountAtRisk), riskScore: f.riskScore,
            explanation: masker.mask(f.explanation, tokens: tokens),
            records: f.records.map { masker.maskTokens($0, tokens: tokens) },
            personRef: id.map(references.reference(for:)) ?? "", idNumberMasked: IDNumber.mask(f.idNumber),
            assignee: alert.assignee, proposedBy: alert.proposedBy,
            reason: alert.reason.map { masker.mask($0, tokens: tokens) },
            actions: AlertView.Actions(
                acknowledge: can(.acknowledge), assign: can(.assign(to: "x")), dismiss: can(.dismiss(reason: "written reason")),
                confirmDismissal: can(.confirmDismissal), rejectDismissal: can(.rejectDismissal(reason: "written reason")),
                openCase: can(.openCase)))
    }
}
