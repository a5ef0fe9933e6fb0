import NIOCore
import HTTPTypes
import Foundation
import Hummingbird
import Ledger
import Storage

/// The ledger (存证): the latest checkpoint, entry lookup with an inclusion proof checked
/// against the checkpoint, and the tlog-tiles files served read-only for witnesses and verifiers.
struct LedgerController: Sendable {
    let trail: AuditTrail
    let ledgerDirectory: String?
    let pages: PageRenderer
    /// The witness policy and the cosignatures gathered: the page shows whether the quorum is met.
    let witnesses: WitnessController

    func addRoutes(pages router: Router<AppRequestContext>, api: RouterGroup<AppRequestContext>) {
        router.get("/ledger-view", use: page)
        router.get("/ledger/**", use: tile)
        api.get("/ledger", use: summary)
        api.get("/ledger/entries/:index", use: entry)
    }

    struct Summary: Sendable, Codable {
        let size: UInt64
        let checkpoint: String?
        let origin: String?
        let root: String?
    }

    func currentSummary() -> Summary {
        let text = ledgerDirectory.flatMap { try? String(contentsOfFile: $0 + "/" + TilePath.checkpoint, encoding: .utf8) }
        let body = text.map { String($0.split(separator: "\n\n", maxSplits: 1).first ?? "") + "\n" }
        let checkpoint = body.flatMap { try? Checkpoint(text: $0) }
        return Summary(size: trail.size, checkpoint: text, origin: checkpoint?.origin, root: checkpoint?.root.hex)
    }

    struct EntryView: Sendable, Codable {
        let index: UInt64
        let entry: String
        let leafHash: String
        let treeSize: UInt64
        let proof: [String]
        /// The root the proof leads to; `verified` when it equals the published checkpoint's root of the same size.
        let computedRoot: String
        let checkpointRoot: String?
        let verified: Bool
    }

    func lookup(_ index: UInt64) throws -> EntryView {
        guard index < trail.size else { throw AppError(.notFound, code: "not_found", "存证日志中没有第 \(index) 条（共 \(trail.size) 条）") }
        let bytes = try trail.entry(at: index)
        let (size, proof) = try trail.inclusionProof(index: index)
        let leaf = RFC9162.leafHash(bytes)
        let root = try MerkleVerifier.rootFromInclusion(index: index, size: size, leafHash: leaf, proof: proof)
        let summary = currentSummary()
        let sameSize = summary.checkpoint.flatMap { text -> UInt64? in
            let lines = text.split(separator: "\n")
            return lines.count > 1 ? UInt64(lines[1]) : nil
        } == size
        return EntryView(
            index: index, entry: String(decoding: bytes, as: UTF8.self), leafHash: leaf.hex, treeSize: size,
            proof: proof.map(\.hex), computedRoot: root.hex, checkpointRoot: summary.root,
            verified: sameSize && summary.root == root.hex)
    }

    func summary(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireIdentity()
        return JSONOutput.response(currentSummary())
    }

    func entry(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireIdentity()
        guard let index = context.parameters.get("index", as: UInt64.self) else { throw AppError.notFound }
        return JSONOutput.response(try lookup(index))
    }

    struct PageView: Sendable {
        let summary: Summary
        let witness: WitnessController.PageSection
        let entry: EntryView?
        let query: String
        let error: String?
    }

    func page(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let query = request.uri.queryParameters.get("index") ?? ""
        var entry: EntryView?
        var error: String?
        if !query.isEmpty {
            if let index = UInt64(query) {
                do { entry = try lookup(index) } catch let e as AppError { error = e.message }
            } else {
                error = "请输入条目序号（非负整数）"
            }
        }
        return pages.render(
            "ledger", title: "存证", identity: identity,
            page: PageView(
                summary: currentSummary(), witness: try await witnesses.pageSection(), entry: entry, query: query,
                error: error))
    }

    /// A file of the tlog-tiles layout: the checkpoint (changes: revalidate), full tiles
    /// (never change: cache for a year) and partial tiles (`.p/`, replaced as the log grows).
    func tile(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let directory = ledgerDirectory else { throw AppError.notFound }
        let parts = context.parameters.getCatchAll().map(String.init)
        let path = parts.joined(separator: "/")
        let allowed =
            path == TilePath.checkpoint
            || (parts.first == "tile" && parts.count >= 3 && !parts.contains("..") && !parts.contains(".")
                && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "." || $0 == "x" } })
        guard allowed, let data = FileManager.default.contents(atPath: directory + "/" + path) else {
            throw AppError.notFound
        }
        let cache =
            path == TilePath.checkpoint || path.contains(".p/") || path.hasSuffix(".p")
            ? "no-cache" : "public, max-age=31536000, immutable"
        return Response(
            status: .ok,
            headers: [
                .contentType: path == TilePath.checkpoint ? "text/plain; charset=utf-8" : "application/octet-stream",
                .cacheControl: cache,
            ],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
