public import Foundation
public import FundWatchCore
import Yams

extension MappingSpec {
    /// The top-level keys a spec may have.
    static let knownKeys = [
        "source", "department", "record", "format", "encoding", "delimiter", "sheet", "header_row", "version",
        "max_reject_rate", "columns",
    ]
    /// The keys a column mapping may have.
    static let knownColumnKeys = ["column", "value", "formats", "unit", "lookup", "within", "map", "simplify", "name_column"]

    /// Reads a spec file.
    public init(contentsOf url: URL, catalog: RegionCatalog? = nil) throws(SpecError) {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw SpecError(file: url.path, line: nil, column: nil, reason: "cannot read the spec file: \(error.localizedDescription)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw SpecError(file: url.path, line: nil, column: nil, reason: "a spec file must be UTF-8 text")
        }
        try self.init(yaml: text, file: url.path, catalog: catalog)
    }

    /// Parses a spec's YAML. Unknown keys, wrong values and unmapped required fields are errors
    /// with the line and column of the node to fix.
    public init(yaml: String, file: String = "<spec>", catalog: RegionCatalog? = nil) throws(SpecError) {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            var mark: Mark?
            switch error {
            case .scanner(_, _, let m, _), .parser(_, _, let m, _), .composer(_, _, let m, _): mark = m
            default: mark = nil
            }
            throw SpecError(file: file, line: mark?.line, column: mark?.column, reason: "not valid YAML: \(error)")
        } catch {
            throw SpecError(file: file, line: nil, column: nil, reason: "not valid YAML: \(error)")
        }
        let reader = SpecNodeReader(file: file, root: root)
        guard let mapping = root?.mapping else {
            throw reader.fail(root, "a spec is a YAML mapping (source: …, department: …, record: …, columns: …)")
        }
        try reader.rejectUnknownKeys(mapping, known: MappingSpec.knownKeys, what: "key")

        let source = try reader.requiredText(mapping, "source")
        guard source.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F }) else {
            throw reader.fail(mapping["source"], "source '\(source)' must be a lower_snake_case feed name (a-z, 0-9, _)")
        }
        let department: Department = try reader.choice(mapping, "department", required: true)!
        let record: RecordKind = try reader.choice(mapping, "record", required: true)!
        let format: SourceFormat = try reader.choice(mapping, "format") ?? .csv
        let encoding: EncodingChoice = try reader.choice(mapping, "encoding") ?? .auto

        var delimiter = UInt8(ascii: ",")
        if let node = mapping["delimiter"] {
            guard format == .csv else { throw reader.fail(node, "delimiter applies to csv only; remove it") }
            guard let text = node.scalar?.string, text.utf8.count == 1, let byte = text.utf8.first, byte < 0x80,
                byte != 0x22, byte != 0x0A, byte != 0x0D
            else {
                throw reader.fail(node, "delimiter must be one ASCII character other than a quote or line end, e.g. \",\" or \"\\t\"")
            }
            delimiter = byte
        }
        var sheet: String?
        if let node = mapping["sheet"] {
            guard format == .xlsx else { throw reader.fail(node, "sheet applies to xlsx only; remove it") }
            sheet = try reader.text(node, "sheet")
        }
        let headerRow = try reader.positiveInteger(mapping, "header_row") ?? 1
        let version = try reader.positiveInteger(mapping, "version") ?? 1
        var maxRejectRate: Double?
        if let node = mapping["max_reject_rate"] {
            guard let text = node.scalar?.string, let rate = Double(text), rate >= 0, rate <= 1 else {
                throw reader.fail(node, "max_reject_rate must be a share between 0 and 1, e.g. 0.05 for 5 %")
            }
            maxRejectRate = rate
        }

        guard let columnsNode = mapping["columns"] else {
            throw reader.fail(root, "missing required key 'columns' (canonical field: export column header)")
        }
        guard let columnMapping = columnsNode.mapping, !columnMapping.isEmpty else {
            throw reader.fail(columnsNode, "columns must map canonical fields to export columns, e.g. `id_number: 身份证号码`")
        }
        let fields = record.recordType.fields
        var columns = [FieldMapping]()
        for (key, value) in columnMapping {
            guard let name = key.scalar?.string, let field = fields.first(where: { $0.name == name }) else {
                let name = key.scalar?.string ?? "?"
                let closest = Nearest.name(to: name, among: fields.map(\.name)).map { " (did you mean '\($0)'?)" } ?? ""
                throw reader.fail(
                    key, "'\(name)' is not a field of \(record.rawValue)\(closest); its fields are \(fields.map(\.name).joined(separator: ", "))")
            }
            guard !columns.contains(where: { $0.field.name == name }) else {
                throw reader.fail(key, "field '\(name)' is mapped twice; keep one")
            }
            columns.append(try reader.fieldMapping(field, value, record: record, catalog: catalog, line: key.mark?.line))
        }
        for field in fields where field.required && !columns.contains(where: { $0.field.name == field.name }) {
            throw reader.fail(
                columnsNode, "required field '\(field.name)' (\(field.chinese)) of \(record.rawValue) is not mapped; add `\(field.name): <column header>`")
        }
        self.init(
            source: source, department: department, record: record, format: format, encoding: encoding, delimiter: delimiter,
            sheet: sheet, headerRow: headerRow, version: version, maxRejectRate: maxRejectRate, columns: columns)
    }
}

