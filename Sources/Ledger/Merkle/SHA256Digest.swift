#if canImport(CCryptoBoringSSL)
    internal import CCryptoBoringSSL
#else
    internal import Crypto
#endif

/// One SHA-256 of a contiguous input, straight into a ``MerkleHash``.
///
/// On Linux, swift-crypto's `SHA256` allocates, zeroes and frees a context object per hash,
/// which costs more than hashing the two 64-byte blocks of a Merkle node (the processor
/// has SHA extensions). The BoringSSL inside swift-crypto is called directly instead: one
/// call, no allocation; the inputs are public (leaf data and hashes), so nothing needs
/// zeroing. Where that module is absent (Apple platforms) swift-crypto's API is used.
enum SHA256Digest {
    /// SHA-256 of `input`.
    @inline(__always)
    static func hash(_ input: UnsafeRawBufferPointer) -> MerkleHash {
        #if canImport(CCryptoBoringSSL)
            var out = MerkleHash.zero
            withUnsafeMutableBytes(of: &out) { digest in
                _ = CCryptoBoringSSL_SHA256(
                    input.baseAddress?.assumingMemoryBound(to: UInt8.self), input.count,
                    digest.baseAddress?.assumingMemoryBound(to: UInt8.self))
            }
            return out
        #else
            var hasher = SHA256()
            hasher.update(bufferPointer: input)
            return hasher.finalize().withUnsafeBytes { MerkleHash(raw: $0) }
        #endif
    }

    /// SHA-256 of `prefix ‖ input`, without copying large inputs.
    static func hash(prefix: UInt8, _ input: UnsafeRawBufferPointer) -> MerkleHash {
        if input.count <= 1024 {
            return withUnsafeTemporaryAllocation(byteCount: input.count + 1, alignment: 8) { buffer in
                buffer[0] = prefix
                if let base = input.baseAddress, input.count > 0 {
                    (buffer.baseAddress! + 1).copyMemory(from: base, byteCount: input.count)
                }
                return hash(UnsafeRawBufferPointer(buffer))
            }
        }
        #if canImport(CCryptoBoringSSL)
            var context = SHA256_CTX()
            var out = MerkleHash.zero
            var first = prefix
            CCryptoBoringSSL_SHA256_Init(&context)
            CCryptoBoringSSL_SHA256_Update(&context, &first, 1)
            CCryptoBoringSSL_SHA256_Update(&context, input.baseAddress, input.count)
            withUnsafeMutableBytes(of: &out) { digest in
                _ = CCryptoBoringSSL_SHA256_Final(digest.baseAddress?.assumingMemoryBound(to: UInt8.self), &context)
            }
            return out
        #else
            var hasher = SHA256()
            withUnsafeBytes(of: prefix) { hasher.update(bufferPointer: $0) }
            hasher.update(bufferPointer: input)
            return hasher.finalize().withUnsafeBytes { MerkleHash(raw: $0) }
        #endif
    }

    /// SHA-256 of `0x01 ‖ left ‖ right`: an RFC 9162 node.
    @inline(__always)
    static func node(_ left: MerkleHash, _ right: MerkleHash) -> MerkleHash {
        withUnsafeTemporaryAllocation(byteCount: 65, alignment: 8) { buffer in
            buffer[0] = 1
            buffer.storeBytes(of: left, toByteOffset: 1, as: MerkleHash.self)
            buffer.storeBytes(of: right, toByteOffset: 33, as: MerkleHash.self)
            return hash(UnsafeRawBufferPointer(buffer))
        }
    }
}
