import FundWatchCore

extension LabeledTable {
    /// The texts read as a missing value in any column.
    public static let missingTokens: Set<String> = ["", "NA", "N/A", "na", "NaN", "nan", "NAN", "null", "NULL", "?"]

    /// Reads a CSV file (UTF-8, a header row) into features, labels and ids.
    ///
    /// - Without a `schema` (training): every column but the label and the id column is a
    ///   feature. A column named in `categorical`, or whose first non-missing value is not a
    ///   number, is categorical (levels in order of first appearance); any other column is
    ///   numeric, and a later cell that is not a number is an error naming its line.
    /// - With a `schema` (scoring): the schema's features are read, in its order, and other
    ///   columns are ignored; a categorical level the schema does not know is read as missing
    ///   and counted in `unseenLevels`.
    ///
    /// Empty cells and the `missingTokens` are missing values; infinity is an error.
    /// Labels are `0`/`1` (also `0.0`/`1.0`, `true`/`false`, `yes`/`no`).
    public static func read(
        csv bytes: [UInt8], file: String, label: String? = nil, idColumn: String = "id",
        categorical: Set<String> = [], schema: FeatureSchema? = nil
    ) throws(RiskModelError) -> LabeledTable {
        var rows = CSVReader(bytes: bytes).makeIterator()
        guard let header = rows.next() else {
            throw RiskModelError(.emptyData, "\(file): the file is empty; it needs a header row and data rows")
        }
        if let problem = header.problem {
            throw RiskModelError(.badCSV, "\(file):\(header.line): header row: \(problem)")
        }
        let names = header.fields.map { $0.trimmingSpaces }
        var position: [String: Int] = [:]
        for (index, name) in names.enumerated() {
            if position[name] != nil {
                throw RiskModelError(
                    .badCSV, "\(file):\(header.line): the column '\(name)' appears twice in the header; rename one")
            }
            position[name] = index
        }
        let labelIndex: Int?
        if let label {
            guard let index = position[label] else {
                throw RiskModelError(
                    .missingColumn,
                    "\(file): no label column '\(label)' in the header (columns: \(names.joined(separator: ", ")))")
            }
            labelIndex = index
        } else {
            labelIndex = nil
        }
        let idIndex = position[idColumn]
        for name in categorical where position[name] == nil {
            throw RiskModelError(.missingColumn, "\(file): --categorical names '\(name)', which is not in the header")
        }

        var readers: [ColumnReader] = []
        if let schema {
            for feature in schema.features {
                guard let index = position[feature.name] else {
                    throw RiskModelError(
                        .missingColumn,
                        "\(file): the model needs the column '\(feature.name)', which is not in the header")
                }
                readers.append(ColumnReader(name: feature.name, index: index, fixedLevels: feature.levels))
            }
        } else {
            for (index, name) in names.enumerated() where index != labelIndex && index != idIndex {
                readers.append(ColumnReader(name: name, index: index, categorical: categorical.contains(name)))
            }
        }

        var labels: [Double] = []
        var ids: [String] = []
        while let row = rows.next() {
            if let problem = row.problem {
                throw RiskModelError(.badCSV, "\(file):\(row.line): \(problem)")
            }
            guard row.fields.count == names.count else {
                throw RiskModelError(
                    .badCSV, "\(file):\(row.line): \(row.fields.count) fields, the header has \(names.count)")
            }
            for r in readers.indices {
                try readers[r].append(row.fields[readers[r].index], line: row.line, file: file)
            }
            if let labelIndex {
                labels.append(try parseLabel(row.fields[labelIndex], line: row.line, file: file, column: names[labelIndex]))
            }
            if let idIndex { ids.append(row.fields[idIndex]) }
        }
        let features: Dataset
        do {
            features = try Dataset(names: readers.map(\.name), columns: readers.map { $0.column })
        }
        var unseen: [String: Int] = [:]
        for reader in readers where reader.unseen > 0 { unseen[reader.name] = reader.unseen }
        return LabeledTable(
            features: features, labels: labelIndex == nil ? nil : labels, ids: idIndex == nil ? nil : ids,
            unseenLevels: unseen)
    }

