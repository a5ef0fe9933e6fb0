/// Writes CSV rows as UTF-8 bytes, quoting only the fields that need it (RFC 4180), with LF
/// line ends. Appends to an in-memory buffer that the caller flushes, so writing stays free of I/O.
public struct CSVWriter: Sendable {
    /// The bytes written so far.
    public private(set) var bytes: [UInt8] = []

    public init(reservingCapacity capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    /// Appends one row.
    public mutating func write<S: Sequence>(row: S) where S.Element == String {
        var first = true
        for field in row {
            if !first { bytes.append(0x2C) }
            first = false
            append(field: field)
        }
        bytes.append(0x0A)
    }

    /// Appends one field without the separator (for callers that build rows by hand).
    public mutating func append(field: String) {
        var needsQuotes = false
        for b in field.utf8 where b == 0x2C || b == 0x22 || b == 0x0A || b == 0x0D {
            needsQuotes = true
            break
        }
        if !needsQuotes {
            bytes.append(contentsOf: field.utf8)
            return
        }
        bytes.append(0x22)
        for b in field.utf8 {
            if b == 0x22 { bytes.append(0x22) }
            bytes.append(b)
        }
        bytes.append(0x22)
    }

    /// Empties the buffer and returns what it held.
    public mutating func take() -> [UInt8] {
        defer { bytes.removeAll(keepingCapacity: true) }
        return bytes
    }
}
