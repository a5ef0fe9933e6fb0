public import Crypto

/// The RFC 9162 §2.1 (and RFC 6962) Merkle tree hash with SHA-256:
/// leaves are hashed as `SHA-256(0x00 ‖ data)`, interior nodes as `SHA-256(0x01 ‖ left ‖ right)`.
public enum RFC9162 {
    /// The root of the empty tree: SHA-256 of the empty string.
    public static let emptyRoot: MerkleHash = MerkleHash(digest: SHA256().finalize())

    /// The leaf hash of an entry.
    public static func leafHash(_ data: UnsafeRawBufferPointer) -> MerkleHash {
        SHA256Digest.hash(prefix: 0, data)
    }

    /// The leaf hash of an entry.
    @inlinable
    public static func leafHash(_ data: some Sequence<UInt8>) -> MerkleHash {
        if let hash = data.withContiguousStorageIfAvailable({ leafHash(UnsafeRawBufferPointer($0)) }) {
            return hash
        }
        return Array(data).withUnsafeBytes { leafHash($0) }
    }

    /// SHA-256 of `data` by the primitive the tree uses (exposed so that benchmarks can
    /// put the physical limit beside the tree's figures).
    public static func sha256(_ data: UnsafeRawBufferPointer) -> MerkleHash {
        SHA256Digest.hash(data)
    }

    /// The hash of an interior node with the given children.
    public static func nodeHash(_ left: MerkleHash, _ right: MerkleHash) -> MerkleHash {
        SHA256Digest.node(left, right)
    }
}

extension MerkleHash {
    /// Creates a hash from a SHA-256 digest.
    @inlinable
    public init(digest: SHA256.Digest) {
        self = digest.withUnsafeBytes { MerkleHash(raw: $0) }
    }
}
