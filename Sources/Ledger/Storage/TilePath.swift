/// Resource paths of the C2SP tlog-tiles layout, relative to the log's prefix.
public enum TilePath {
    /// Hashes per full tile and entries per full bundle.
    public static let tileWidth = 256
    /// Bytes of a full hash tile.
    public static let fullTileBytes = tileWidth * MerkleHash.byteCount
    /// The checkpoint served to clients.
    public static let checkpoint = "checkpoint"

    /// The hash tile at `level` with `index`; `width` 256 is a full tile, 1–255 a partial one.
    public static func tile(level: Int, index: UInt64, width: Int = tileWidth) -> String {
        "tile/\(level)/\(encode(index))\(suffix(width))"
    }

    /// The entry bundle with `index`; `width` 256 is a full bundle, 1–255 a partial one.
    public static func entryBundle(index: UInt64, width: Int = tileWidth) -> String {
        "tile/entries/\(encode(index))\(suffix(width))"
    }

    /// `N` as zero-padded 3-digit path elements, all but the last prefixed with `x`:
    /// 1234067 → `x001/x234/067`.
    public static func encode(_ index: UInt64) -> String {
        var groups: [String] = []
        var n = index
        repeat {
            let group = String(n % 1000)
            groups.append(String(repeating: "0", count: 3 - group.count) + group)
            n /= 1000
        } while n > 0
        groups.reverse()
        return groups.enumerated().map { $0.offset < groups.count - 1 ? "x" + $0.element : $0.element }
            .joined(separator: "/")
    }

    /// The width of the rightmost tile at `level` for a tree of `size` leaves (0 if none is partial).
    public static func partialWidth(level: Int, size: UInt64) -> Int {
        Int((size >> UInt64(8 * level)) & 255)
    }

    private static func suffix(_ width: Int) -> String {
        width == tileWidth ? "" : ".p/\(width)"
    }
}
