import Crypto

/// The witness side of C2SP tlog-witness `add-checkpoint`: checks a checkpoint against
/// the state the witness last cosigned and, only if every check passes, cosigns it with
/// a `cosignature/v1` and advances the state. Pure: the caller persists the new state
/// (atomically with the check) before returning the cosignature.
public struct Witness: Sendable {
    /// The witness's cosigning key.
    public let signer: CosignatureSigner

    /// Creates a witness.
    public init(signer: CosignatureSigner) { self.signer = signer }

    /// The lower-case hex SHA-256 of an origin: the path element of the monitoring endpoint.
    public static func originHash(_ origin: String) -> String {
        HexCoding.encode(SHA256.hash(data: Array(origin.utf8)))
    }

    /// Handles one request. On success returns the cosignature and updates `state`;
    /// on refusal throws a ``WitnessError`` and leaves `state` unchanged.
    public func addCheckpoint(_ request: AddCheckpointRequest, state: inout WitnessState) throws -> NoteSignature {
        let checkpoint: Checkpoint
        do {
            checkpoint = try Checkpoint(text: request.checkpoint.text)
        } catch let error as LedgerError {
            throw WitnessError(.badRequest, error.reason)
        }
        guard var record = state.logs[checkpoint.origin] else {
            throw WitnessError(.unknownOrigin, "this witness does not follow \(checkpoint.origin)")
        }
        let verifiers = record.verifierKeys.compactMap { try? NoteKeys.verifier(fromVerifierKey: $0) }
        do {
            _ = try request.checkpoint.verify(with: verifiers)
        } catch let error as LedgerError {
            throw WitnessError(.untrustedSignature, error.reason)
        }
        guard request.oldSize <= checkpoint.size else {
            throw WitnessError(.badRequest, "old size \(request.oldSize) exceeds checkpoint size \(checkpoint.size)")
        }
        guard request.oldSize == record.size else {
            throw WitnessError(
                .sizeConflict, "old size \(request.oldSize) is not the witnessed size \(record.size)",
                witnessedSize: record.size)
        }
        if checkpoint.size == 0, checkpoint.root != RFC9162.emptyRoot {
            throw WitnessError(.inconsistent, "a checkpoint of size 0 must have the empty root")
        }
        if request.oldSize == 0 {
            guard request.proof.isEmpty else {
                throw WitnessError(.inconsistent, "a proof from size 0 must be empty")
            }
        } else {
            guard let oldRoot = record.root.flatMap(MerkleHash.init(base64:)) else {
                throw WitnessError(.storage, "witness state for \(checkpoint.origin) has no valid root")
            }
            if request.oldSize == checkpoint.size {
                guard oldRoot == checkpoint.root, request.proof.isEmpty else {
                    throw WitnessError(
                        .inconsistent, "same size \(checkpoint.size) but a different root: the log forked")
                }
            } else {
                do {
                    try MerkleVerifier.verifyConsistency(
                        oldSize: request.oldSize, newSize: checkpoint.size, proof: request.proof,
                        oldRoot: oldRoot, newRoot: checkpoint.root)
                } catch let error as LedgerError {
                    throw WitnessError(.inconsistent, "consistency proof does not verify: \(error.reason)")
                }
            }
        }
        let cosignature: NoteSignature
        do {
            cosignature = try signer.signature(forText: request.checkpoint.text)
        } catch {
            throw WitnessError(.storage, "could not sign: \(error)")
        }
        record.size = checkpoint.size
        record.root = checkpoint.root.base64
        var served = request.checkpoint
        served.signatures.removeAll { $0.name == signer.name && $0.keyID == signer.keyID }
        served.signatures.append(cosignature)
        record.checkpoint = served.serialized
        state.logs[checkpoint.origin] = record
        return cosignature
    }
}
