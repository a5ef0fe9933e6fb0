import Foundation
import Hummingbird
import Storage

/// Risk model quality over retrained versions (`fundwatch model retrain`): the page
/// `/risk/models` (模型质量) and `GET /api/v1/risk/models`, oldest version first.
struct ModelQualityController: Sendable {
    let database: FundWatchDatabase
    let pages: PageRenderer

    func addRoutes(pages router: Router<AppRequestContext>, api: RouterGroup<AppRequestContext>) {
        router.get("/risk/models", use: page)
        api.get("/risk/models", use: list)
    }

    struct VersionList: Encodable {
        let versions: [ModelQualityRecord]
        let count: Int
    }

    func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.require(\.readsFindings)
        let versions = try await database.modelQualityHistory()
        return JSONOutput.response(VersionList(versions: versions, count: versions.count))
    }

    struct PageView: Sendable {
        struct Row: Sendable {
            let version: String
            let kind: String
            let trainedAt: String
            let labels: Int
            let newLabels: Int
            let caseLabels: Int
            let heldOut: String
            let auc: String
            let precision: String
            /// Bar widths (0–100) for the two measures.
            let aucBar: Int
            let precisionBar: Int
            let ledgerIndex: String
        }

        let rows: [Row]
        let empty: Bool
    }

    func page(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try context.require(\.readsFindings)
        let versions = try await database.modelQualityHistory()
        let rows = versions.map { v in
            PageView.Row(
                version: String(v.modelSHA256.prefix(12)), kind: v.kind, trainedAt: v.trainedAt, labels: v.labels,
                newLabels: v.newLabels, caseLabels: v.caseLabels, heldOut: "\(v.heldOutRows)（违规 \(v.heldOutPositives)）",
                auc: v.rocAUC.map { String(format: "%.4f", $0) } ?? "—",
                precision: v.precisionAtK.map { String(format: "%.3f", $0) } ?? "—",
                aucBar: Int(((v.rocAUC ?? 0) * 100).rounded()), precisionBar: Int(((v.precisionAtK ?? 0) * 100).rounded()),
                ledgerIndex: v.ledgerIndex.map(String.init) ?? "—")
        }
        return pages.render(
            "risk-models", title: "模型质量", identity: identity, page: PageView(rows: rows, empty: rows.isEmpty))
    }
}
