/// A local accelerator beside the tiles (not part of tlog-tiles, never needed to read
/// the log): for every full level-0 tile, the hashes an inclusion proof needs below level 8,
/// laid out so that any one proof finds all of them on a single 4 KiB page.
///
/// A record is four pages, one per quarter of the tile (64 leaves). Page `q` holds, as
/// 32-byte hashes: the quarter's 64 leaf hashes, then its levels 1 to 5 (32, 16, 8, 4 and 2
/// hashes), then the level-6 sibling (the root of quarter `q ^ 1`) and the level-7 sibling
/// (the root of the other half of the tile): 128 hashes, 4,096 bytes. The quarter's own root
/// is not stored on its page (a proof for one of its leaves never needs it); it is the
/// level-6 sibling on the neighbouring page. The tile root (level 8) lives in the level-1 tile.
/// Missing or zero records fall back to the tiles.
public enum NodeIndex {
    /// The file's path in the log's storage (the previous layout, `tile-nodes`, is no longer read).
    public static let path = "tile-siblings"
    /// Hashes per page.
    static let hashesPerPage = 128
    /// Bytes per page.
    static let pageBytes = hashesPerPage * MerkleHash.byteCount
    /// Bytes per record (one full level-0 tile).
    public static let recordBytes = 4 * pageBytes

    /// Where each level 0–5 starts on a quarter's page, in hashes.
    static let quarterLevelStart: [Int] = [0, 64, 96, 112, 120, 124]
    /// The slot of the level-6 sibling on a page.
    static let level6Slot = 126
    /// The slot of the level-7 sibling on a page.
    static let level7Slot = 127

    /// The record's byte offset for level-0 tile `index`.
    static func offset(ofTile index: UInt64) -> Int { Int(index) * recordBytes }

    /// The byte offset, within a record, of the node at `level` (0–7) whose leftmost leaf is
    /// `firstLeaf` (0–255) of the tile.
    static func byteOffset(level: Int, firstLeaf: Int) -> Int {
        let quarter = firstLeaf >> 6
        switch level {
        case 0...5:
            return quarter * pageBytes + (quarterLevelStart[level] + ((firstLeaf & 63) >> level)) * MerkleHash.byteCount
        case 6:
            // The root of quarter q is the level-6 sibling on page q ^ 1.
            return (quarter ^ 1) * pageBytes + level6Slot * MerkleHash.byteCount
        default:
            // The root of half h is the level-7 sibling on the first page of the other half.
            return ((quarter >> 1) ^ 1) * 2 * pageBytes + level7Slot * MerkleHash.byteCount
        }
    }

    /// The record of a full tile (its four pages) and the tile's root, from its 256 leaf hashes.
    static func record(ofFullTile tile: [MerkleHash]) -> (bytes: [UInt8], root: MerkleHash) {
        precondition(tile.count == TilePath.tileWidth, "a node-index record needs a full tile")
        var pages: [[MerkleHash]] = []
        var quarterRoots: [MerkleHash] = []
        for quarter in 0..<4 {
            var page = Array(tile[(quarter * 64)..<(quarter * 64 + 64)])
            page.reserveCapacity(hashesPerPage)
            var start = 0
            var width = 64
            while width > 1 {
                for i in stride(from: 0, to: width, by: 2) {
                    page.append(RFC9162.nodeHash(page[start + i], page[start + i + 1]))
                }
                start += width
                width /= 2
            }
            // page now ends with the quarter root (slot 126); it is replaced below.
            quarterRoots.append(page.removeLast())
            pages.append(page)
        }
        let halfRoots = [
            RFC9162.nodeHash(quarterRoots[0], quarterRoots[1]), RFC9162.nodeHash(quarterRoots[2], quarterRoots[3]),
        ]
        var bytes: [UInt8] = []
        bytes.reserveCapacity(recordBytes)
        for quarter in 0..<4 {
            var page = pages[quarter]
            page.append(quarterRoots[quarter ^ 1])
            page.append(halfRoots[(quarter >> 1) ^ 1])
            for hash in page { hash.withUnsafeBytes { bytes.append(contentsOf: $0) } }
        }
        return (bytes, RFC9162.nodeHash(halfRoots[0], halfRoots[1]))
    }
}
