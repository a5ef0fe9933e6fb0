import FundWatchCore

/// Checks one CSV row of a canonical file against its record type and returns the values to
/// store, in canonical field order. Pure: no I/O, safe to run on any thread.
struct RowValidator: Sendable {
    /// What became of a row.
    enum Outcome: Sendable {
        /// The row is valid; the values are canonical, in field order.
        case accepted(line: Int, values: [String])
        /// The row is not stored, for this reason.
        case rejected(line: Int, field: String?, reason: String, raw: [String])
    }

    let kind: RecordKind
    let header: CanonicalHeader
    let today: CivilDate
    private let names: [String]
    private let idFields: [Int]
    /// Whether the file's columns are exactly the canonical fields in canonical order, as the
    /// simulator and most exports write them: then a row's fields are used as they are.
    private let inCanonicalOrder: Bool

    init(kind: RecordKind, header: CanonicalHeader, today: CivilDate) {
        self.kind = kind
        self.header = header
        self.today = today
        let fields = kind.recordType.fields
        self.names = fields.map(\.name)
        self.idFields = fields.indices.filter { fields[$0].type == .idNumber }
        self.inCanonicalOrder = header.columnCount == fields.count && header.columnOfField.enumerated().allSatisfy { $0.element == $0.offset }
    }

    func validate(_ row: CSVReader.Row) -> Outcome {
        if let problem = row.problem {
            return .rejected(line: row.line, field: nil, reason: problem, raw: row.fields)
        }
        guard row.fields.count == header.columnCount else {
            return .rejected(
                line: row.line, field: nil,
                reason: "expected \(header.columnCount) fields as in the header, found \(row.fields.count)", raw: row.fields)
        }
        var values: [String]
        if inCanonicalOrder {
            values = row.fields
        } else {
            values = []
            values.reserveCapacity(names.count)
            for column in header.columnOfField { values.append(column.map { row.fields[$0] } ?? "") }
        }
        let record: any CanonicalRecord
        do {
            record = try kind.recordType.init(row: CanonicalRow(names: names, values: values, today: today))
        } catch {
            return .rejected(line: row.line, field: error.field, reason: error.description, raw: row.fields)
        }
        // The record types accept only canonical text for dates, periods, money, booleans and
        // codes, so the raw values are what the record would write back, except ID numbers,
        // which may arrive in the 15-digit or full-width form and are stored as 18 characters.
        // Every record type has at most one ID field, its subject.
        if let id = record.subjectID, let field = idFields.first { values[field] = id.value }
        return .accepted(line: row.line, values: values)
    }
}
