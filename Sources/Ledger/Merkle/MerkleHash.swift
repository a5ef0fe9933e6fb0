import Foundation

/// A 32-byte SHA-256 Merkle tree hash (a leaf hash, a node hash or a root).
///
/// Stored inline as four words so that hashing and comparing never allocate.
public struct MerkleHash: Hashable, Sendable, CustomStringConvertible {
    @usableFromInline var w0: UInt64
    @usableFromInline var w1: UInt64
    @usableFromInline var w2: UInt64
    @usableFromInline var w3: UInt64

    /// All zero bits (an output buffer, and the node index's mark of an unwritten record).
    static let zero = MerkleHash(w0: 0, w1: 0, w2: 0, w3: 0)

    private init(w0: UInt64, w1: UInt64, w2: UInt64, w3: UInt64) {
        self.w0 = w0
        self.w1 = w1
        self.w2 = w2
        self.w3 = w3
    }

    /// The number of bytes in a hash.
    public static let byteCount = 32

    @inlinable
    init(raw: UnsafeRawBufferPointer) {
        w0 = raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self)
        w1 = raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
        w2 = raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self)
        w3 = raw.loadUnaligned(fromByteOffset: 24, as: UInt64.self)
    }

    /// Creates a hash from exactly 32 bytes; returns nil for any other length.
    public init?(bytes: some Collection<UInt8>) {
        guard bytes.count == Self.byteCount else { return nil }
        let array = Array(bytes)
        self = array.withUnsafeBytes { MerkleHash(raw: $0) }
    }

    /// Creates a hash from its standard base64 encoding; nil if malformed or not 32 bytes.
    public init?(base64: String) {
        guard base64.utf8.count == 44, let data = Data(base64Encoded: base64) else { return nil }
        self.init(bytes: data)
    }

    /// Creates a hash from 64 hex digits; nil if malformed.
    public init?(hex: String) {
        guard let bytes = HexCoding.decode(hex) else { return nil }
        self.init(bytes: bytes)
    }

    /// Calls `body` with the 32 bytes of the hash.
    @inlinable
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        var copy = self
        return try Swift.withUnsafeBytes(of: &copy) { try body($0) }
    }

    /// The 32 bytes of the hash.
    public var bytes: [UInt8] { withUnsafeBytes { Array($0) } }

    /// The standard base64 encoding, as used in checkpoints and proofs.
    public var base64: String { Data(bytes).base64EncodedString() }

    /// Lower-case hex.
    public var hex: String { HexCoding.encode(bytes) }

    public var description: String { base64 }
}
