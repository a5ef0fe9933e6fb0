import HTTPTypes
import Foundation
import Hummingbird
import Ledger
import Logging
import NIOCore
import Storage

/// The log's side of witnessing over HTTP (see `WitnessCosignatureIntake` for why the witness
/// pulls): the add-checkpoint request body for a witness's last cosigned size, the intake of
/// cosignatures, the checkpoint served with the cosignatures gathered for it, and the quorum
/// status for the pages. The witnesses and quorum come from the data folder's
/// `witness-policy.txt` (C2SP tlog-policy subset: `witness <name> <vkey>` lines and `quorum`).
struct WitnessController: Sendable {
    let trail: AuditTrail
    let database: FundWatchDatabase
    let policy: LogPolicy
    let clock: WebClock
    let logger: Logger

    /// Where a data folder keeps its witness policy.
    static func policyPath(data: String) -> String { data + "/witness-policy.txt" }

    /// The policy of a data folder (no witnesses when the file is absent); a malformed file stops
    /// the server with its line.
    static func loadPolicy(data: String?) throws -> LogPolicy {
        guard let data, let text = try? String(contentsOfFile: policyPath(data: data), encoding: .utf8) else { return .none }
        do {
            return try LogPolicy(text: text)
        } catch {
            throw WebSetupError("\(policyPath(data: data)): \(error); fix the file or remove it to run without witnesses")
        }
    }

    func addRoutes(pages router: Router<AppRequestContext>, api: RouterGroup<AppRequestContext>) {
        router.get("/ledger/witness/add-checkpoint", use: addCheckpointRequest)
        router.post("/ledger/witness/cosignature", use: submit)
        router.get("/ledger/witness/checkpoint", use: cosignedCheckpoint)
        api.get("/ledger/witnesses", use: status)
    }

    static func text(_ body: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-cache"],
            body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    /// `GET /ledger/witness/add-checkpoint?old=N`: what the log would POST to the witness at
    /// `add-checkpoint`: `old N`, the consistency proof to the latest checkpoint, a blank line,
    /// the checkpoint signed by the log.
    func addCheckpointRequest(_ request: Request, context: AppRequestContext) async throws -> Response {
        let oldText = request.uri.queryParameters.get("old") ?? "0"
        guard let old = UInt64(oldText), oldText == "0" || !oldText.hasPrefix("0") else {
            return Self.text("old must be a decimal tree size without leading zeroes, not '\(oldText.prefix(30))'\n", status: .badRequest)
        }
        let note = try trail.signedCheckpoint()
        let checkpoint = try Checkpoint(text: note.text)
        guard old <= checkpoint.size else {
            return Self.text(
                "old size \(old) exceeds the log's size \(checkpoint.size): the witness has seen a larger tree than this log has (rollback or fork)\n",
                status: .conflict)
        }
        let proof = old == 0 || old == checkpoint.size ? [] : try trail.consistencyProof(from: old, to: checkpoint.size)
        return Self.text(AddCheckpointRequest(oldSize: old, proof: proof, checkpoint: note).body)
    }

    /// `POST /ledger/witness/cosignature`: the checkpoint note with the witness's cosignature.
    func submit(_ request: Request, context: AppRequestContext) async throws -> Response {
        let buffer = try await request.body.collect(upTo: SignedNote.maximumSize)
        let intake = WitnessCosignatureIntake(trail: trail, policy: policy)
        let accepted: [StoredCosignature]
        do {
            accepted = try intake.check(String(buffer: buffer), receivedAt: clock.now())
        } catch {
            if error.status == 422 { logger.critical("witness submitted a checkpoint this log did not make", metadata: ["reason": "\(error.message)"]) }
            return Self.text(error.message + "\n", status: HTTPResponse.Status(code: error.status))
        }
        for cosignature in accepted { try await database.storeCosignature(cosignature) }
        return JSONOutput.response(try await quorumStatus(size: accepted[0].treeSize))
    }

    /// The note of a checkpoint size with every stored cosignature, nil when none is stored.
    func cosignedNote(size: UInt64) async throws -> SignedNote? {
        let stored = try await database.cosignatures(treeSize: size)
        guard let first = stored.first, let root = MerkleHash(base64: first.root) else { return nil }
        let origin = try Checkpoint(text: try trail.signedCheckpoint().text).origin
        let text = Checkpoint(origin: origin, size: size, root: root).text
        let lines = [first.logLine] + stored.map(\.line)
        return try SignedNote(parsing: text + "\n" + lines.joined())
    }

    /// `GET /ledger/witness/checkpoint`: the newest checkpoint that meets the policy's quorum,
    /// with its cosignatures; else the newest cosigned one; else the log's latest (quorum 0 or
    /// no witness yet). The `X-FundWatch-Quorum` header says which.
    func cosignedCheckpoint(_ request: Request, context: AppRequestContext) async throws -> Response {
        var fallback: SignedNote?
        for (size, count) in try await database.cosignedSizes() {
            guard let note = try await cosignedNote(size: size) else { continue }
            if count >= policy.quorum, policy.cosigners(of: note).count >= policy.quorum {
                var response = Self.text(note.serialized)
                response.headers[.init("X-FundWatch-Quorum")!] = "met"
                return response
            }
            if fallback == nil { fallback = note }
        }
        let note = try fallback ?? trail.signedCheckpoint()
        var response = Self.text(note.serialized)
        response.headers[.init("X-FundWatch-Quorum")!] = policy.quorum == 0 ? "met" : "not-met"
        return response
    }

    struct QuorumStatus: Sendable, Codable {
        let treeSize: UInt64
        let cosigners: [String]
        let witnesses: [String]
        let quorum: Int
        let quorumMet: Bool
    }

    func quorumStatus(size: UInt64) async throws -> QuorumStatus {
        let note = try await cosignedNote(size: size)
        let names = note.map { policy.cosigners(of: $0) } ?? []
        return QuorumStatus(
            treeSize: size, cosigners: names, witnesses: policy.witnesses.map(\.name), quorum: policy.quorum,
            quorumMet: names.count >= policy.quorum)
    }

    struct Status: Sendable, Codable {
        let latestSize: UInt64
        let latest: QuorumStatus
        /// The newest size whose cosignatures meet the quorum, if any.
        let newestWitnessedSize: UInt64?
    }

    /// `GET /api/v1/ledger/witnesses`: the policy and which checkpoints its witnesses cosigned.
    func status(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireIdentity()
        let size = try Checkpoint(text: try trail.signedCheckpoint().text).size
        var newest: UInt64?
        for (cosigned, _) in try await database.cosignedSizes() where newest == nil {
            if try await quorumStatus(size: cosigned).quorumMet { newest = cosigned }
        }
        return JSONOutput.response(
            Status(latestSize: size, latest: try await quorumStatus(size: size), newestWitnessedSize: newest))
    }
}
