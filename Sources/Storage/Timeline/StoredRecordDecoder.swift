import FundWatchCore
import GRDB

/// Turns stored rows back into canonical records through the same validation as import.
struct StoredRecordDecoder {
    let kind: RecordKind
    let fields: [FieldSpec]
    /// The field name at each position, shared by every row this decoder reads.
    let names: [String]
    /// The position of the person column among `fields`, if the table has one.
    let personField: Int?
    /// Stored rows were validated on import against the date of import; reading them back must
    /// not reject them because time has passed, so the bound is far in the future.
    private static let farFuture = CivilDate(year: 9999, month: 12, day: 31)!

    init(kind: RecordKind) {
        let fields = kind.recordType.fields
        self.kind = kind
        self.fields = fields
        names = fields.map(\.name)
        personField = Self.personColumn(of: kind).flatMap { name in fields.firstIndex { $0.name == name } }
    }

    /// The SELECT list, in canonical field order.
    var selectList: String { fields.map(\.name).joined(separator: ", ") }

    /// The person column of this table, if it has one.
    var personColumn: String? { Self.personColumn(of: kind) }

    /// The person column of a table of this kind, if it has one.
    static func personColumn(of kind: RecordKind) -> String? {
        switch kind {
        case .bankAccount: "holder_id_number"
        case .institution, .staff: nil
        default: "id_number"
        }
    }

    /// Decodes a row whose first columns are `selectList`.
    func decode(_ row: Row) throws -> any CanonicalRecord {
        var values = [String]()
        values.reserveCapacity(fields.count)
        for (i, field) in fields.enumerated() {
            let dbValue: DatabaseValue = row[i]
            switch dbValue.storage {
            case .null: values.append("")
            case .int64(let n): values.append(field.type == .bool ? (n != 0 ? "true" : "false") : String(n))
            case .string(let s): values.append(s)
            case .double(let d): values.append(String(Int64(d)))
            case .blob: values.append("")
            }
        }
        return try decode(values: values)
    }

    /// Decodes a row's values, in canonical field order, as text (empty = unknown).
    func decode(values: [String]) throws -> any CanonicalRecord {
        do {
            return try kind.recordType.init(row: CanonicalRow(names: names, values: values, today: Self.farFuture))
        } catch {
            throw StoredDataError(table: kind.rawValue, problem: error.description)
        }
    }
}

/// A stored row that no longer reads as its record type (the database was edited by hand).
public struct StoredDataError: Error, CustomStringConvertible {
    public let table: String
    public let problem: String
    public var description: String { "a stored \(table) row is damaged: \(problem); re-import the source file" }
}
