public import FundWatchCore

/// Opens a department export as its spec describes it: the right reader, the header found and
/// bound to the spec, ready to map rows.
public struct ExportReader {
    /// The spec bound to this export's header.
    public let mapping: BoundMapping
    /// The encoding read (CSV), as given or detected.
    public let encoding: TextEncoding?
    private var rows: any RowReader

    /// Opens the export at `path`.
    public init(spec: MappingSpec, path: String, today: CivilDate, catalog: RegionCatalog = .shared) throws(IngestError) {
        try self.init(spec: spec, source: try FileByteSource(path: path), file: path, today: today, catalog: catalog)
    }

    /// Opens an export from any byte source; `file` names it in errors and rejects.
    public init(
        spec: MappingSpec, source: some ByteSource, file: String, today: CivilDate, catalog: RegionCatalog = .shared
    ) throws(IngestError) {
        var reader: any RowReader
        switch spec.format {
        case .csv:
            let csv = try CSVStreamReader(source: source, encoding: spec.encoding, delimiter: spec.delimiter, file: file)
            encoding = csv.encoding
            reader = csv
        case .xlsx, .jsonl:
            throw IngestError(file: file, message: "reading \(spec.format.rawValue) exports is not built yet; export the feed as CSV for now")
        }
        // Rows above the header are titles (报表标题, 制表单位) that exports put first.
        var header: SourceRow?
        for _ in 0..<spec.headerRow {
            header = try reader.next()
            guard header != nil else { break }
        }
        guard let header else {
            throw IngestError(
                file: file, line: spec.headerRow,
                message: spec.headerRow == 1
                    ? "the file is empty; it needs at least a header line"
                    : "the file ends before its header row \(spec.headerRow) (header_row in the spec)")
        }
        self.mapping = try BoundMapping(spec: spec, header: header, file: file, today: today, catalog: catalog)
        self.rows = reader
    }

    /// The next data row mapped, cleaned and validated; nil at the end of the export.
    public mutating func next(counts: inout CleaningCounts) throws(IngestError) -> RowOutcome? {
        guard let row = try rows.next() else { return nil }
        return mapping.map(row, counts: &counts)
    }
}
