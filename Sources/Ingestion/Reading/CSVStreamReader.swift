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
    /// Decodes GB18030 as it streams in (the buffer then holds UTF-8), when the separator
    /// could be a GB18030 trail byte; see `recordDecoder` for the usual case.
    private let decoder: GB18030Decoder?
    /// With a separator that no GB18030 character holds as a trail byte (`,`, tab, `;`): the
    /// buffer keeps the file's GB18030 bytes, whose quotes, separators and line ends are where
    /// the UTF-8's are (a multi-byte character's other bytes are 0x30–0x39, 0x40–0x7E or
    /// 0x80–0xFE). Records and chunks are found on them as they are; `next()` decodes each
    /// record with this, and each chunk is decoded by the worker that maps it (`CSVChunk.utf8`),
    /// so decoding runs on every core instead of the reading thread.
    private let recordDecoder: GB18030Decoder?
    private let delimiter: UInt8
    private let maxRowBytes: Int
    private let file: String
    /// UTF-8 bytes read but not yet parsed start at `position`.
    private var buffer: [UInt8] = []
    private var position = 0
    private var sourceFinished = false
    private var line = 1
    private var scanner: CSVScanner
    /// A read error met while records before it were still to be handed out.
    private var pendingError: IngestError?

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
        self.scanner = CSVScanner(delimiter: delimiter)
        if chosen == .gb18030 {
            do {
                let decoder = try GB18030Decoder()
                let raw = CSVStreamReader.keepsGB18030Structure(delimiter: delimiter)
                self.decoder = raw ? nil : decoder
                self.recordDecoder = raw ? decoder : nil
            } catch {
                throw IngestError(file: file, message: error.message)
            }
        } else {
            self.decoder = nil
            self.recordDecoder = nil
        }
        self.sourceFinished = finished
        append(pending, final: finished)
        if buffer.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
        // GB18030's own byte-order mark (U+FEFF), where the bytes are kept as they are.
        if recordDecoder != nil, buffer.starts(with: [0x84, 0x31, 0x95, 0x33]) { position = 4 }
    }

    /// Whether `delimiter` never occurs inside a GB18030 character (it is none of the trail
    /// bytes 0x30–0x39, 0x40–0x7E, 0x80–0xFE), as quotes, CR and LF never do.
    static func keepsGB18030Structure(delimiter: UInt8) -> Bool {
        delimiter < 0x30 || (0x3A...0x3F).contains(delimiter)
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
            switch scanner.scan(buffer, from: position, atEnd: sourceFinished) {
            case .record(let next, let skipped, let lines, let problem):
                let row: SourceRow
                if let recordDecoder {
                    // The record found on the GB18030 bytes, decoded and scanned again as UTF-8
                    // (the same fields; bytes that are not GB18030 now show as not UTF-8).
                    let utf8 = recordDecoder.decode(Array(buffer[position..<next]), final: true)
                    var decoded = CSVScanner(delimiter: delimiter)
                    guard case .record(_, _, _, let problem) = decoded.scan(utf8, from: 0, atEnd: true) else {
                        preconditionFailure("a record's bytes decoded hold the record")
                    }
                    let fields = utf8.withUnsafeBufferPointer { decoded.strings(in: $0) }
                    row = SourceRow(line: line + skipped, fields: fields, problem: problem?.message(encoding: encoding.rawValue))
                } else {
                    let scanner = self.scanner
                    let fields = buffer.withUnsafeBufferPointer { scanner.strings(in: $0) }
                    row = SourceRow(line: line + skipped, fields: fields, problem: problem?.message(encoding: encoding.rawValue))
                }
                position = next
                line += skipped + lines
                return row
            case .end(let next, let skipped):
                position = next
                line += skipped
                return nil
            case .needMore:
                try checkRowLength()
                guard try refill() else { preconditionFailure("the scanner asks for more only before the end") }
            }
        }
    }

    private func checkRowLength() throws(IngestError) {
        if buffer.count - position > maxRowBytes {
            // The row starts after any blank lines at `position`.
            var start = position
            var skipped = 0
            while start < buffer.count, buffer[start] == 0x0A || buffer[start] == 0x0D {
                if buffer[start] == 0x0A { skipped += 1 }
                start += 1
            }
            throw IngestError(
                file: file, line: line + skipped,
                message: "a row starting here runs on for more than \(maxRowBytes >> 20) MiB: probably a quote that is never closed; fix the quoting")
        }
    }

    /// Whole records from the current position, at least `targetBytes` of them unless the file
    /// ends first, as a chunk the mapping workers scan on their own; nil at the end.
    ///
    /// A chunk ends just after a line end that ends a record, so scanning it alone gives the
    /// rows that scanning the file would. Where the bytes hold no quote at all, every LF ends a
    /// record and the last one before the target is taken; otherwise the records are scanned.
    mutating func nextChunk(targetBytes: Int = 1 << 20) throws(IngestError) -> CSVChunk? {
        if let pendingError {
            throw pendingError
        }
        while true {
            let available = buffer.count - position
            if sourceFinished {
                guard available > 0 else { return nil }
                // The tail of the file is cut like the rest, so both cores share it too.
                if available > targetBytes, let end = chunkEnd(targetBytes: targetBytes), end < buffer.count {
                    return takeChunk(upTo: end, final: false)
                }
                return takeChunk(upTo: buffer.count, final: true)
            }
            if available >= targetBytes || available > maxRowBytes {
                if let end = chunkEnd(targetBytes: targetBytes) { return takeChunk(upTo: end, final: false) }
                try checkRowLength()
            }
            do {
                _ = try refill()
            } catch {
                // The records read before the failure come out first; the error follows them.
                guard let end = chunkEnd(targetBytes: available) else { throw error }
                pendingError = error
                return takeChunk(upTo: end, final: false)
            }
        }
    }

    private mutating func takeChunk(upTo end: Int, final: Bool) -> CSVChunk {
        let bytes = Array(buffer[position..<end])
        let chunk = CSVChunk(bytes: bytes, line: line, final: final, isGB18030: recordDecoder != nil)
        line += bytes.withUnsafeBufferPointer { CSVChunk.countLineFeeds($0) }
        position = end
        return chunk
    }

    /// Where a chunk of about `targetBytes` from `position` can end, nil when no record ends in the buffer.
    private func chunkEnd(targetBytes: Int) -> Int? {
        let position = self.position
        let limit = min(buffer.count, position + targetBytes)
        let delimiter = self.delimiter
        return buffer.withUnsafeBufferPointer {
            // Jumping from quote to quote finds a cut near the limit; where that cannot tell,
            // the records are followed byte by byte.
            CSVRecordBoundary.recordEnd(near: limit, in: $0, from: position, delimiter: delimiter)
                ?? CSVRecordBoundary.lastRecordEnd(in: $0, from: position, limit: limit, delimiter: delimiter)
        }
    }
}
