/// The byte-level RFC 4180 record scanner under `CSVStreamReader` and the chunked mapping path.
///
/// It finds one record's fields in a buffer of UTF-8 bytes as ranges, without making a `String`
/// of anything: a field is a range of the buffer, or, for a quoted field with `""` escapes, a
/// range of the scanner's `scratch` bytes where the unescaped value was copied. The rules are
/// those the reader has always had: a quote opens a quoted field only at the field's start;
/// `""` inside quotes is one quote; a field ends at the separator or LF, a CR before the LF is
/// dropped; blank lines carry no record; a problem (an unclosed quote, text after a closing
/// quote, a quote inside an unquoted field, bytes that are not UTF-8) marks the record, the
/// first one found wins, and scanning goes on after it.
struct CSVScanner {
    /// Where a field's bytes are.
    struct Field {
        var start: Int
        var end: Int
        /// In `scratch` rather than the scanned buffer (a quoted field with `""`).
        var unescaped: Bool
    }

    /// What is wrong with a record, in the order the reader reports them.
    enum Problem: Equatable {
        case quoteInUnquotedField
        case unclosedQuote
        case textAfterClosingQuote
        case invalidEncoding

        /// The sentence a reject gives; `encoding` names the file's encoding.
        func message(encoding: String) -> String {
            switch self {
            case .quoteInUnquotedField: "a quote inside an unquoted field; quote the whole field"
            case .unclosedQuote: "a quoted field is never closed"
            case .textAfterClosingQuote: "text after a closing quote"
            case .invalidEncoding: "bytes that are not valid \(encoding); check the file's encoding (set `encoding:` in the spec)"
            }
        }
    }

    /// The outcome of scanning from a position.
    enum Step: Equatable {
        /// A record: its fields are in `fields`; `next` is where the following record may start,
        /// `skippedLines` the blank lines before it, `lines` the line ends it spans.
        case record(next: Int, skippedLines: Int, lines: Int, problem: Problem?)
        /// The buffer ends inside a record (or in a place that could still turn into one).
        case needMore
        /// Only blank lines were left: nothing more in this buffer.
        case end(next: Int, skippedLines: Int)
    }

    let delimiter: UInt8
    /// The last record's fields.
    private(set) var fields: [Field] = []
    /// Unescaped values of quoted fields with `""` in the last record.
    private(set) var scratch: [UInt8] = []

    /// Set when the whole buffer is known to be valid UTF-8 (a chunk checked at once): fields
    /// are then not checked one by one. Fields end at ASCII bytes, which never fall inside a
    /// multi-byte character, so each field of a valid buffer is valid too.
    var bufferIsValidUTF8 = false

    init(delimiter: UInt8) {
        self.delimiter = delimiter
        fields.reserveCapacity(16)
    }

