import HTTPTypes
import Foundation
import Hummingbird
import Storage

/// Import batches and the quality report of each file (数据导入与质量).
struct ImportController: Sendable {
    let database: FundWatchDatabase
    let pages: PageRenderer

    func addRoutes(pages router: Router<AppRequestContext>, api: RouterGroup<AppRequestContext>) {
        router.get("/imports", use: page)
        api.get("/imports", use: list)
    }

    struct FileRow: Sendable, Codable {
        let id: Int64
        let kind: String
        let fileName: String
        let feed: String?
        let rows: Int
        let rejected: Int
        /// The stored quality report (JSON); long digit runs masked in case a sample slipped in.
        let qualityReport: String?
    }

    struct BatchRow: Sendable, Codable {
        let id: Int64
        let source: String
        let importedAt: String
        let rows: Int
        let rejected: Int
        let files: [FileRow]
    }

    func batches() async throws -> [BatchRow] {
        try await database.importBatches().map { b in
            BatchRow(
                id: b.id, source: (b.source as NSString).lastPathComponent, importedAt: b.importedAt, rows: b.rows,
                rejected: b.rejected,
                files: b.files.map {
                    FileRow(
                        id: $0.id, kind: $0.kind, fileName: $0.fileName, feed: $0.feed, rows: $0.rows, rejected: $0.rejected,
                        qualityReport: $0.qualityReport.map(PersonalDataMasker.maskNumbers))
                })
        }
    }

    struct BatchList: Encodable {
        let batches: [BatchRow]
    }

    func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.require(\.readsImports)
        return JSONOutput.response(BatchList(batches: try await batches()))
    }

    struct PageView: Sendable {
        let batches: [BatchRow]
        let empty: Bool
    }

    func page(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try context.require(\.readsImports)
        let batches = try await batches()
        return pages.render("imports", title: "数据导入", identity: identity, page: PageView(batches: batches, empty: batches.isEmpty))
    }
}
