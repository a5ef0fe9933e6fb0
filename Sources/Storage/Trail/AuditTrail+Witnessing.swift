import Foundation
public import Ledger

/// What a department's witness needs from the log to cosign its checkpoint, and what the log
/// needs to check a cosignature it is given back (the web app's witness endpoints).
extension AuditTrail {
    /// The latest committed checkpoint, signed by the log (without cosignatures).
    public func signedCheckpoint() throws -> SignedNote {
        lock.lock()
        defer { lock.unlock() }
        let text = log.committed.text
        if let published = log.published, published.text == text { return published }
        return SignedNote(text: text, signatures: [try log.configuration.signer.signature(forText: text)])
    }

    /// The consistency proof between two tree sizes of the log.
    public func consistencyProof(from oldSize: UInt64, to newSize: UInt64) throws -> [MerkleHash] {
        lock.lock()
        defer { lock.unlock() }
        return try log.consistencyProof(from: oldSize, to: newSize)
    }

    /// The root of the tree of `size` entries (at most the current size).
    public func root(size: UInt64) throws -> MerkleHash {
        lock.lock()
        defer { lock.unlock() }
        return try log.root(size: size)
    }

    /// The log's verifier, which a checkpoint's own signature must verify with.
    public var verifier: any NoteVerifier { log.configuration.verifier }

    /// The log's verifier key (`name+id+base64`), as witnesses configure it.
    public var verifierKey: String? { (log.configuration.verifier as? Ed25519NoteVerifier)?.verifierKey }
}
