public import FundWatchCore

/// Opens a department export as its spec describes it: the right reader (CSV, XLSX, JSON Lines),
/// the header found and bound to the spec, ready to map rows.
public struct ExportReader {
    /// The spec bound to this export's header.
    public let mapping: BoundMapping
    /// The encoding read (CSV), as given or detected.
    public let encoding: TextEncoding?
    /// Reads the rest of the rows and maps them on every core, in file order.
    private let pipeline: MappingPipeline
    private var chunk: [RowOutcome] = []
    private var chunkIndex = 0
    /// The export's size (CSV, JSON Lines), to size the duplicate check from the first chunk.
    private let sourceBytes: Int?
    private var duplicateCheckSized = false

    /// Opens the export at `path`. `maxXLSXBytes` bounds how far a workbook part may expand.
    /// `catalog` nil: the bundled regions, loaded only if the spec looks region names up.
    /// With `keepingRows` false the rows are mapped, validated and tallied but not handed out
    /// (a dry run wants the quality tally alone): `next(quality:)` merges every chunk's tally and
    /// returns nil, and the workers drop each chunk's rows as soon as they are counted.
    public init(
        spec: MappingSpec, path: String, today: CivilDate, catalog: RegionCatalog? = nil, maxXLSXBytes: Int = 1 << 30,
        keepingRows: Bool = true
    ) throws(IngestError) {
        switch spec.format {
        case .xlsx:
            let reader = try XLSXReader(path: path, sheet: spec.sheet, maxBytes: maxXLSXBytes)
            try self.init(
                spec: spec, rows: .rows(reader, padRows: true), encoding: nil, file: path, today: today, catalog: catalog,
                keepingRows: keepingRows, sourceBytes: nil)
        case .csv, .jsonl:
            try self.init(
                spec: spec, source: try FileByteSource(path: path), file: path, today: today, catalog: catalog, keepingRows: keepingRows)
        }
    }

    /// Opens a CSV or JSON Lines export from any byte source; `file` names it in errors and rejects.
    public init(
        spec: MappingSpec, source: some ByteSource, file: String, today: CivilDate, catalog: RegionCatalog? = nil,
        keepingRows: Bool = true
    ) throws(IngestError) {
        let sourceBytes = source.byteCount
        switch spec.format {
        case .csv:
            let csv = try CSVStreamReader(source: source, encoding: spec.encoding, delimiter: spec.delimiter, file: file)
            try self.init(
                spec: spec, rows: .csv(csv, delimiter: spec.delimiter), encoding: csv.encoding, file: file, today: today, catalog: catalog,
                keepingRows: keepingRows, sourceBytes: sourceBytes)
        case .jsonl:
            let keys = spec.columns.compactMap(\.columnName) + spec.columns.compactMap(\.nameColumn)
            let reader = JSONLinesReader(source: source, keys: keys, file: file)
            try self.init(
                spec: spec, rows: .rows(reader, padRows: true), encoding: .utf8, file: file, today: today, catalog: catalog,
                keepingRows: keepingRows, sourceBytes: nil)
        case .xlsx:
            throw IngestError(file: file, message: "an XLSX workbook is read from a file path, not a stream")
        }
    }

    private init(
        spec: MappingSpec, rows: MappingPipeline.Rows, encoding: TextEncoding?, file: String, today: CivilDate, catalog: RegionCatalog?,
        keepingRows: Bool, sourceBytes: Int?
    ) throws(IngestError) {
        self.sourceBytes = sourceBytes
        var rows = rows
        var header: SourceRow?
        // Only the header rows are read here, row by row; the pipeline takes the reader on.
        func nextRow() throws(IngestError) -> SourceRow? {
            switch rows {
            case .rows(var reader, let pad):
                defer { rows = .rows(reader, padRows: pad) }
                return try reader.next()
            case .csv(var reader, let delimiter):
                defer { rows = .csv(reader, delimiter: delimiter) }
                return try reader.next()
            }
        }
        // Rows above the header are titles (报表标题, 制表单位) that exports put first.
        if spec.format == .xlsx {
            // A sheet numbers its rows (r="N") and leaves empty ones out, so `header_row` is the
            // sheet's row number, as the user sees it in the spreadsheet program.
            while let row = try nextRow() {
                if row.line < spec.headerRow { continue }
                guard row.line == spec.headerRow else {
                    throw IngestError(
                        file: file, line: spec.headerRow,
                        message: "sheet row \(spec.headerRow) (header_row in the spec) is empty; the next row with cells is \(row.line). Set header_row to the row that holds the column headers")
                }
                header = row
                break
            }
        } else {
            let skip = spec.format == .jsonl ? 1 : spec.headerRow
            for _ in 0..<skip {
                header = try nextRow()
                guard header != nil else { break }
            }
        }
        guard let header else {
            throw IngestError(
                file: file, line: spec.headerRow,
                message: spec.headerRow == 1
                    ? "the file is empty; it needs at least a header line"
                    : "the file ends before its header row \(spec.headerRow) (header_row in the spec)")
        }
        self.mapping = try BoundMapping(spec: spec, header: header, file: file, today: today, catalog: catalog)
        self.encoding = encoding
        // XLSX and JSON Lines rows leave out trailing empty cells: they are padded to the header's width.
        self.pipeline = MappingPipeline(rows: rows, mapping: mapping, keepingOutcomes: keepingRows)
    }

    /// The next data row mapped, cleaned and validated; nil at the end of the export.
    public mutating func next(counts: inout CleaningCounts) throws(IngestError) -> RowOutcome? {
        while chunkIndex >= chunk.count {
            guard let mapped = try pipeline.next() else { return nil }
            chunk = mapped.outcomes
            chunkIndex = 0
            counts.merge(mapped.quality.cleaning)
        }
        defer { chunkIndex += 1 }
        return chunk[chunkIndex]
    }

    /// The next data row as `next(counts:)` gives it, with `quality` already counting it: the
    /// workers tally each chunk as they map it, so the tally is merged here a chunk at a time
    /// (the caller must not `add` the outcome again).
    public mutating func next(quality: inout QualityAccumulator) throws(IngestError) -> RowOutcome? {
        while chunkIndex >= chunk.count {
            guard let mapped = try pipeline.next() else { return nil }
            chunk = mapped.outcomes
            chunkIndex = 0
            if !duplicateCheckSized, let total = sourceBytes, mapped.bytes > 0 {
                // Rows in the file, as many per byte as in its first chunk.
                duplicateCheckSized = true
                quality.reserveDuplicateCheck(rows: Int(Double(total) / Double(mapped.bytes) * Double(mapped.quality.acceptedRows)))
            }
            quality.merge(mapped.quality)
        }
        defer { chunkIndex += 1 }
        return chunk[chunkIndex]
    }

    /// `row` padded with empty fields (or stripped of trailing empty ones) to `width`.
    static func padded(_ row: SourceRow, to width: Int) -> SourceRow {
        guard row.fields.count != width else { return row }
        var fields = row.fields
        if fields.count < width { fields += Array(repeating: "", count: width - fields.count) }
        while fields.count > width, fields.last?.isEmpty == true { fields.removeLast() }
        return SourceRow(line: row.line, fields: fields, problem: row.problem)
    }
}
