import Foundation
public import FundWatchCore

/// Where each canonical field of a record type sits in a file's header.
public struct CanonicalHeader: Sendable, Hashable {
    /// For each of the record type's fields (in canonical order), its column in the file, or
    /// nil when the file leaves the optional field out.
    public let columnOfField: [Int?]
    /// The number of columns every row must have.
    public let columnCount: Int
    /// The file's column names as read (trimmed), in file order.
    public let names: [String]

    /// Checks a header against the record type: every required field present, no unknown or
    /// repeated column. Throws naming the file, line 1 and the column.
    public init(kind: RecordKind, header: [String], file: String) throws(ImportError) {
        let fields = kind.recordType.fields
        var seen = [String: Int]()
        for (i, raw) in header.enumerated() {
            let name = raw.trimmingCharacters(in: .whitespaces)
            guard fields.contains(where: { $0.name == name }) else {
                throw ImportError(file: file, line: 1, field: name,
                    message: "unknown column; \(kind.fileName) has the columns \(fields.map(\.name).joined(separator: ", "))")
            }
            guard seen[name] == nil else {
                throw ImportError(file: file, line: 1, field: name, message: "the column appears twice; keep one")
            }
            seen[name] = i
        }
        for field in fields where field.required && seen[field.name] == nil {
            throw ImportError(file: file, line: 1, field: field.name,
                message: "required column is missing from the header; add it (\(field.chinese))")
        }
        self.columnOfField = fields.map { seen[$0.name] }
        self.columnCount = header.count
        self.names = header.map { $0.trimmingCharacters(in: .whitespaces) }
    }
}
