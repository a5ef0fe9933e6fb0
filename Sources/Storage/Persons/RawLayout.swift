import FundWatchCore

/// Where each field of a record type sits in the raw rows of one imported file.
struct RawLayout: Sendable, Hashable {
    /// For each field of the record type (in canonical order), its column in the raw row, or nil
    /// when the file left the optional field out.
    let columnOfField: [Int?]
    /// How many fields each raw row has.
    let columnCount: Int

    /// The layout of a file from its stored header; nil when its rows cannot be read as the
    /// record type: a feed ingested through a mapping spec (its raw rows are in the department's
    /// own columns) or a header that does not name the ID field.
    ///
    /// Files imported before headers were kept (no header, no feed) are read in canonical order,
    /// as the simulator and most exports write them.
    init?(kind: RecordKind, header: String?, feed: String?) {
        let fields = kind.recordType.fields
        guard let header else {
            guard feed == nil else { return nil }
            columnOfField = Array(fields.indices)
            columnCount = fields.count
            return
        }
        var reader = CSVReader(bytes: Array(header.utf8) + [0x0A]).makeIterator()
        guard let names = reader.next()?.fields else { return nil }
        var columnOf = [String: Int]()
        for (i, name) in names.enumerated() { columnOf[name] = i }
        columnOfField = fields.map { columnOf[$0.name] }
        columnCount = names.count
        guard let id = UnresolvedRecord.idFieldIndex(of: kind), columnOfField[id] != nil else { return nil }
    }
}
