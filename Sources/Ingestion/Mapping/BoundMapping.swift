public import FundWatchCore

/// A spec bound to one export's header: where each canonical field's value is, and how to clean
/// it. Maps rows to canonical values; pure and `Sendable`, so rows can be mapped on any thread.
public struct BoundMapping: Sendable {
    /// Where a canonical field's value comes from in this export.
    enum Slot: Sendable {
        case column(Int, header: String, cleaner: FieldCleaner)
        case constant(String)
        case absent
    }

    public let kind: RecordKind
    public let file: String
    /// The header as read (before normalisation), for reports.
    public let header: [String]
    let fields: [FieldSpec]
    let names: [String]
    let slots: [Slot]
    /// Per field, the export column it is read from (-1: a constant or absent) and its cleaner,
    /// kept apart from `slots` so the row loop reads them in place instead of copying each
    /// slot's cleaner (with its tables) for every value.
    let columnOfField: [Int]
    let cleaners: [FieldCleaner?]
    /// `cleaners` unretained, for the chunk loop: both workers share each cleaner, and retaining
    /// and releasing it around every value made its reference count a contended cache line
    /// (`cleaners` keeps them alive).
    let unretainedCleaners: [Unmanaged<FieldCleaner>?]
    /// Per field, the `ValueHash` of its value when it is not read from a column (its constant,
    /// or "" when absent): the chunk loop hands the tally each value's hash with the row.
    let constantHashes: [UInt64]
    let today: CivilDate
    /// Region fields whose names the spec asks to check against their codes (`name_column`).
    let regionNameChecks: [RegionNameCheck]
    /// Per field, how its cleaned value is validated (see `passesFieldChecks`).
    let fieldChecks: [FieldCheck]
    /// Whether a row passing the field checks must still build its record (cross-field rules).
    let buildsRecord: Bool

    /// Binds `spec` to the export's `header` row. Throws when a mapped column is missing (naming
    /// the closest header present) or appears twice. `catalog` nil: the bundled regions, loaded
    /// only if the spec looks region names up (loading them was a twentieth of a CSV dry run).
    public init(
        spec: MappingSpec, header: SourceRow, file: String, today: CivilDate, catalog: RegionCatalog? = nil
    ) throws(IngestError) {
        if let problem = header.problem {
            throw IngestError(file: file, line: header.line, message: "the header cannot be read: \(problem)")
        }
        let normalised = header.fields.map(BoundMapping.normaliseHeader)
        var columnsByHeader = [String: [Int]]()
        for (i, name) in normalised.enumerated() { columnsByHeader[name, default: []].append(i) }
        let fields = spec.record.recordType.fields
        var slots = [Slot]()
        var nameChecks = [RegionNameCheck]()
        for field in fields {
            guard let mapping = spec.mapping(of: field.name) else {
                slots.append(.absent)
                continue
            }
            let cleaner = FieldCleaner(mapping: mapping, kind: spec.record, catalog: catalog)
            switch mapping.source {
            case .constant(let value):
                var ignored = CleaningCounts()
                guard case .success(let clean) = cleaner.clean(value, counts: &ignored) else {
                    preconditionFailure("spec loading checks constants")
                }
                slots.append(.constant(clean))
            case .column(let wanted):
                let key = BoundMapping.normaliseHeader(wanted)
                let specPlace = mapping.specLine.map { " (spec line \($0))" } ?? ""
                guard let indices = columnsByHeader[key] else {
                    let hint = Nearest.closest(to: key, among: normalised.filter { !$0.isEmpty })
                        .flatMap { best in normalised.firstIndex(of: best.0) }
                        .map { " the closest header present is '\(header.fields[$0])'." } ?? " the header is empty."
                    throw IngestError(
                        file: file, line: header.line, column: wanted,
                        message: "the spec maps '\(field.name)'\(specPlace) to column '\(wanted)', which the header lacks;\(hint) Fix the spec's column name or the export's header")
                }
                guard indices.count == 1 else {
                    throw IngestError(
                        file: file, line: header.line, column: wanted,
                        message: "column '\(wanted)' appears \(indices.count) times in the header (columns \(indices.map { String($0 + 1) }.joined(separator: ", "))); rename all but one so the spec can tell them apart")
                }
                slots.append(.column(indices[0], header: header.fields[indices[0]], cleaner: cleaner))
                if let nameColumn = mapping.nameColumn {
                    guard let nameIndices = columnsByHeader[BoundMapping.normaliseHeader(nameColumn)], nameIndices.count == 1 else {
                        throw IngestError(
                            file: file, line: header.line, column: nameColumn,
                            message: "the spec checks '\(field.name)'\(specPlace) against the region names in column '\(nameColumn)', which the header lacks or repeats; fix name_column or the export's header")
                    }
                    nameChecks.append(RegionNameCheck(
                        fieldIndex: slots.count - 1, nameColumn: nameIndices[0], resolver: RegionResolver(catalog: catalog ?? .shared, within: nil)))
                }
            }
        }
        self.kind = spec.record
        self.file = file
        self.header = header.fields
        self.fields = fields
        self.names = fields.map(\.name)
        self.slots = slots
        self.columnOfField = slots.map { if case .column(let c, _, _) = $0 { c } else { -1 } }
        self.cleaners = slots.map { if case .column(_, _, let cleaner) = $0 { cleaner } else { nil } }
        self.unretainedCleaners = cleaners.map { $0.map(Unmanaged.passUnretained) }
        self.constantHashes = slots.map { if case .constant(let value) = $0 { ValueHash.hash(value) } else { ValueHash.hash("") } }
        self.today = today
        self.regionNameChecks = nameChecks
        self.fieldChecks = BoundMapping.fieldChecks(kind: spec.record, fields: fields)
        self.buildsRecord = BoundMapping.kindsCheckingAcrossFields.contains(spec.record)
    }

