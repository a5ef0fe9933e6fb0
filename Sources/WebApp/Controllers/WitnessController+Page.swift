import Foundation
import Ledger
import Storage

extension WitnessController {
    /// The witness part of the ledger page (存证): the policy, the newest checkpoint the witnesses
    /// cosigned with each cosignature, and whether the policy's quorum is met for it and for the
    /// log's latest checkpoint.
    struct PageSection: Sendable {
        struct Cosignature: Sendable {
            let witness: String
            let receivedAt: String
            let line: String
        }

        /// Whether `witness-policy.txt` names any witness.
        let configured: Bool
        let witnesses: String
        let quorum: Int
        let latestSize: UInt64
        /// Cosigners of the log's latest checkpoint, and whether they meet the quorum.
        let latestCosigners: Int
        let latestQuorumMet: Bool
        /// The newest checkpoint with cosignatures, if any.
        let cosignedSize: UInt64?
        let cosignatures: [Cosignature]
        let cosignedQuorumMet: Bool
        /// The newest checkpoint whose cosignatures meet the quorum.
        let newestWitnessedSize: UInt64?
    }

    func pageSection() async throws -> PageSection {
        let latestSize = try Checkpoint(text: try trail.signedCheckpoint().text).size
        let latest = try await quorumStatus(size: latestSize)
        let sizes = try await database.cosignedSizes()
        var cosignedSize: UInt64?
        var cosignatures: [PageSection.Cosignature] = []
        var cosignedMet = false
        var newestWitnessed: UInt64?
        for (size, _) in sizes {
            let status = try await quorumStatus(size: size)
            if cosignedSize == nil {
                cosignedSize = size
                cosignedMet = status.quorumMet
                // Only the cosignatures that verify against the policy count (and are shown).
                let valid = Set(status.cosigners)
                cosignatures = try await database.cosignatures(treeSize: size).filter { valid.contains($0.witness) }.map {
                    PageSection.Cosignature(witness: $0.witness, receivedAt: WebTimeText.format($0.receivedAt), line: $0.line)
                }
            }
            if status.quorumMet {
                newestWitnessed = size
                break
            }
        }
        return PageSection(
            configured: !policy.witnesses.isEmpty, witnesses: policy.witnesses.map(\.name).joined(separator: "、"),
            quorum: policy.quorum, latestSize: latestSize, latestCosigners: latest.cosigners.count,
            latestQuorumMet: latest.quorumMet, cosignedSize: cosignedSize, cosignatures: cosignatures,
            cosignedQuorumMet: cosignedMet, newestWitnessedSize: newestWitnessed)
    }
}
