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
