public import Foundation
public import Ledger
import Crypto

/// The data folder's ledger, as the rest of FundWatch records into it: imports, rule versions,
/// findings, payment decisions, case steps and evidence.
///
/// Each record's payload (a finding, a decision, a file) stays in the database or the evidence
/// store; the log holds only the payload's SHA-256, so no personal data ever enters it. A call to
/// `record` is one group commit: its entries are durable and the new checkpoint published when it
/// returns. The log is opened exclusively, so one process at a time writes it; the class
/// serialises the callers inside that process.
public final class AuditTrail: @unchecked Sendable {
    /// One thing to record.
    public struct Record: Sendable {
        public var type: LedgerEntry.EntryType
        /// Who did it: a user, a staff id, or a component such as `fundwatch audit`.
        public var actor: String
        /// What it is about: an id, never personal data.
        public var subject: String
        /// The SHA-256 of the payload, lower-case hex.
        public var payloadSHA256: String

        public init(type: LedgerEntry.EntryType, actor: String, subject: String, payloadSHA256: String) {
            self.type = type
            self.actor = actor
            self.subject = subject
            self.payloadSHA256 = payloadSHA256
        }

        /// A record of `payload`, hashed here.
        public init(type: LedgerEntry.EntryType, actor: String, subject: String, payload: some DataProtocol) {
            self.init(type: type, actor: actor, subject: subject, payloadSHA256: AuditTrail.sha256Hex(payload))
        }
    }

    /// The log's origin line and key name, unless a deployment names its own.
    public static let defaultOrigin = "fundwatch.local/ledger"

    /// Where a data folder keeps its log.
    public static func ledgerDirectory(data: String) -> String { data + "/ledger" }
    /// Where a data folder keeps the log's signing key (created on first use, mode 0600).
    public static func keyPath(data: String) -> String { data + "/keys/ledger.key" }

    let lock = NSLock()
    let log: TransparencyLog
    private let clock: LedgerClock

    /// Wraps an open log; `clock` stamps the entries.
    public init(log: TransparencyLog, clock: LedgerClock = .system) {
        self.log = log
        self.clock = clock
    }

    // A trail that goes away empties the log's commit journal, so the next process to open the
    // ledger (the next import, audit or server start) reads a few bytes instead of replaying up to
    // 32 MiB. Nothing is lost if this never runs (a kill): the journal is replayed instead.
    deinit {
        try? close()
    }

    /// Makes every write durable and empties the log's commit journal (see
    /// `TransparencyLog.close()`); the trail stays usable.
    public func close() throws {
        lock.lock()
        defer { lock.unlock() }
        try log.close()
    }

    /// Opens the ledger of a data folder, creating the log and its key on first use.
    ///
    /// `checkpointInterval` zero publishes a checkpoint at every commit (commands that run and
    /// stop); a server passes a longer one (see `openForServing`).
    public static func open(
        data: String, origin: String = defaultOrigin, policy: LogPolicy = .none, clock: LedgerClock = .system,
        checkpointInterval: Duration = .zero
    ) throws -> AuditTrail {
        try FileManager.default.createDirectory(atPath: data + "/keys", withIntermediateDirectories: true)
        let signer = try KeyFile.loadOrCreateLogKey(path: keyPath(data: data), name: origin)
        var configuration = TransparencyLog.Configuration(
            origin: origin, signer: signer, verifier: signer.verifier, policy: policy)
        configuration.checkpointInterval = checkpointInterval
        let log = try TransparencyLog.open(
            storage: try POSIXLogStorage(root: ledgerDirectory(data: data), exclusive: true),
            configuration: configuration)
        return AuditTrail(log: log, clock: clock)
    }

    /// Appends the records as one group commit and returns their indices in the log.
    @discardableResult
    public func record(_ records: [Record]) throws -> Range<UInt64> {
        let time = clock.now()
        let leaves = try records.map {
            try LedgerEntry(
                type: $0.type, time: time, actor: $0.actor, subject: $0.subject, payloadSHA256: $0.payloadSHA256
            ).canonicalJSON
        }
        lock.lock()
        defer { lock.unlock() }
        if leaves.isEmpty { return log.size..<log.size }
        return try log.append(batch: leaves)
    }

    /// Appends one record and returns its index.
    @discardableResult
    public func record(_ record: Record) throws -> UInt64 {
        try self.record([record]).lowerBound
    }

    /// The number of entries in the log.
    public var size: UInt64 {
        lock.lock()
        defer { lock.unlock() }
        return log.size
    }

    /// The exact bytes of entry `index`.
    public func entry(at index: UInt64) throws -> [UInt8] {
        lock.lock()
        defer { lock.unlock() }
        return try log.entry(at: index)
    }

    /// An inclusion proof of entry `index` in the tree of the current size.
    public func inclusionProof(index: UInt64) throws -> (treeSize: UInt64, hashes: [MerkleHash]) {
        lock.lock()
        defer { lock.unlock() }
        return (log.size, try log.inclusionProof(index: index))
    }

    /// Lower-case hex SHA-256 of `bytes`.
    public static func sha256Hex(_ bytes: some DataProtocol) -> String {
        HexCoding.encode(SHA256.hash(data: bytes))
    }
}
