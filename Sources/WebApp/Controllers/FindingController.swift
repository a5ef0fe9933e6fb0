import HTTPTypes
import Foundation
import Hummingbird
import Storage
import FundWatchCore

/// `GET /api/v1/findings`: open findings in the caller's region, by risk, masked.
struct FindingController: Sendable {
    let database: FundWatchDatabase
    let presenter: Presenter

    func addRoutes(api: RouterGroup<AppRequestContext>) {
        api.get("/findings", use: list)
    }

    struct FindingOut: Encodable {
        let id: Int64
        let ruleID: String
        let ruleVersion: Int
        let severity: String
        let kind: String
        let regionCode: String?
        let amountAtRisk: Int64
        let riskScore: Double
        let explanation: String
        let personRef: String
        let idNumberMasked: String
    }

    struct FindingList: Encodable {
        let findings: [FindingOut]
        let count: Int
    }

    func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try context.require(\.readsFindings)
        let q = request.uri.queryParameters
        let findings = try await database.openFindings(
            in: identity.scope, limit: q.get("limit", as: Int.self) ?? 200, offset: q.get("offset", as: Int.self) ?? 0)
        let tokens = try await database.personalTokens(of: findings.map(\.idNumber))
        let out = findings.map { f in
            FindingOut(
                id: f.id, ruleID: f.ruleID, ruleVersion: f.ruleVersion, severity: f.severity, kind: f.kind,
                regionCode: f.regionCode, amountAtRisk: f.amountAtRisk, riskScore: f.riskScore,
                explanation: presenter.masker.mask(f.explanation, tokens: tokens[f.idNumber]),
                personRef: presenter.idNumber(f.idNumber).map(presenter.references.reference(for:)) ?? "",
                idNumberMasked: IDNumber.mask(f.idNumber))
        }
        return JSONOutput.response(FindingList(findings: out, count: out.count))
    }
}
