public import Crypto

/// The RFC 9162 §2.1 (and RFC 6962) Merkle tree hash with SHA-256:
/// leaves are hashed as `SHA-256(0x00 ‖ data)`, interior nodes as `SHA-256(0x01 ‖ left ‖ right)`.
public enum RFC9162 {
    /// The root of the empty tree: SHA-256 of the empty string.
    public static let emptyRoot: MerkleHash = MerkleHash(digest: SHA256().finalize())

    /// The leaf hash of an entry.
    @inlinable
    public static func leafHash(_ data: UnsafeRawBufferPointer) -> MerkleHash {
        if data.count <= 512 {
            return withUnsafeTemporaryAllocation(byteCount: data.count + 1, alignment: 8) { buffer in
                buffer[0] = 0
                if let base = data.baseAddress, data.count > 0 {
                    (buffer.baseAddress! + 1).copyMemory(from: base, byteCount: data.count)
                }
                var hasher = SHA256()
                hasher.update(bufferPointer: UnsafeRawBufferPointer(buffer))
                return MerkleHash(digest: hasher.finalize())
            }
        }
        var hasher = SHA256()
        withUnsafeBytes(of: UInt8(0)) { hasher.update(bufferPointer: $0) }
        hasher.update(bufferPointer: data)
        return MerkleHash(digest: hasher.finalize())
    }

    /// The leaf hash of an entry.
    @inlinable
    public static func leafHash(_ data: some Sequence<UInt8>) -> MerkleHash {
        if let hash = data.withContiguousStorageIfAvailable({ leafHash(UnsafeRawBufferPointer($0)) }) {
            return hash
        }
        return Array(data).withUnsafeBytes { leafHash($0) }
    }

    /// The hash of an interior node with the given children.
    @inlinable
    public static func nodeHash(_ left: MerkleHash, _ right: MerkleHash) -> MerkleHash {
        withUnsafeTemporaryAllocation(byteCount: 65, alignment: 8) { buffer in
            buffer[0] = 1
            buffer.storeBytes(of: left, toByteOffset: 1, as: MerkleHash.self)
            buffer.storeBytes(of: right, toByteOffset: 33, as: MerkleHash.self)
            var hasher = SHA256()
            hasher.update(bufferPointer: UnsafeRawBufferPointer(buffer))
            return MerkleHash(digest: hasher.finalize())
        }
    }
}

extension MerkleHash {
    /// Creates a hash from a SHA-256 digest.
    @inlinable
    public init(digest: SHA256.Digest) {
        self = digest.withUnsafeBytes { MerkleHash(raw: $0) }
    }
}
