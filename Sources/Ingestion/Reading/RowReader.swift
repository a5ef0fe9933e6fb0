/// Anything that yields an export's rows in order: CSV now, XLSX and JSON Lines to come.
public protocol RowReader {
    /// The next row, nil at the end.
    mutating func next() throws(IngestError) -> SourceRow?
}

extension CSVStreamReader: RowReader {}
