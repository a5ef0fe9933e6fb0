/// A streaming RFC 4180 CSV reader: quoted fields with `""` escapes, commas and line breaks
/// inside quotes, LF or CRLF line ends, a byte-order mark, any one-byte separator; UTF-8 or
/// GB18030 (converted as it streams).
///
/// It holds one chunk and the row in progress, so memory stays bounded whatever the file size.
/// FundWatchCore's `CSVReader` reads canonical files whole and knows only commas and UTF-8;
/// department exports need the separator, the encoding and the streaming this one adds.
public struct CSVStreamReader {
    /// The file's encoding, as given or detected.
    public let encoding: TextEncoding
    private var source: any ByteSource
    private let decoder: GB18030Decoder?
    private let delimiter: UInt8
    private let maxRowBytes: Int
    private let file: String
    /// UTF-8 bytes read but not yet parsed start at `position`.
    private var buffer: [UInt8] = []
    private var position = 0
    private var sourceFinished = false
    private var line = 1
    private var fieldsPerRow = 8

    /// Opens a reader; `encoding: .auto` looks at the first chunk to choose. A row longer than
    /// `maxRowBytes` (usually an unbalanced quote swallowing the file) is an error naming its line.
    public init(
        source: some ByteSource, encoding: EncodingChoice = .auto, delimiter: UInt8 = UInt8(ascii: ","),
        file: String, maxRowBytes: Int = 1 << 20
    ) throws(IngestError) {
        var source = source
        let first = try source.nextChunk() ?? []
        var pending = first
        // Detection wants a full look at the start; a tiny first chunk (tests) is topped up.
        var finished = first.isEmpty
        while !finished, pending.count < 64 * 1024 {
            guard let more = try source.nextChunk() else {
                finished = true
                break
            }
            pending.append(contentsOf: more)
        }
        let chosen: TextEncoding
        switch encoding {
        case .utf8: chosen = .utf8
        case .gb18030: chosen = .gb18030
        case .auto: chosen = try TextEncoding.detect(pending, complete: finished, file: file)
        }
        self.encoding = chosen
        self.source = source
        self.delimiter = delimiter
        self.maxRowBytes = maxRowBytes
        self.file = file
        if chosen == .gb18030 {
            do {
                self.decoder = try GB18030Decoder()
            } catch {
                throw IngestError(file: file, message: error.message)
            }
        } else {
            self.decoder = nil
        }
        self.sourceFinished = finished
        append(pending, final: finished)
        if buffer.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
    }

    private mutating func append(_ chunk: [UInt8], final: Bool) {
        if let decoder {
            buffer.append(contentsOf: decoder.decode(chunk, final: final))
        } else {
            buffer.append(contentsOf: chunk)
        }
    }

    /// Reads more of the source into the buffer, dropping what was parsed; false at the end.
    private mutating func refill() throws(IngestError) -> Bool {
        guard !sourceFinished else { return false }
        if position > 0 {
            buffer.removeSubrange(0..<position)
            position = 0
        }
        if let chunk = try source.nextChunk() {
            append(chunk, final: false)
        } else {
            sourceFinished = true
            append([], final: true)
        }
        return true
    }

    /// The next row, nil at the end of the file.
    public mutating func next() throws(IngestError) -> SourceRow? {
        while true {
            switch parseRow() {
            case .row(let row): return row
            case .end: return nil
            case .needMore:
                if buffer.count - position > maxRowBytes {
                    throw IngestError(
                        file: file, line: line,
                        message: "a row starting here runs on for more than \(maxRowBytes >> 20) MiB: probably a quote that is never closed; fix the quoting")
                }
                guard try refill() else { preconditionFailure("parseRow asks for more only before the end") }
            }
        }
    }

    private enum Parsed {
        case row(SourceRow)
        case needMore
        case end
    }

    /// Parses one row from `position`; asks for more input when the row may continue past the
    /// buffer. State is committed only when a whole row is read, so a retry starts clean.
    private mutating func parseRow() -> Parsed {
        let atEnd = sourceFinished
        let delimiter = self.delimiter
        let encodingName = encoding.rawValue
        var lines = line
        var start = position
        let result: Parsed = buffer.withUnsafeBufferPointer { b -> Parsed in
            let n = b.count
            // Blank lines between rows carry no record.
            while start < n, b[start] == 0x0A || b[start] == 0x0D {
                if b[start] == 0x0A { lines += 1 }
                start += 1
            }
            if start >= n { return atEnd ? .end : .needMore }
            // A lone CR at the end of the buffer may be the start of CRLF; the blank-line skip above handles it.
            let startLine = lines
            var fields = [String]()
            fields.reserveCapacity(fieldsPerRow)
            var problem: String?
            var i = start
            while true {
                if i < n, b[i] == 0x22 {
                    var value = [UInt8]()
                    i += 1
                    var closed = false
                    while i < n {
                        let c = b[i]
                        if c == 0x22 {
                            if i + 1 < n {
                                if b[i + 1] == 0x22 {
                                    value.append(0x22)
                                    i += 2
                                    continue
                                }
                            } else if !atEnd {
                                return .needMore  // is it `""` or the closing quote?
                            }
                            closed = true
                            i += 1
                            break
                        }
                        if c == 0x0A { lines += 1 }
                        value.append(c)
                        i += 1
                    }
                    if !closed {
                        if !atEnd { return .needMore }
                        problem = problem ?? "a quoted field is never closed"
                    }
                    if i < n, b[i] != delimiter, b[i] != 0x0A, b[i] != 0x0D {
                        problem = problem ?? "text after a closing quote"
                        while i < n, b[i] != delimiter, b[i] != 0x0A { i += 1 }
                        if i >= n && !atEnd { return .needMore }
                    }
                    fields.append(Self.decode(value[...], problem: &problem, encoding: encodingName))
                } else {
                    let fieldStart = i
                    while i < n, b[i] != delimiter, b[i] != 0x0A {
                        if b[i] == 0x22 { problem = problem ?? "a quote inside an unquoted field; quote the whole field" }
                        i += 1
                    }
                    if i >= n && !atEnd { return .needMore }
                    var end = i
                    if end > fieldStart, b[end - 1] == 0x0D { end -= 1 }
                    fields.append(Self.decode(UnsafeBufferPointer(rebasing: b[fieldStart..<end]), problem: &problem, encoding: encodingName))
                }
                if i < n, b[i] == delimiter {
                    i += 1
                    if i >= n {
                        if !atEnd { return .needMore }
                        fields.append("")
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
            start = i
            return .row(SourceRow(line: startLine, fields: fields, problem: problem))
        }
        if case .row(let row) = result {
            position = start
            line = lines
            fieldsPerRow = row.fields.count
        } else if case .end = result {
            position = start
            line = lines
        }
        return result
    }

    private static func decode(_ bytes: ArraySlice<UInt8>, problem: inout String?, encoding: String) -> String {
        bytes.withUnsafeBufferPointer { decode($0, problem: &problem, encoding: encoding) }
    }

    private static func decode(_ bytes: UnsafeBufferPointer<UInt8>, problem: inout String?, encoding: String) -> String {
        var ascii = true
        for b in bytes where b >= 0x80 {
            ascii = false
            break
        }
        if ascii { return String(decoding: bytes, as: UTF8.self) }
        if let s = String(validating: bytes, as: UTF8.self) { return s }
        problem = problem ?? "bytes that are not valid \(encoding); check the file's encoding (set `encoding:` in the spec)"
        return String(decoding: bytes, as: UTF8.self)
    }
}
