/// All the records of a run, the inputs one after the other, so that a record is one integer.
struct RecordStore: Sendable {
    /// The inputs in order.
    let tables: [Table]
    /// The input each record comes from.
    let source: [UInt8]
    /// The index of each record inside its input.
    let row: [Int32]
    /// The first global index of each input.
    let offsets: [Int]

    init(tables: [Table]) {
        precondition(tables.count <= 255, "at most 255 inputs")
        self.tables = tables
        var source = [UInt8]()
        var row = [Int32]()
        var offsets = [Int]()
        for (t, table) in tables.enumerated() {
            offsets.append(source.count)
            source.append(contentsOf: repeatElement(UInt8(t), count: table.count))
            row.append(contentsOf: (0..<Int32(table.count)))
        }
        self.source = source
        self.row = row
        self.offsets = offsets
    }

    var count: Int { source.count }

    /// The id of record `r`.
    func id(_ r: Int) -> String { tables[Int(source[r])].ids[Int(row[r])] }

    /// The input name of record `r`.
    func sourceName(_ r: Int) -> String { tables[Int(source[r])].name }

    /// The value of `column` for every record, inputs concatenated; throws when an input lacks it.
    func values(of column: String, usedBy use: String) throws(LinkageError) -> [String] {
        var out = [String]()
        out.reserveCapacity(count)
        for table in tables {
            guard let c = table.columnIndex(column) else {
                throw LinkageError(
                    .missingColumn,
                    "\(table.file.map { "\($0): " } ?? "")input \(table.name): no column \"\(column)\" (used by \(use)); its columns are \(table.columnNames.joined(separator: ", ")); add the column or change the configuration"
                )
            }
            out.append(contentsOf: table.columns[c])
        }
        return out
    }
}

/// One column with its values interned: equal values share a code, so "exact" is an integer
/// comparison and each comparator prepares each distinct value once.
struct EncodedColumn: Sendable {
    /// The code of each record's value; -1 for null (empty).
    let codes: [Int32]
    /// The distinct values, by code (trimmed).
    let values: [String]
    /// How many records hold each value.
    let counts: [Int32]
    /// How many records have a value.
    let nonNullCount: Int

    init(_ raw: [String], transform: ((String) -> String)? = nil) {
        var index = [String: Int32]()
        var values = [String]()
        var counts = [Int32]()
        var codes = [Int32](repeating: -1, count: raw.count)
        var nonNull = 0
        for (r, v) in raw.enumerated() {
            var value = v.trimmingSpaces()
            if let transform { value = transform(value) }
            if value.isEmpty { continue }
            nonNull += 1
            if let code = index[value] {
                codes[r] = code
                counts[Int(code)] += 1
            } else {
                let code = Int32(values.count)
                index[value] = code
                values.append(value)
                counts.append(1)
                codes[r] = code
            }
        }
        self.codes = codes
        self.values = values
        self.counts = counts
        self.nonNullCount = nonNull
    }

    /// This column with `transform` applied to each distinct value (once per value, not per
    /// record), values that become equal sharing a code and those that become empty null.
    func deriving(_ transform: (String) -> String) -> EncodedColumn {
        var index = [String: Int32]()
        var newValues = [String]()
        var recode = [Int32](repeating: -1, count: values.count)
        for (code, value) in values.enumerated() {
            let derived = transform(value)
            if derived.isEmpty { continue }
            if let known = index[derived] {
                recode[code] = known
            } else {
                let new = Int32(newValues.count)
                index[derived] = new
                newValues.append(derived)
                recode[code] = new
            }
        }
        var newCounts = [Int32](repeating: 0, count: newValues.count)
        var nonNull = 0
        let newCodes = codes.map { c -> Int32 in
            guard c >= 0 else { return -1 }
            let n = recode[Int(c)]
            if n >= 0 {
                newCounts[Int(n)] += 1
                nonNull += 1
            }
            return n
        }
        return EncodedColumn(codes: newCodes, values: newValues, counts: newCounts, nonNullCount: nonNull)
    }

    private init(codes: [Int32], values: [String], counts: [Int32], nonNullCount: Int) {
        self.codes = codes
        self.values = values
        self.counts = counts
        self.nonNullCount = nonNullCount
    }

    /// The share of records with value `code` (term frequency).
    func frequency(_ code: Int32) -> Double { Double(counts[Int(code)]) / Double(max(nonNullCount, 1)) }
}
