/// Reads a JSON object of plain fields (`{"payment_id":"P-1","amount":320000,"pay_date":null}`)
/// straight from bytes into field texts: strings as they are, numbers and booleans as written,
/// null as absent. The pre-payment check's request is such an object; reading it here skips
/// `JSONSerialization`'s boxing into `NSDictionary` and `NSNumber` on every call.
///
/// Nested objects and arrays are refused with the field's name: no canonical field holds one.
enum FlatJSONObject {
    /// What is wrong with the text, and where (byte offset).
    struct ParseError: Error, CustomStringConvertible {
        let description: String
    }

    static func parse(_ bytes: some Collection<UInt8>) throws(ParseError) -> [String: String] {
        var reader = Reader(bytes: Array(bytes))
        return try reader.object()
    }

    private struct Reader {
        let bytes: [UInt8]
        var i = 0

        init(bytes: [UInt8]) { self.bytes = bytes }

        func fail(_ what: String) -> ParseError {
            ParseError(description: "\(what) at byte \(i) of the JSON body")
        }

        mutating func skipSpace() {
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
        }

        mutating func expect(_ byte: UInt8, _ what: String) throws(ParseError) {
            skipSpace()
            guard i < bytes.count, bytes[i] == byte else { throw fail("expected \(what)") }
            i += 1
        }

        mutating func object() throws(ParseError) -> [String: String] {
            // A UTF-8 byte order mark is tolerated, as JSONSerialization does.
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3 }
            try expect(UInt8(ascii: "{"), "a JSON object ({)")
            var fields = [String: String]()
            skipSpace()
            if i < bytes.count, bytes[i] == UInt8(ascii: "}") {
                i += 1
            } else {
                while true {
                    skipSpace()
                    guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw fail("expected a field name") }
                    let name = try string()
                    try expect(UInt8(ascii: ":"), "':' after \"\(name)\"")
                    skipSpace()
                    fields[name] = try value(of: name)
                    skipSpace()
                    guard i < bytes.count else { throw fail("unterminated object") }
                    if bytes[i] == UInt8(ascii: ",") {
                        i += 1
                        continue
                    }
                    guard bytes[i] == UInt8(ascii: "}") else { throw fail("expected ',' or '}'") }
                    i += 1
                    break
                }
            }
            skipSpace()
            guard i == bytes.count else { throw fail("unexpected text after the object") }
            return fields
        }

        /// The field's text, or nil for null.
        mutating func value(of name: String) throws(ParseError) -> String? {
            guard i < bytes.count else { throw fail("missing value of \"\(name)\"") }
            switch bytes[i] {
            case UInt8(ascii: "\""):
                return try string()
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                return try number()
            case UInt8(ascii: "t"):
                try literal("true")
                return "true"
            case UInt8(ascii: "f"):
                try literal("false")
                return "false"
            case UInt8(ascii: "n"):
                try literal("null")
                return nil
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                throw fail("field \"\(name)\" must be a string or a number, not an object or array")
            default:
                throw fail("invalid value of \"\(name)\"")
            }
        }

        mutating func literal(_ word: StaticString) throws(ParseError) {
            let n = word.utf8CodeUnitCount
            let matches = word.withUTF8Buffer { w in i + n <= bytes.count && bytes[i..<(i + n)].elementsEqual(w) }
            guard matches else { throw fail("invalid literal") }
            i += n
        }

        /// A JSON number, returned as written (after checking its grammar).
        mutating func number() throws(ParseError) -> String {
            let start = i
            if bytes[i] == UInt8(ascii: "-") { i += 1 }
            func digits(_ r: inout Reader) -> Int {
                let s = r.i
                while r.i < r.bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(r.bytes[r.i]) { r.i += 1 }
                return r.i - s
            }
            let intDigits = digits(&self)
            guard intDigits > 0, !(intDigits > 1 && bytes[i - intDigits] == UInt8(ascii: "0")) else { throw fail("invalid number") }
            if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
                i += 1
                guard digits(&self) > 0 else { throw fail("invalid number") }
            }
            if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
                i += 1
                if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
                guard digits(&self) > 0 else { throw fail("invalid number") }
            }
            return String(decoding: bytes[start..<i], as: UTF8.self)
        }

        /// A JSON string at `i` (on its opening quote), unescaped; invalid UTF-8 is refused.
        mutating func string() throws(ParseError) -> String {
            i += 1
            let start = i
            // Fast path: no escapes, the bytes are the string.
            while i < bytes.count, bytes[i] != UInt8(ascii: "\""), bytes[i] != UInt8(ascii: "\\"), bytes[i] >= 0x20 { i += 1 }
            guard i < bytes.count else { throw fail("unterminated string") }
            if bytes[i] == UInt8(ascii: "\"") {
                i += 1
                return try validated(bytes[start..<(i - 1)])
            }
            var out = Array(bytes[start..<i])
            while true {
                guard i < bytes.count else { throw fail("unterminated string") }
                let b = bytes[i]
                if b == UInt8(ascii: "\"") {
                    i += 1
                    return try validated(out[...])
                }
                guard b >= 0x20 else { throw fail("control character in a string") }
                guard b == UInt8(ascii: "\\") else {
                    out.append(b)
                    i += 1
                    continue
                }
                i += 1
                guard i < bytes.count else { throw fail("unterminated escape") }
                let e = bytes[i]
                i += 1
                switch e {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if (0xD800...0xDBFF).contains(scalar) {
                        // A high surrogate must be followed by an escaped low one.
                        guard i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") else {
                            throw fail("unpaired surrogate")
                        }
                        i += 2
                        let low = try hex4()
                        guard (0xDC00...0xDFFF).contains(low) else { throw fail("unpaired surrogate") }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let u = Unicode.Scalar(scalar) else { throw fail("unpaired surrogate") }
                    out.append(contentsOf: String(Character(u)).utf8)
                default:
                    throw fail("invalid escape")
                }
            }
        }

        mutating func hex4() throws(ParseError) -> UInt32 {
            guard i + 4 <= bytes.count else { throw fail("invalid \\u escape") }
            var v: UInt32 = 0
            for _ in 0..<4 {
                let b = bytes[i]
                let d: UInt32
                switch b {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(b - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(b - UInt8(ascii: "a") + 10)
                case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(b - UInt8(ascii: "A") + 10)
                default: throw fail("invalid \\u escape")
                }
                v = v << 4 | d
                i += 1
            }
            return v
        }

        func validated(_ utf8: ArraySlice<UInt8>) throws(ParseError) -> String {
            guard let s = String(validating: utf8, as: UTF8.self) else { throw fail("invalid UTF-8") }
            return s
        }
    }
}
