import Foundation
import FundWatchCore
import Hummingbird
import Storage

/// The risk model's lists for the cockpit, scoped to the caller's region:
/// `GET /api/v1/risk/institutions` ranks institutions among their peers with reasons, and
/// `GET /api/v1/risk/persons` lists the highest person scores of the newest model (masked), and
/// `GET /api/v1/risk/findings` is the open-findings queue sorted by combined risk (the rule's
/// risk and the person's model score).
struct RiskController: Sendable {
    let database: FundWatchDatabase
    let presenter: Presenter

    func addRoutes(api: RouterGroup<AppRequestContext>) {
        api.get("/risk/institutions", use: institutions)
        api.get("/risk/persons", use: persons)
        api.get("/risk/findings", use: findings)
    }

    struct CombinedOut: Encodable {
        let id: Int64
        let ruleID: String
        let severity: String
        let regionCode: String?
        let amountAtRisk: Int64
        let riskScore: Double
        let modelScore: Double?
        let combinedRisk: Double
        let explanation: String
        let personRef: String
        let idNumberMasked: String
    }

    struct CombinedList: Encodable {
        let findings: [CombinedOut]
        let count: Int
    }

    func findings(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try context.require(\.readsFindings)
        let q = request.uri.queryParameters
        let rows = try await database.openFindingsByCombinedRisk(
            in: identity.scope, limit: q.get("limit", as: Int.self) ?? 200, offset: q.get("offset", as: Int.self) ?? 0)
        let tokens = try await database.personalTokens(of: rows.map(\.finding.idNumber))
        let out = rows.map { row in
            let f = row.finding
            return CombinedOut(
                id: f.id, ruleID: f.ruleID, severity: f.severity, regionCode: f.regionCode, amountAtRisk: f.amountAtRisk,
                riskScore: f.riskScore, modelScore: row.modelScore, combinedRisk: row.combinedRisk,
                explanation: presenter.masker.mask(f.explanation, tokens: tokens[f.idNumber]),
                personRef: presenter.idNumber(f.idNumber).map(presenter.references.reference(for:)) ?? "",
                idNumberMasked: IDNumber.mask(f.idNumber))
        }
        return JSONOutput.response(CombinedList(findings: out, count: out.count))
    }

    struct InstitutionOut: Encodable {
        let institutionID: String
        let role: String
        let regionCode: String?
        let score: Double
        let reasons: [String]
    }

    struct InstitutionList: Encodable {
        let institutions: [InstitutionOut]
        let count: Int
    }

    struct PersonOut: Encodable {
        let personRef: String
        let idNumberMasked: String
        let regionCode: String?
        let score: Double
        let reasons: [String]
        let modelSHA256: String
    }

    struct PersonList: Encodable {
        let persons: [PersonOut]
        let count: Int
    }

    func institutions(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try context.require(\.readsFindings)
        let q = request.uri.queryParameters
        var role: String?
        if let r = q.get("role"), !r.isEmpty {
            guard ["medical", "employer"].contains(r) else { throw AppError.badRequest("role 只能是 medical 或 employer") }
            role = r
        }
        let list = try await database.topInstitutionRisks(
            limit: Self.limit(q.get("limit", as: Int.self)), regionPrefix: Self.prefix(identity.scope), role: role)
        let out = list.map {
            InstitutionOut(
                institutionID: $0.institutionID, role: $0.role, regionCode: $0.regionCode, score: $0.score,
                reasons: $0.reasons)
        }
        return JSONOutput.response(InstitutionList(institutions: out, count: out.count))
    }

    func persons(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try context.require(\.readsFindings)
        let q = request.uri.queryParameters
        let list = try await database.topRiskScores(
            limit: Self.limit(q.get("limit", as: Int.self)), regionPrefix: Self.prefix(identity.scope))
        let out = list.map { s in
            PersonOut(
                personRef: presenter.idNumber(s.idNumber).map(presenter.references.reference(for:)) ?? "",
                idNumberMasked: IDNumber.mask(s.idNumber), regionCode: s.regionCode, score: s.score,
                reasons: s.reasons, modelSHA256: s.modelSHA256)
        }
        return JSONOutput.response(PersonList(persons: out, count: out.count))
    }

    /// 50 by default, at most 500.
    static func limit(_ asked: Int?) -> Int { min(500, max(1, asked ?? 50)) }

    /// The region prefix of a scope; nil for the nation (no filter).
    static func prefix(_ scope: RegionScope) -> String? { scope.isNation ? nil : scope.prefix }
}
