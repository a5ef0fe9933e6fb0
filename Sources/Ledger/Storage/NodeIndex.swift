/// A local accelerator beside the tiles (not part of tlog-tiles, never needed to read
/// the log): for every full level-0 tile, all 511 hashes of its subtree, levels 0 to 8,
/// at a fixed offset in one file. An inclusion proof then reads the few hashes it needs
/// instead of rehashing a whole 256-leaf tile, which keeps proofs fast on a large log
/// with a small tile cache. Missing or zero records fall back to the tiles.
public enum NodeIndex {
    /// The file's path in the log's storage.
    public static let path = "tile-nodes"
    /// Hashes per record: 256 + 128 + … + 1.
    public static let hashesPerRecord = 511
    /// Bytes per record.
    public static let recordBytes = hashesPerRecord * MerkleHash.byteCount

    /// Where each level of a record starts, in hashes.
    static let levelStart: [Int] = [0, 256, 384, 448, 480, 496, 504, 508, 510]

    /// The record's byte offset for level-0 tile `index`.
    static func offset(ofTile index: UInt64) -> Int { Int(index) * recordBytes }

    /// The byte offset of node (`level` 0–8, `position` within the tile on that level).
    static func offset(ofTile index: UInt64, level: Int, position: Int) -> Int {
        offset(ofTile: index) + (levelStart[level] + position) * MerkleHash.byteCount
    }

    /// All levels of a full tile, leaves first and the tile root last.
    static func levels(ofFullTile tile: [MerkleHash]) -> [MerkleHash] {
        var all = tile
        all.reserveCapacity(hashesPerRecord)
        var start = 0
        var width = tile.count
        while width > 1 {
            for i in stride(from: 0, to: width, by: 2) {
                all.append(RFC9162.nodeHash(all[start + i], all[start + i + 1]))
            }
            start += width
            width /= 2
        }
        return all
    }
}