/// Reads typed values out of spec nodes, failing with the node's position.
struct SpecNodeReader {
    let file: String
    let root: Node?

    func fail(_ node: Node?, _ reason: String) -> SpecError {
        let mark = node?.mark ?? root?.mark
        return SpecError(file: file, line: mark?.line, column: mark?.column, reason: reason)
    }

    func rejectUnknownKeys(_ mapping: Node.Mapping, known: [String], what: String) throws(SpecError) {
        var seen = Set<String>()
        for (key, _) in mapping {
            let name = key.scalar?.string ?? "?"
            guard known.contains(name) else {
                let closest = Nearest.name(to: name, among: known).map { "did you mean '\($0)'? " } ?? ""
                throw fail(key, "unknown \(what) '\(name)'; \(closest)expected one of \(known.joined(separator: ", "))")
            }
            guard seen.insert(name).inserted else { throw fail(key, "'\(name)' is given twice; keep one") }
        }
    }

    func text(_ node: Node, _ key: String) throws(SpecError) -> String {
        guard let text = node.scalar?.string, !text.isEmpty else { throw fail(node, "'\(key)' must be a non-empty text") }
        return text
    }

    func requiredText(_ mapping: Node.Mapping, _ key: String) throws(SpecError) -> String {
        guard let node = mapping[key] else { throw fail(root, "missing required key '\(key)'") }
        return try text(node, key)
    }

