import Foundation

/// Reads JSON Lines (one JSON object per line, UTF-8) as rows whose columns are the keys the spec
/// names: a key missing from an object, or `null`, is an empty value; numbers keep their decimal
/// text; a line that is not a JSON object is a malformed row, and the rest of the file is read.
///
/// The first row handed out is a header of the key names, so JSON Lines goes through the same
/// binding as CSV and XLSX.
public struct JSONLinesReader: RowReader {
    private var lines: LineReader
    private let keys: [String]
    private var headerSent = false

    /// Reads `source`; `keys` are the object keys to read, in column order.
    public init(source: some ByteSource, keys: [String], file: String, maxLineBytes: Int = 16 << 20) {
        self.lines = LineReader(source: source, file: file, maxLineBytes: maxLineBytes)
        self.keys = keys
    }

    public mutating func next() throws(IngestError) -> SourceRow? {
        if !headerSent {
            headerSent = true
            return SourceRow(line: 0, fields: keys)
        }
        while let (number, bytes) = try lines.next() {
            if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            let object: Any
            do {
                object = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
            } catch {
                return SourceRow(line: number, fields: keys.map { _ in "" }, problem: "the line is not valid JSON; each line must be one JSON object")
            }
            guard let dictionary = object as? [String: Any] else {
                return SourceRow(line: number, fields: keys.map { _ in "" }, problem: "the line is JSON but not an object ({\"key\": value, …})")
            }
            return SourceRow(line: number, fields: keys.map { JSONLinesReader.text(dictionary[$0]) })
        }
        return nil
    }

    /// A JSON value as the text a CSV cell would hold.
    static func text(_ value: Any?) -> String {
        switch value {
        case nil, is NSNull: return ""
        case let s as String: return s
        case let n as NSNumber:
            // Booleans arrive as NSNumber too; tell them apart by their Objective-C type.
            if String(cString: n.objCType) == "c" { return n.boolValue ? "true" : "false" }
            if n.doubleValue == n.doubleValue.rounded(), abs(n.doubleValue) < 1e15 { return String(n.int64Value) }
            return n.description
        default:
            guard let data = try? JSONSerialization.data(withJSONObject: value!, options: [.sortedKeys]) else { return "" }
            return String(decoding: data, as: UTF8.self)
        }
    }
}

/// Splits a byte source into lines (LF or CRLF), numbered from 1, a chunk at a time.
struct LineReader {
    private var source: any ByteSource
    private let file: String
    private let maxLineBytes: Int
    private var buffer: [UInt8] = []
    private var position = 0
    private var finished = false
    private var number = 0

    init(source: some ByteSource, file: String, maxLineBytes: Int) {
        self.source = source
        self.file = file
        self.maxLineBytes = maxLineBytes
    }

    mutating func next() throws(IngestError) -> (Int, ArraySlice<UInt8>)? {
        while true {
            if let newline = buffer[position...].firstIndex(of: 0x0A) {
                number += 1
                var end = newline
                if end > position, buffer[end - 1] == 0x0D { end -= 1 }
                let line = buffer[position..<end]
                position = newline + 1
                return (number, line)
            }
            if finished {
                guard position < buffer.count else { return nil }
                number += 1
                let line = buffer[position...]
                position = buffer.count
                return (number, line)
            }
            if buffer.count - position > maxLineBytes {
                throw IngestError(file: file, line: number + 1, message: "a line longer than \(maxLineBytes >> 20) MiB; is this JSON Lines?")
            }
            buffer.removeSubrange(0..<position)
            position = 0
            if let chunk = try source.nextChunk() {
                if number == 0, buffer.isEmpty, chunk.starts(with: [0xEF, 0xBB, 0xBF]) {
                    buffer.append(contentsOf: chunk.dropFirst(3))
                } else {
                    buffer.append(contentsOf: chunk)
                }
            } else {
                finished = true
            }
        }
    }
}
