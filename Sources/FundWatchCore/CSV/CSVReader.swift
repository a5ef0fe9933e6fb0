/// A strict RFC 4180 CSV reader over UTF-8 bytes: quoted fields with `""` escapes, LF or CRLF
/// line ends, an optional byte-order mark. Each row carries the line number it starts on, so
/// errors can name it.
public struct CSVReader: Sequence, Sendable {
    private let bytes: [UInt8]

    /// Reads from UTF-8 bytes (a leading BOM is skipped).
    public init(bytes: [UInt8]) { self.bytes = bytes }

    public func makeIterator() -> Iterator { Iterator(bytes: bytes) }

    /// One row and where it came from.
    public struct Row: Sendable, Hashable {
        /// 1-based line number the row starts on.
        public let line: Int
        /// The field values; a malformed row has `problem` set and what could be read here.
        public let fields: [String]
        /// Why the row is malformed (an unterminated quote, text after a closing quote, bad UTF-8), if it is.
        public let problem: String?
    }

    /// Walks the bytes row by row.
    public struct Iterator: IteratorProtocol, Sendable {
        private let bytes: [UInt8]
        private var position: Int
        private var line = 1
        /// The previous row's width: rows of a file are alike, so the next row's array is sized once.
        private var fieldsPerRow = 8
        /// Whether the whole input is valid UTF-8, checked once so that fields can be decoded
        /// without validating each one again (the import's hottest loop).
        private let allValidUTF8: Bool

        init(bytes: [UInt8]) {
            self.bytes = bytes
            self.position = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
            self.allValidUTF8 = UTF8Validation.isValid(bytes)
        }

        public mutating func next() -> Row? {
            let n = bytes.count
            // Skip blank lines between rows: they carry no record.
            while position < n, bytes[position] == 0x0A || bytes[position] == 0x0D {
                if bytes[position] == 0x0A { line += 1 }
                position += 1
            }
            guard position < n else { return nil }
            let startLine = line
            var fields = [String]()
            fields.reserveCapacity(fieldsPerRow)
            var problem: String?
            var fieldStart = position
            var i = position
            var endOfRow = false
            while !endOfRow {
                if i < n, bytes[i] == 0x22 {  // quoted field
                    var value = [UInt8]()
                    i += 1
                    var closed = false
                    while i < n {
                        let b = bytes[i]
                        if b == 0x22 {
                            if i + 1 < n, bytes[i + 1] == 0x22 {
                                value.append(0x22)
                                i += 2
                                continue
                            }
                            closed = true
                            i += 1
                            break
                        }
                        if b == 0x0A { line += 1 }
                        value.append(b)
                        i += 1
                    }
                    if !closed { problem = problem ?? "a quoted field is never closed" }
                    // After the closing quote only a separator or the end of the row may follow.
                    if i < n, bytes[i] != 0x2C, bytes[i] != 0x0A, bytes[i] != 0x0D {
                        problem = problem ?? "text after a closing quote"
                        while i < n, bytes[i] != 0x2C, bytes[i] != 0x0A { i += 1 }
                    }
                    fields.append(decode(value[...], problem: &problem))
                } else {
                    fieldStart = i
                    while i < n, bytes[i] != 0x2C, bytes[i] != 0x0A {
                        if bytes[i] == 0x22 { problem = problem ?? "a quote inside an unquoted field" }
                        i += 1
                    }
                    var end = i
                    if end > fieldStart, bytes[end - 1] == 0x0D, i >= n || bytes[i] == 0x0A { end -= 1 }
                    fields.append(decode(bytes[fieldStart..<end], problem: &problem))
                }
                if i < n, bytes[i] == 0x2C {
                    i += 1
                    if i >= n { fields.append("") }
                } else {
                    if i < n, bytes[i] == 0x0D { i += 1 }
                    if i < n, bytes[i] == 0x0A {
                        i += 1
                        line += 1
                    }
                    endOfRow = true
                }
            }
            position = i
            fieldsPerRow = fields.count
            return Row(line: startLine, fields: fields, problem: problem)
        }

        private func decode(_ slice: ArraySlice<UInt8>, problem: inout String?) -> String {
            if allValidUTF8 {
                return slice.withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) }
            }
            if let s = String(validating: slice, as: UTF8.self) { return s }
            problem = problem ?? "bytes that are not UTF-8 (convert GB18030 files first)"
            return String(decoding: slice, as: UTF8.self)
        }
    }
}
