import FundWatchCore

/// A table of records with string columns, as linkage sees any input: an id per record and
/// named columns. An empty value means unknown (null).
public struct Table: Sendable {
    /// The name this input goes by (the `source` in clusters.csv).
    public let name: String
    /// The column names, in file order (the id column included).
    public let columnNames: [String]
    /// Each record's id.
    public let ids: [String]
    /// Values column by column: `columns[c][r]` is column `c` of record `r`.
    public let columns: [[String]]

    /// The file the table was read from, when it was read from one (named in errors).
    public private(set) var file: String?

    /// The number of records.
    public var count: Int { ids.count }

    /// Builds a table from rows; every row must have one value per column.
    public init(name: String, columnNames: [String], idColumn: String, rows: [[String]]) throws(LinkageError) {
        var columns = [[String]](repeating: [], count: columnNames.count)
        for c in columns.indices { columns[c].reserveCapacity(rows.count) }
        for row in rows {
            for c in columns.indices { columns[c].append(c < row.count ? row[c] : "") }
        }
        try self.init(name: name, columnNames: columnNames, idColumn: idColumn, columns: columns)
    }

    /// Reads a CSV file (RFC 4180, UTF-8, header row) into a table. `file` names it in errors.
    public init(csv bytes: [UInt8], file: String, name: String, idColumn: String) throws(LinkageError) {
        var reader = CSVReader(bytes: bytes).makeIterator()
        guard let header = reader.next() else {
            throw LinkageError(.badCSV, "\(file): the file is empty; it needs a header row")
        }
        let names = header.fields.map { $0.trimmingSpaces() }
        guard names.contains(idColumn) else {
            throw LinkageError(
                .missingColumn,
                "\(file): input \(name): no id column \"\(idColumn)\" (columns: \(names.joined(separator: ", "))); set `id:` to one of them"
            )
        }
        // Values go straight into their columns: no per-row arrays kept for a million rows.
        var columns = [[String]](repeating: [], count: names.count)
        while let row = reader.next() {
            if let problem = row.problem {
                throw LinkageError(.badCSV, "\(file):\(row.line): \(problem); fix the row and run again")
            }
            if row.fields.count != names.count {
                throw LinkageError(
                    .badCSV,
                    "\(file):\(row.line): \(row.fields.count) fields where the header has \(names.count); fix the row and run again"
                )
            }
            for (c, field) in row.fields.enumerated() { columns[c].append(field) }
        }
        try self.init(name: name, columnNames: names, idColumn: idColumn, columns: columns)
        self.file = file
    }

    /// Builds a table from whole columns of equal length, `columns[c][r]` being column `c` of record `r`.
    public init(name: String, columnNames: [String], idColumn: String, columns: [[String]]) throws(LinkageError) {
        guard let idIndex = columnNames.firstIndex(of: idColumn) else {
            throw LinkageError(
                .missingColumn,
                "input \(name): no id column \"\(idColumn)\" (columns: \(columnNames.joined(separator: ", "))); set `id:` to one of them"
            )
        }
        guard columns.count == columnNames.count, columns.allSatisfy({ $0.count == columns[idIndex].count }) else {
            throw LinkageError(
                .badConfig, "input \(name): \(columnNames.count) column names but \(columns.count) columns, or columns of unequal length")
        }
        self.name = name
        self.columnNames = columnNames
        self.ids = columns[idIndex]
        self.columns = columns
        var seen = Set<String>(minimumCapacity: ids.count)
        for id in ids where !seen.insert(id).inserted {
            throw LinkageError(
                .duplicateID, "input \(name): id \"\(id)\" appears twice in column \(idColumn); ids must be unique")
        }
    }

    /// The index of a column by name.
    public func columnIndex(_ column: String) -> Int? { columnNames.firstIndex(of: column) }
}

extension String {
    /// The string without leading and trailing spaces, tabs and line ends.
    func trimmingSpaces() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        if first == scalars.startIndex && last == scalars.index(before: scalars.endIndex) { return self }
        return String(scalars[first...last])
    }
}
