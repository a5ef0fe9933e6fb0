import NIOCore
import HTTPTypes
import Foundation
import Hummingbird
import Ledger
import Storage

/// The ledger (存证): the latest checkpoint, entry lookup (by index, or by subject within the
/// caller's region) with an inclusion proof checked against the checkpoint, and the tlog-tiles
/// files served read-only for witnesses and verifiers.
struct LedgerController: Sendable {
    let trail: AuditTrail
    /// Where entries are found by subject (`ledger_subject`, filled as payment decisions commit).
    let database: FundWatchDatabase
    let ledgerDirectory: String?
    let pages: PageRenderer
    /// The witness policy and the cosignatures gathered: the page shows whether the quorum is met.
    let witnesses: WitnessController

    func addRoutes(pages router: Router<AppRequestContext>, api: RouterGroup<AppRequestContext>) {
        router.get("/ledger-view", use: page)
        router.get("/ledger/**", use: tile)
        api.get("/ledger", use: summary)
        api.get("/ledger/entries/:index", use: entry)
        api.get("/ledger/entries", use: search)
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

    /// The entries about one subject, newest first.
    struct SubjectView: Sendable, Codable {
        let subject: String
        let entries: [EntryView]
    }

    /// The indices of the entries about `subject` in `scope`, newest first. None (or none in the
    /// caller's region, which must not be told apart) answers 404.
    func indices(subject: String, scope: RegionScope) async throws -> [UInt64] {
        let indices = try await database.ledgerEntries(subject: subject, in: scope)
        guard !indices.isEmpty else {
            throw AppError(.notFound, code: "not_found", "本辖区的存证日志中没有主题为 \(subject) 的条目")
        }
        return indices
    }

    /// `GET /api/v1/ledger/entries?subject=payment/P001`: what a pre-payment check's answer names
    /// (`ledger_subject`) leads here, to the entry (its `payload_sha256` is the answer's
    /// `decision_sha256`) and its inclusion proof.
    func search(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        guard let subject = request.uri.queryParameters.get("subject"), !subject.isEmpty else {
            throw AppError(.badRequest, code: "missing_subject", "请用 subject 参数给出条目主题，例如 ?subject=payment/P001")
        }
        let found = try await indices(subject: subject, scope: identity.scope)
        return JSONOutput.response(SubjectView(subject: subject, entries: try found.map { try lookup($0) }))
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
        let subject: String
        /// Older entries about the same subject (the newest is `entry`).
        let others: [UInt64]
        let hasOthers: Bool
        let error: String?
    }

    func page(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let query = request.uri.queryParameters.get("index") ?? ""
        let subject = request.uri.queryParameters.get("subject").map { String($0) } ?? ""
        var entry: EntryView?
        var others = [UInt64]()
        var error: String?
        if !subject.isEmpty {
            do {
                let found = try await indices(subject: subject, scope: identity.scope)
                entry = try lookup(found[0])
                others = Array(found.dropFirst())
            } catch let e as AppError { error = e.message }
        } else if !query.isEmpty {
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
                subject: subject, others: others, hasOthers: !others.isEmpty, error: error))
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
