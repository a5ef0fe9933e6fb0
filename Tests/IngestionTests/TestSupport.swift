import Ingestion

/// Reads every row of CSV bytes, in chunks of `chunkSize` to exercise the seams.
func readAll(
    _ bytes: [UInt8], chunkSize: Int = 1 << 20, encoding: EncodingChoice = .auto, delimiter: Character = ",",
    maxRowBytes: Int = 1 << 20
) throws -> (rows: [SourceRow], encoding: TextEncoding) {
    var reader = try CSVStreamReader(
        source: MemoryByteSource(bytes, chunkSize: chunkSize), encoding: encoding, delimiter: delimiter.asciiValue!,
        file: "test.csv", maxRowBytes: maxRowBytes)
    var rows = [SourceRow]()
    while let row = try reader.next() { rows.append(row) }
    return (rows, reader.encoding)
}

/// Bytes from a hex string.
func hexBytes(_ hex: String) -> [UInt8] {
    var out = [UInt8]()
    var chars = hex.makeIterator()
    while let a = chars.next(), let b = chars.next() { out.append(UInt8(String([a, b]), radix: 16)!) }
    return out
}
