/// A C2SP tlog-checkpoint note text: origin, tree size, base64 root hash, optional
/// extension lines.
public struct Checkpoint: Hashable, Sendable {
    /// The log's identity, e.g. `fundwatch.local/ledger`.
    public let origin: String
    /// The number of leaves.
    public let size: UInt64
    /// The root hash of the tree of `size` leaves.
    public let root: MerkleHash
    /// Opaque extension lines (not recommended; kept for round trips).
    public let extensions: [String]

    /// Creates a checkpoint.
    public init(origin: String, size: UInt64, root: MerkleHash, extensions: [String] = []) {
        self.origin = origin
        self.size = size
        self.root = root
        self.extensions = extensions
    }

    /// The note text, ending in a newline.
    public var text: String {
        ([origin, String(size), root.base64] + extensions).map { $0 + "\n" }.joined()
    }

    /// Parses a checkpoint note text.
    public init(text: String) throws {
        guard text.hasSuffix("\n") else {
            throw LedgerError(.malformedCheckpoint, "checkpoint text does not end in a newline")
        }
        let lines = text.dropLast().split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count >= 3 else {
            throw LedgerError(.malformedCheckpoint, "checkpoint needs origin, size and root lines")
        }
        guard !lines[0].isEmpty else { throw LedgerError(.malformedCheckpoint, "checkpoint origin is empty") }
        let sizeLine = lines[1]
        guard let size = UInt64(sizeLine), sizeLine.allSatisfy(\.isASCII), sizeLine == "0" || !sizeLine.hasPrefix("0")
        else {
            throw LedgerError(
                .malformedCheckpoint, "checkpoint size '\(sizeLine)' is not a decimal without leading zeroes")
        }
        guard let root = MerkleHash(base64: String(lines[2])) else {
            throw LedgerError(.malformedCheckpoint, "checkpoint root is not the base64 of 32 bytes")
        }
        let extensions = lines.dropFirst(3).map(String.init)
        guard extensions.allSatisfy({ !$0.isEmpty }) else {
            throw LedgerError(.malformedCheckpoint, "checkpoint extension lines must be non-empty")
        }
        self.init(origin: String(lines[0]), size: size, root: root, extensions: extensions)
    }
}