    /// Scans one record of `b` starting at `position`. With `atEnd` false, a record that might
    /// continue past the buffer gives `.needMore`, and nothing is kept of the attempt.
    mutating func scan(_ b: UnsafeBufferPointer<UInt8>, from position: Int, atEnd: Bool) -> Step {
        let n = b.count
        let delimiter = self.delimiter
        var start = position
        var skipped = 0
        // Blank lines between records carry no record.
        while start < n, b[start] == 0x0A || b[start] == 0x0D {
            if b[start] == 0x0A { skipped += 1 }
            start += 1
        }
        if start >= n { return atEnd ? .end(next: start, skippedLines: skipped) : .needMore }
        fields.removeAll(keepingCapacity: true)
        scratch.removeAll(keepingCapacity: true)
        var lines = 0
        var problem: Problem?
        var i = start
        while true {
            if i < n, b[i] == 0x22 {
                // A quoted field: its value is the buffer's bytes unless `""` needs unescaping.
                i += 1
                let valueStart = i
                var escapedFrom = -1  // where the value went to `scratch`, once a `""` is met
                var closed = false
                var high: UInt8 = 0
                while i < n {
                    let c = b[i]
                    if c == 0x22 {
                        if i + 1 < n {
                            if b[i + 1] == 0x22 {
                                if escapedFrom < 0 {
                                    escapedFrom = scratch.count
                                    scratch.append(contentsOf: UnsafeBufferPointer(rebasing: b[valueStart..<i]))
                                }
                                scratch.append(0x22)
                                i += 2
                                continue
                            }
                        } else if !atEnd {
                            return .needMore  // is it `""` or the closing quote?
                        }
                        closed = true
                        break
                    }
                    if c == 0x0A { lines += 1 }
                    high |= c
                    if escapedFrom >= 0 { scratch.append(c) }
                    i += 1
                }
                let valueEnd = i
                if closed {
                    i += 1
                } else {
                    if !atEnd { return .needMore }
                    problem = problem ?? .unclosedQuote
                }
                if i < n, b[i] != delimiter, b[i] != 0x0A, b[i] != 0x0D {
                    problem = problem ?? .textAfterClosingQuote
                    while i < n, b[i] != delimiter, b[i] != 0x0A { i += 1 }
                    if i >= n && !atEnd { return .needMore }
                }
                let field =
                    escapedFrom >= 0
                    ? Field(start: escapedFrom, end: scratch.count, unescaped: true)
                    : Field(start: valueStart, end: valueEnd, unescaped: false)
                if high >= 0x80, problem == nil, !bufferIsValidUTF8 {
                    let valid =
                        field.unescaped
                        ? scratch.withUnsafeBufferPointer { CSVScanner.isValidUTF8(UnsafeBufferPointer(rebasing: $0[field.start..<field.end])) }
                        : CSVScanner.isValidUTF8(UnsafeBufferPointer(rebasing: b[field.start..<field.end]))
                    if !valid { problem = .invalidEncoding }
                }
                fields.append(field)
            } else {
                let fieldStart = i
                var high: UInt8 = 0
                // Eight bytes at a time while none is the separator, LF or a quote (a byte of
                // `x ^ spread(c)` is zero exactly where the word holds `c`); the rest byte by byte.
                if let base = b.baseAddress {
                    let raw = UnsafeRawPointer(base)
                    let lows: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
                    let ones: UInt64 = 0x0101_0101_0101_0101
                    let separators = ones &* UInt64(delimiter)
                    var highBits: UInt64 = 0
                    while i + 8 <= n {
                        let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                        let x = w ^ separators
                        let y = w ^ (ones &* 0x0A)
                        let z = w ^ (ones &* 0x22)
                        let zeros = ~(((x & lows) &+ lows) | x) | ~(((y & lows) &+ lows) | y) | ~(((z & lows) &+ lows) | z)
                        if zeros & ~lows != 0 { break }
                        highBits |= w
                        i += 8
                    }
                    if highBits & ~lows != 0 { high = 0x80 }
                }
                while i < n {
                    let c = b[i]
                    if c == delimiter || c == 0x0A { break }
                    if c == 0x22 { problem = problem ?? .quoteInUnquotedField }
                    high |= c
                    i += 1
                }
                if i >= n && !atEnd { return .needMore }
                var end = i
                if end > fieldStart, b[end - 1] == 0x0D { end -= 1 }
                if high >= 0x80, problem == nil, !bufferIsValidUTF8, !CSVScanner.isValidUTF8(UnsafeBufferPointer(rebasing: b[fieldStart..<end])) {
                    problem = .invalidEncoding
                }
                fields.append(Field(start: fieldStart, end: end, unescaped: false))
            }
            if i < n, b[i] == delimiter {
                i += 1
                if i >= n {
                    if !atEnd { return .needMore }
                    fields.append(Field(start: i, end: i, unescaped: false))
                    break
                }
                continue
            }
            if i < n, b[i] == 0x0D {
                if i + 1 >= n && !atEnd { return .needMore }
                i += 1
            }
            if i < n, b[i] == 0x0A {
                i += 1
                lines += 1
            }
            break
        }
        return .record(next: i, skippedLines: skipped, lines: lines, problem: problem)
    }

    /// `scan(_:from:atEnd:)` over an array (a reader's buffer, passed beside its scanner).
    mutating func scan(_ bytes: [UInt8], from position: Int, atEnd: Bool) -> Step {
        bytes.withUnsafeBufferPointer { scan($0, from: position, atEnd: atEnd) }
    }

    /// The bytes of field `k` of the last record, `b` being the buffer it was scanned from.
    @inline(__always)
    func withField<R>(_ k: Int, in b: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let f = fields[k]
        if f.unescaped {
            return scratch.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[f.start..<f.end])) }
        }
        return body(UnsafeBufferPointer(rebasing: b[f.start..<f.end]))
    }

    /// The last record's fields as strings (bytes that are not UTF-8 become U+FFFD; the record's
    /// problem says so).
    func strings(in b: UnsafeBufferPointer<UInt8>) -> [String] {
        var out = [String]()
        out.reserveCapacity(fields.count)
        for k in fields.indices { out.append(withField(k, in: b) { String(decoding: $0, as: UTF8.self) }) }
        return out
    }

    /// Whether `u` is well-formed UTF-8 (no overlong forms, surrogates or values past U+10FFFF).
    static func isValidUTF8(_ u: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = u.count
        let raw = UnsafeRawPointer(u.baseAddress)
        while i < n {
            // Eight ASCII bytes at a time: a word whose bytes all lack the high bit.
            if let raw {
                while i + 8 <= n, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 { i += 8 }
                if i >= n { break }
            }
            let c = u[i]
            if c < 0x80 {
                i += 1
                continue
            }
            let length: Int
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            switch c {
            case 0xC2...0xDF: length = 2
            case 0xE0:
                length = 3
                low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED:
                length = 3
                high = 0x9F
            case 0xF0:
                length = 4
                low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4:
                length = 4
                high = 0x8F
            default: return false
            }
            guard i + length <= n, u[i + 1] >= low, u[i + 1] <= high else { return false }
            for k in 2..<length where u[i + k] & 0xC0 != 0x80 { return false }
            i += length
        }
        return true
    }
}
