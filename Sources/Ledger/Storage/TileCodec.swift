/// Encoding of hash tiles (concatenated 32-byte hashes) and entry bundles (big-endian
/// uint16 length-prefixed entries).
public enum TileCodec {
    /// The largest entry an entry bundle can hold.
    public static let maximumEntryBytes = Int(UInt16.max)

    /// Concatenates hashes into a tile.
    public static func encodeTile(_ hashes: some Collection<MerkleHash>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(hashes.count * MerkleHash.byteCount)
        for hash in hashes { hash.withUnsafeBytes { out.append(contentsOf: $0) } }
        return out
    }

    /// Splits a tile into hashes; nil if its length is not a multiple of 32.
    public static func decodeTile(_ bytes: [UInt8]) -> [MerkleHash]? {
        guard bytes.count % MerkleHash.byteCount == 0 else { return nil }
        return bytes.withUnsafeBytes { raw in
            (0..<(bytes.count / MerkleHash.byteCount)).map { i in
                MerkleHash(raw: UnsafeRawBufferPointer(rebasing: raw[(i * 32)..<(i * 32 + 32)]))
            }
        }
    }

    /// Appends one length-prefixed entry to a bundle.
    public static func appendEntry(_ entry: some Collection<UInt8>, to bundle: inout [UInt8]) {
        bundle.append(UInt8(entry.count >> 8))
        bundle.append(UInt8(entry.count & 0xff))
        bundle.append(contentsOf: entry)
    }

    /// Splits a bundle into entries; throws `corruptEntryBundle` if a length runs past the end.
    public static func decodeBundle(_ bytes: [UInt8]) throws -> [ArraySlice<UInt8>] {
        let (entries, failure) = decodeBundlePrefix(bytes)
        if let failure { throw failure }
        return entries
    }

    /// The entries that decode before the first damage, and that damage if any.
    public static func decodeBundlePrefix(_ bytes: [UInt8]) -> (entries: [ArraySlice<UInt8>], failure: LedgerError?) {
        var entries: [ArraySlice<UInt8>] = []
        var offset = 0
        while offset < bytes.count {
            guard offset + 2 <= bytes.count else {
                return (
                    entries, LedgerError(.corruptEntryBundle, "entry \(entries.count) has a truncated length prefix")
                )
            }
            let length = Int(bytes[offset]) << 8 | Int(bytes[offset + 1])
            guard offset + 2 + length <= bytes.count else {
                return (
                    entries,
                    LedgerError(.corruptEntryBundle, "entry \(entries.count) is truncated (\(length) bytes announced)")
                )
            }
            entries.append(bytes[(offset + 2)..<(offset + 2 + length)])
            offset += 2 + length
        }
        return (entries, nil)
    }
}
