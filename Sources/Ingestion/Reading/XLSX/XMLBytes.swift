/// Byte-level helpers shared by the XLSX scanners, which read XML as raw UTF-8 bytes
/// (no String per element) for speed.
enum XMLBytes {
    /// XML white space (space, tab, line feed, carriage return).
    @inline(__always)
    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

    /// Whether `literal` occurs in `p` at `i`.
    static func starts(_ p: UnsafeBufferPointer<UInt8>, _ i: Int, _ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard i + count <= p.count else { return false }
        let s = literal.utf8Start
        for k in 0..<count where p[i + k] != s[k] { return false }
        return true
    }

    /// The first index at or after `start` where `literal` occurs in `p`.
    static func find(_ p: UnsafeBufferPointer<UInt8>, from start: Int, _ literal: StaticString) -> Int? {
        var i = start
        while i + literal.utf8CodeUnitCount <= p.count {
            if starts(p, i, literal) { return i }
            i += 1
        }
        return nil
    }

    /// The index of the `>` closing the tag that starts at `start - 1`, minding quoted attribute
    /// values (a `>` inside `"…"` or `'…'` does not close it); nil when the tag runs past the bytes
    /// (it continues in the next chunk, or the part is cut off).
    @inline(__always)
    static func tagEnd<Bytes: RandomAccessCollection>(_ p: Bytes, from start: Int) -> Int?
    where Bytes.Element == UInt8, Bytes.Index == Int {
        var j = start
        var quote: UInt8 = 0
        while j < p.endIndex {
            let b = p[j]
            if quote != 0 {
                if b == quote { quote = 0 }
            } else if b == 0x22 || b == 0x27 {
                quote = b
            } else if b == 0x3E {
                return j
            }
            j += 1
        }
        return nil
    }

    /// What lies at a `<` that is not a tag: a comment, CDATA, a DOCTYPE or a processing instruction.
    enum Markup {
        /// Not markup: a tag starts here.
        case tag
        /// Markup whose end is not in the bytes yet (or never comes).
        case incomplete
        /// Markup skipped up to `next`; `text` is the character data of a CDATA section.
        case skipped(next: Int, text: Range<Int>?)
    }

    /// Skips the comment (`<!-- -->`), CDATA (`<![CDATA[ ]]>`), DOCTYPE (`<! >`) or processing
    /// instruction (`<? ?>`) at `p[i]` (a `<` with a byte after it): the one loop both XLSX byte
    /// scanners share.
    static func markup(_ p: UnsafeBufferPointer<UInt8>, at i: Int) -> Markup {
        switch p[i + 1] {
        case 0x21:  // '<!'
            if starts(p, i, "<![CDATA[") {
                guard let close = find(p, from: i + 9, "]]>") else { return .incomplete }
                return .skipped(next: close + 3, text: (i + 9)..<close)
            }
            if starts(p, i, "<!--") {
                guard let close = find(p, from: i + 4, "-->") else { return .incomplete }
                return .skipped(next: close + 3, text: nil)
            }
            guard let close = find(p, from: i, ">") else { return .incomplete }
            return .skipped(next: close + 1, text: nil)
        case 0x3F:  // '<?'
            guard let close = find(p, from: i + 2, "?>") else { return .incomplete }
            return .skipped(next: close + 2, text: nil)
        default:
            return .tag
        }
    }
}