    func choice<T: RawRepresentable & CaseIterable>(
        _ mapping: Node.Mapping, _ key: String, required: Bool = false
    ) throws(SpecError) -> T? where T.RawValue == String {
        guard let node = mapping[key] else {
            if required { throw fail(root, "missing required key '\(key)'; one of \(T.allCases.map(\.rawValue).joined(separator: ", "))") }
            return nil
        }
        let value = try text(node, key)
        guard let choice = T(rawValue: value) else {
            throw fail(node, "\(key) '\(value)' is not one of \(T.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return choice
    }

    func positiveInteger(_ mapping: Node.Mapping, _ key: String) throws(SpecError) -> Int? {
        guard let node = mapping[key] else { return nil }
        guard let text = node.scalar?.string, let value = Int(text), value >= 1 else {
            throw fail(node, "\(key) must be a positive whole number")
        }
        return value
    }

    /// One entry of `columns`: a header text, or a mapping of options.
    func fieldMapping(
        _ field: FieldSpec, _ node: Node, record: RecordKind, catalog: RegionCatalog?, line: Int?
    ) throws(SpecError) -> FieldMapping {
        if let header = node.scalar?.string {
            guard !header.isEmpty else { throw fail(node, "give the export's column header for '\(field.name)'") }
            return FieldMapping(
                field: field, source: .column(header), formats: defaultFormats(field),
                specLine: line)
        }
        guard let options = node.mapping else {
            throw fail(node, "'\(field.name)' must be a column header or a mapping such as { column: 死亡日期, formats: [...] }")
        }
        try rejectUnknownKeys(options, known: MappingSpec.knownColumnKeys, what: "column option")
        let source: FieldMapping.Source
        switch (options["column"], options["value"]) {
        case (let column?, nil): source = .column(try text(column, "column"))
        case (nil, let value?):
            guard let constant = value.scalar?.string else { throw fail(value, "value must be a single text") }
            source = .constant(constant)
        case (nil, nil): throw fail(node, "'\(field.name)' needs either column: <header> or value: <constant>")
        case (_?, let value?): throw fail(value, "'\(field.name)' has both column and value; keep one")
        }

        var formats = defaultFormats(field)
        if let node = options["formats"] {
            guard field.type == .date || field.type == .period else {
                throw fail(node, "formats apply to date and month fields; '\(field.name)' is \(field.type.rawValue)")
            }
            let items = node.sequence.map { Array($0) } ?? (node.scalar != nil ? [node] : [])
            guard !items.isEmpty else { throw fail(node, "formats is a list such as [\"yyyy年M月d日\", \"yyyyMMdd\", \"excel_serial\"]") }
            formats = []
            for item in items {
                let text = try text(item, "formats")
                switch DatePattern.parse(text) {
                case .success(let pattern):
                    if field.type == .date, !pattern.hasDay, !pattern.isExcelSerial {
                        throw fail(item, "'\(text)' has no day (d or dd), but '\(field.name)' is a date")
                    }
                    formats.append(pattern)
                case .failure(let error): throw fail(item, "format '\(text)': \(error.reason)")
                }
            }
        }
        var unit = MoneyUnit.fen
        if let node = options["unit"] {
            guard field.type == .money else { throw fail(node, "unit applies to money fields; '\(field.name)' is \(field.type.rawValue)") }
            let text = try text(node, "unit")
            guard let u = MoneyUnit(rawValue: text) else { throw fail(node, "unit '\(text)' is not one of yuan, fen") }
            unit = u
        }
        var lookup: RegionLookup?
        if let node = options["lookup"] {
            guard field.type == .region else {
                throw fail(node, "lookup applies to region fields; '\(field.name)' is \(field.type.rawValue)")
            }
            let text = try text(node, "lookup")
            guard text == "region_name" else { throw fail(node, "lookup '\(text)' is not one of region_name") }
            lookup = RegionLookup()
        }
        if let node = options["within"] {
            guard lookup != nil else { throw fail(node, "within narrows a region lookup; add `lookup: region_name`") }
            let text = try text(node, "within")
            let catalog = catalog ?? .shared
            if catalog.region(text) != nil {
                lookup?.within = text
            } else {
                let matches = catalog.lookup(name: text)
                guard matches.count == 1 else {
                    throw fail(node, matches.isEmpty
                        ? "within '\(text)' is neither a region code nor a region name"
                        : "within '\(text)' is ambiguous: \(matches.map { "\($0.code) \($0.name)" }.joined(separator: ", ")); give the code")
                }
                lookup?.within = matches[0].code
            }
        }
        var valueMap = [String: String]()
        if let node = options["map"] {
            guard let entries = node.mapping else { throw fail(node, "map is a mapping of export values to canonical values, e.g. {男: male}") }
            let vocabulary = field.type == .bool ? CodeVocabulary.boolean : CodeVocabulary.of(kind: record, field: field.name)
            for (k, v) in entries {
                guard let from = k.scalar?.string, let to = v.scalar?.string else { throw fail(k, "map entries are text: text") }
                if let vocabulary, vocabulary.codeBySpelling[to] == nil {
                    throw fail(v, "'\(to)' is not a code of '\(field.name)'; one of \(vocabulary.codes.joined(separator: ", "))")
                }
                valueMap[from] = to
            }
        }
        var simplify: Bool?
        if let node = options["simplify"] {
            guard let b = node.bool else { throw fail(node, "simplify must be true or false") }
            guard field.type == .text else { throw fail(node, "simplify applies to text fields; '\(field.name)' is \(field.type.rawValue)") }
            simplify = b
        }
        var nameColumn: String?
        if let node = options["name_column"] {
            guard field.type == .region, case .column = source else {
                throw fail(node, "name_column names the column that holds a region code's name; '\(field.name)' is not a region read from a column")
            }
            nameColumn = try text(node, "name_column")
        }
        let mapping = FieldMapping(
            field: field, source: source, formats: formats, unit: unit, lookup: lookup, valueMap: valueMap, simplify: simplify,
            specLine: line, nameColumn: nameColumn)
        if case .constant(let constant) = source {
            let cleaner = FieldCleaner(mapping: mapping, kind: record, catalog: catalog)
            var counts = CleaningCounts()
            if case .failure(let problem) = cleaner.clean(constant, counts: &counts) {
                throw fail(options["value"], "value '\(constant)' of '\(field.name)': \(problem.reason)")
            }
        }
        return mapping
    }

    private func defaultFormats(_ field: FieldSpec) -> [DatePattern] {
        switch field.type {
        case .date: DatePattern.defaultDatePatterns
        case .period: DatePattern.defaultPeriodPatterns
        default: []
        }
    }
}