    static func parseLabel(_ text: String, line: Int, file: String, column: String) throws(RiskModelError) -> Double {
        switch text.trimmingSpaces.lowercased() {
        case "1", "1.0", "true", "yes": return 1
        case "0", "0.0", "false", "no": return 0
        case "":
            throw RiskModelError(
                .badLabel, "\(file):\(line): column '\(column)': the label is empty; every training row needs 0 or 1")
        default:
            throw RiskModelError(
                .badLabel, "\(file):\(line): column '\(column)': the label '\(text)' is not 0 or 1 (nor true/false)")
        }
    }
}

/// Collects one column while the rows stream past, deciding numeric or categorical on the way.
private struct ColumnReader {
    let name: String
    let index: Int
    private var numbers: [Double] = []
    private var codes: [Int32] = []
    private var levels: [String] = []
    private var codeOf: [String: Int32] = [:]
    private var isCategorical: Bool
    /// Whether the levels come from a schema (scoring) and are not extended.
    private let levelsFixed: Bool
    /// Whether the kind was given (by --categorical or a schema) rather than guessed.
    private let kindGiven: Bool
    private var sawNumber = false
    private(set) var unseen = 0

    init(name: String, index: Int, categorical: Bool) {
        self.name = name
        self.index = index
        self.isCategorical = categorical
        self.levelsFixed = false
        self.kindGiven = categorical
    }

    init(name: String, index: Int, fixedLevels: [String]?) {
        self.name = name
        self.index = index
        self.isCategorical = fixedLevels != nil
        self.levelsFixed = fixedLevels != nil
        self.kindGiven = true
        if let fixedLevels {
            levels = fixedLevels
            for (code, level) in fixedLevels.enumerated() { codeOf[level] = Int32(code) }
        }
    }

    var column: Dataset.Column {
        isCategorical ? .categorical(codes: codes, levels: levels) : .numeric(numbers)
    }

    mutating func append(_ raw: String, line: Int, file: String) throws(RiskModelError) {
        let text = raw.trimmingSpaces
        let missing = LabeledTable.missingTokens.contains(text)
        if isCategorical {
            if missing {
                codes.append(-1)
            } else if let code = codeOf[text] {
                codes.append(code)
            } else if levelsFixed {
                unseen += 1
                codes.append(-1)
            } else {
                let code = Int32(levels.count)
                levels.append(text)
                codeOf[text] = code
                codes.append(code)
            }
            return
        }
        if missing {
            numbers.append(.nan)
            return
        }
        guard let value = Double(text) else {
            if !kindGiven && !sawNumber {
                // Every earlier cell was missing: the column is text, so categorical.
                isCategorical = true
                codes = Array(repeating: -1, count: numbers.count)
                numbers = []
                try append(raw, line: line, file: file)
                return
            }
            throw RiskModelError(
                .badValue,
                "\(file):\(line): column '\(name)': '\(text)' is not a number, but the column is numeric; "
                    + "fix the value, leave it empty for missing, or list the column in --categorical")
        }
        if value.isNaN {
            numbers.append(.nan)
            return
        }
        guard value.isFinite else {
            throw RiskModelError(
                .badValue,
                "\(file):\(line): column '\(name)': '\(text)' is infinite; give a finite number or leave it empty for missing")
        }
        sawNumber = true
        numbers.append(value)
    }
}

extension String {
    /// The text without leading and trailing spaces and tabs (CSV exports often pad cells).
    fileprivate var trimmingSpaces: String {
        guard let first = utf8.first, let last = utf8.last,
            first == 0x20 || first == 0x09 || last == 0x20 || last == 0x09
        else { return self }
        var view = Substring(self)
        while let c = view.first, c == " " || c == "\t" { view.removeFirst() }
        while let c = view.last, c == " " || c == "\t" { view.removeLast() }
        return String(view)
    }
}
