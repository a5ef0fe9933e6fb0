/// Whole CSV records cut from an export at a record boundary, to be scanned and mapped on any
/// thread: the UTF-8 bytes (BOM and any GB18030 already dealt with) and the line they start on.
struct CSVChunk: Sendable {
    let bytes: [UInt8]
    /// The 1-based line of the chunk's first byte.
    let line: Int
    /// The last chunk of the file: its last record may end without a line end, or be cut off.
    let final: Bool
    /// `bytes` are the file's GB18030 (cut where the UTF-8 would be): `utf8()` decodes them.
    var isGB18030 = false

    /// The chunk's records as UTF-8, decoded here (on the worker that maps them) if need be.
    /// A chunk ends at a record's end, never inside a character, so it decodes on its own;
    /// bytes that are not GB18030 become 0xFF, which the scanner reports as not valid.
    func utf8() -> [UInt8] {
        guard isGB18030 else { return bytes }
        guard let decoder = try? GB18030Decoder() else {
            // The reader made one already, so iconv can; should it fail now, every byte past
            // ASCII is reported invalid rather than misread.
            return bytes.map { $0 < 0x80 ? $0 : 0xFF }
        }
        return decoder.decode(bytes, final: true)
    }

    /// How many LF bytes `u` holds, eight bytes at a time.
    static func countLineFeeds(_ u: UnsafeBufferPointer<UInt8>) -> Int {
        let n = u.count
        var count = 0
        var i = 0
        if let base = u.baseAddress {
            let raw = UnsafeRawPointer(base)
            let ones: UInt64 = 0x0101_0101_0101_0101
            let lows: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
            while i + 8 <= n {
                // A byte of `x` is zero exactly where the word holds LF; the sum sets its high
                // bit for every non-zero byte without carrying into the next one.
                let x = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) ^ (ones &* 0x0A)
                let nonZero = ((x & lows) &+ lows) | x
                count += (~nonZero & ~lows).nonzeroBitCount
                i += 8
            }
        }
        while i < n {
            if u[i] == 0x0A { count += 1 }
            i += 1
        }
        return count
    }
}