    /// Header text as compared: trimmed, half-width (`金额（元）` matches `金额(元)`).
    static func normaliseHeader(_ text: String) -> String {
        var value = text
        if let h = TextCleaning.halfWidth(value) { value = h }
        if let t = TextCleaning.trimmed(value) { value = t }
        return value
    }

    /// Maps, cleans and validates one row.
    public func map(_ row: SourceRow, counts: inout CleaningCounts) -> RowOutcome {
        var checkedIDs = [String](repeating: "", count: fieldChecks.count)
        return map(row, counts: &counts, checkedIDs: &checkedIDs)
    }

    /// `map(_:counts:)` remembering, across the rows of a chunk, the ID numbers already checked.
    func map(_ row: SourceRow, counts: inout CleaningCounts, checkedIDs: inout [String]) -> RowOutcome {
        if let problem = row.problem {
            return .rejected(reject(row, column: nil, field: nil, value: nil, reason: problem, code: "malformed_row"))
        }
        guard row.fields.count == header.count else {
            return .rejected(reject(
                row, column: nil, field: nil, value: nil,
                reason: "expected \(header.count) fields as in the header, found \(row.fields.count)", code: "field_count"))
        }
        var values = [String]()
        values.reserveCapacity(slots.count)
        for i in 0..<columnOfField.count {
            let c = columnOfField[i]
            guard c >= 0 else {
                values.append(constantValue(i))
                continue
            }
            switch cleaners[i]!.clean(row.fields[c], counts: &counts) {
            case .success(let value): values.append(value)
            case .failure(let problem): return cleaningReject(row, field: i, problem: problem)
            }
        }
        return validated(values, line: row.line, checkedIDs: &checkedIDs) { row }
    }

    /// The value of field `i` when it is not read from a column: its constant, or "" (absent).
    func constantValue(_ i: Int) -> String {
        if case .constant(let value) = slots[i] { value } else { "" }
    }

    /// The reject for a row whose field `i` could not be cleaned.
    func cleaningReject(_ row: SourceRow, field i: Int, problem: FieldCleaner.Problem) -> RowOutcome {
        let field = fields[i]
        let c = columnOfField[i]
        return .rejected(reject(
            row, column: header[c], field: field.name,
            value: Masking.mask(row.fields[c], field: field), reason: problem.reason, code: "invalid_\(field.type.rawValue)"))
    }

    /// Validates cleaned `values` by the canonical record type; `row` gives the row as read, for a reject.
    /// Values passing the field checks are accepted without building the record, unless the type
    /// checks fields against each other; any other row is judged by the record type, as before.
    /// `knownValid` marks fields (bit i: field i) whose values are known to pass their check.
    func validated(_ values: [String], line: Int, checkedIDs: inout [String], knownValid: UInt64 = 0, row: () -> SourceRow) -> RowOutcome {
        if !buildsRecord, passesFieldChecks(values, checkedIDs: &checkedIDs, knownValid: knownValid) {
            return .accepted(line: line, values: values)
        }
        do {
            // The cleaners give canonical text for every type, so the values are what the record
            // would write back; the record is built to validate them (required fields, ranges, IDs).
            _ = try kind.recordType.init(row: CanonicalRow(names: names, values: values, today: today))
            return .accepted(line: line, values: values)
        } catch {
            let row = row()
            let index = names.firstIndex(of: error.field)
            var column: String?
            var value: String?
            if let index, case .column(let c, let header, _) = slots[index] {
                column = header
                value = Masking.mask(row.fields[c], field: fields[index])
            }
            let code: String
            switch error.problem {
            case .missing: code = "missing"
            case .invalid: code = "invalid_\(index.map { fields[$0].type.rawValue } ?? "value")"
            }
            return .rejected(reject(row, column: column, field: error.field, value: value, reason: error.description, code: code))
        }
    }

    private func reject(_ row: SourceRow, column: String?, field: String?, value: String?, reason: String, code: String) -> Reject {
        Reject(file: file, line: row.line, column: column, field: field, value: value, reason: reason, code: code, raw: row.fields)
    }
}

extension BoundMapping {
    /// A mapped canonical field and where it comes from in this export.
    public struct MappedColumn: Sendable, Hashable {
        /// Index of the field in the record type's `fields` (and in accepted values).
        public let fieldIndex: Int
        public let field: FieldSpec
        /// The export's header and its column index; nil for a constant.
        public let header: String?
        public let columnIndex: Int?
    }

    /// The fields the spec maps, in canonical order.
    public var mappedColumns: [MappedColumn] {
        slots.enumerated().compactMap { i, slot in
            switch slot {
            case .absent: nil
            case .constant: MappedColumn(fieldIndex: i, field: fields[i], header: nil, columnIndex: nil)
            case .column(let c, let header, _): MappedColumn(fieldIndex: i, field: fields[i], header: header, columnIndex: c)
            }
        }
    }
}
