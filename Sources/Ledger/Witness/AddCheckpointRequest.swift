import Foundation

/// The body of a tlog-witness `add-checkpoint` request: `old <size>`, up to 63 base64
/// consistency proof lines, a blank line, then the signed checkpoint.
public struct AddCheckpointRequest: Hashable, Sendable {
    /// The most proof lines a request may carry.
    public static let maximumProofLines = 63

    /// The size of the checkpoint the log believes the witness last cosigned.
    public let oldSize: UInt64
    /// The consistency proof from `oldSize` to the checkpoint's size.
    public let proof: [MerkleHash]
    /// The checkpoint, with the log's signature.
    public let checkpoint: SignedNote

    /// Creates a request.
    public init(oldSize: UInt64, proof: [MerkleHash], checkpoint: SignedNote) {
        self.oldSize = oldSize
        self.proof = proof
        self.checkpoint = checkpoint
    }

    /// The request body.
    public var body: String {
        "old \(oldSize)\n" + proof.map { $0.base64 + "\n" }.joined() + "\n" + checkpoint.serialized
    }

    /// Parses a request body; errors carry status 400 (bad request).
    public init(body: String) throws {
        guard let blank = body.range(of: "\n\n") else {
            throw WitnessError(.badRequest, "request has no blank line before the checkpoint")
        }
        let head = body[..<blank.lowerBound].split(separator: "\n", omittingEmptySubsequences: false)
        let note = String(body[blank.upperBound...])
        guard let first = head.first, first.hasPrefix("old ") else {
            throw WitnessError(.badRequest, "request does not start with an 'old <size>' line")
        }
        let sizeText = first.dropFirst(4)
        guard let oldSize = UInt64(sizeText), sizeText == "0" || !sizeText.hasPrefix("0") else {
            throw WitnessError(.badRequest, "old size '\(sizeText)' is not a decimal without leading zeroes")
        }
        let proofLines = head.dropFirst()
        guard proofLines.count <= Self.maximumProofLines else {
            throw WitnessError(.badRequest, "more than \(Self.maximumProofLines) proof lines")
        }
        var proof: [MerkleHash] = []
        for line in proofLines {
            guard let hash = MerkleHash(base64: String(line)) else {
                throw WitnessError(.badRequest, "proof line '\(line.prefix(60))' is not the base64 of 32 bytes")
            }
            proof.append(hash)
        }
        do {
            self.checkpoint = try SignedNote(parsing: note)
        } catch let error as LedgerError {
            throw WitnessError(.badRequest, "checkpoint: \(error.reason)")
        }
        self.oldSize = oldSize
        self.proof = proof
    }
}
