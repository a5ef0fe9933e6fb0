#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Finds where CSV records end without scanning their fields: the cut between the chunks that
/// the mapping workers scan on their own.
///
/// `CSVScanner` finds each field, copies `""` escapes and checks UTF-8; to know where a record
/// ends, only the quoting matters. This follows the scanner's rules for it (a quote opens a
/// quoted field only at the field's start; `""` inside quotes is one quote; after a closing
/// quote, text up to the separator or LF is skipped; a CR after a closing quote ends the record
/// even without an LF; blank lines before a record belong to it), so every end it reports is one
/// the scanner reports (`CSVScannerTests` holds the two together by cutting at every byte).
/// On the reading thread the full scan was an eighth of a CSV ingest's CPU; this is a few
/// comparisons per byte.
enum CSVRecordBoundary {
    /// The end (the index after its line end) of the last record that starts before `limit`,
    /// scanning from a record's start at `position`; records may run on past `limit` to the end
    /// of `b`. Nil when no record ends within `b` (or only its end is reached, where the scanner
    /// would ask for more bytes).
    static func lastRecordEnd(in b: UnsafeBufferPointer<UInt8>, from position: Int, limit: Int, delimiter: UInt8) -> Int? {
        let n = b.count
        let quote: UInt8 = 0x22
        let lf: UInt8 = 0x0A
        let cr: UInt8 = 0x0D
        var end: Int?
        var i = position
        while i < limit {
            // Blank lines carry no record: they belong to the next one.
            while i < n, b[i] == lf || b[i] == cr { i += 1 }
            guard i < n else { return end }
            while true {
                if b[i] == quote {
                    i += 1
                    while true {
                        while i < n, b[i] != quote { i += 1 }
                        // The last byte a quote: `""` or the closing quote is not known yet.
                        guard i + 1 < n else { return end }
                        if b[i + 1] == quote {
                            i += 2
                            continue
                        }
                        i += 1
                        break
                    }
                    if i < n, b[i] != delimiter, b[i] != lf, b[i] != cr {
                        while i < n, b[i] != delimiter, b[i] != lf { i += 1 }
                    }
                } else {
                    while i < n, b[i] != delimiter, b[i] != lf { i += 1 }
                }
                guard i < n else { return end }
                if b[i] == delimiter {
                    i += 1
                    guard i < n else { return end }
                    continue
                }
                if b[i] == cr {
                    guard i + 1 < n else { return end }
                    i += 1
                }
                if b[i] == lf { i += 1 }
                break
            }
            end = i
        }
        return end
    }
}

extension CSVRecordBoundary {
    /// A record end close to `limit`, found by jumping from quote to quote (`memchr`) rather
    /// than walking every byte: the last line end before `limit` in the unquoted stretch that
    /// holds it, or else the first record end after `limit`. Nil where it cannot tell from `b`
    /// (a quoted field or a closing quote reaching the buffer's end, no line end after `limit`):
    /// the caller then takes `lastRecordEnd`.
    ///
    /// Outside quotes every LF ends a record, so only the quotes need a look: a quote opens a
    /// quoted field only at a field's start (after the separator, at a record's start, or after
    /// blank lines of CR and LF); any other quote is text. The quoted field is skipped to its
    /// closing quote (`""` is one quote), whose next byte tells what follows, as in
    /// `lastRecordEnd`. The cut may fall after a blank line that the scanner counts with the next
    /// record; cut there, the next chunk starts with that record and the line count is the same.
    static func recordEnd(near limit: Int, in b: UnsafeBufferPointer<UInt8>, from position: Int, delimiter: UInt8) -> Int? {
        guard let base = b.baseAddress else { return nil }
        let n = b.count
        let quote: UInt8 = 0x22
        let lf: UInt8 = 0x0A
        let cr: UInt8 = 0x0D
        /// Where `i` stands: at a record's start, at a field's start (after a separator), or inside a field.
        enum Place { case recordStart, fieldStart, inField }
        func firstIndex(of byte: UInt8, from i: Int, below end: Int) -> Int? {
            guard i < end, let found = memchr(base + i, Int32(byte), end - i) else { return nil }
            return UnsafeRawPointer(found) - UnsafeRawPointer(base)
        }
        var i = position
        var place = Place.recordStart
        while true {
            let q = firstIndex(of: quote, from: i, below: n) ?? n
            if q >= limit {
                // The unquoted stretch [i, q) reaches `limit`: each of its LFs ends a record.
                var k = min(limit, q) - 1
                while k >= i, b[k] != lf { k -= 1 }
                if k >= i { return k + 1 }
                if let lfAfter = firstIndex(of: lf, from: max(i, limit), below: q) { return lfAfter + 1 }
            }
            guard q < n else { return nil }
            let opens: Bool
            if q == i {
                opens = place != .inField
            } else if b[q - 1] == delimiter || b[q - 1] == lf {
                opens = true
            } else if b[q - 1] == cr {
                // CRs after a record's end are blank lines (the quote starts a record); CRs after
                // a separator or inside a field are text.
                var j = q - 1
                while j >= i, b[j] == cr { j -= 1 }
                opens = j >= i ? b[j] == lf : place == .recordStart
            } else {
                opens = false
            }
            guard opens else {
                i = q + 1
                place = .inField
                continue
            }
            var k = q + 1
            while true {
                guard let close = firstIndex(of: quote, from: k, below: n), close + 1 < n else { return nil }
                if b[close + 1] == quote {
                    k = close + 2
                    continue
                }
                k = close + 1
                break
            }
            // `k` is the byte after the closing quote (within `b`).
            switch b[k] {
            case delimiter:
                i = k + 1
                place = .fieldStart
            case lf:
                if k + 1 >= limit { return k + 1 }
                i = k + 1
                place = .recordStart
            case cr:
                guard k + 1 < n else { return nil }
                let end = b[k + 1] == lf ? k + 2 : k + 1
                if end >= limit { return end }
                i = end
                place = .recordStart
            default:
                // Text after the closing quote runs to the separator or LF, like an unquoted field.
                i = k
                place = .inField
            }
        }
    }
}
