import FundWatchCore
import Ingestion
import Testing

/// Rows are mapped on several threads in chunks; what comes out must be what mapping row by row
/// gives: every row once, in file order, with its line, and a read error only after the rows before it.
@Suite struct MappingPipelineTests {
    static let today = CivilDate(year: 2026, month: 11, day: 25)!
    static let yaml = """
        source: deaths
        department: civil_affairs
        record: death_record
        columns:
          id_number: 身份证号码
          name: 姓名
          death_date: { column: 死亡日期, formats: ["yyyy/M/d"] }
          source: { value: civil_affairs }
        """

    /// Fails after handing out `chunks` chunks, as a disk error or a vanished file would.
    struct FailingSource: ByteSource {
        var inner: MemoryByteSource
        var chunks: Int
        mutating func nextChunk() throws(IngestError) -> [UInt8]? {
            guard chunks > 0 else { throw IngestError(file: "deaths.csv", message: "reading failed: simulated") }
            chunks -= 1
            return try inner.nextChunk()
        }
    }

    func csv(rows: Int) -> [UInt8] {
        var text = "身份证号码,姓名,死亡日期\n"
        for i in 0..<rows {
            // Every seventh row has a date that does not exist; every thirteenth is quoted over two lines.
            let date = i % 7 == 3 ? "2023/2/30" : "2023/5/\(1 + i % 28)"
            let name = i % 13 == 5 ? "\"张\n\(i)\"" : "李\(i)"
            text += "371482195803071237,\(name),\(date)\n"
        }
        return Array(text.utf8)
    }

    @Test func manyChunksComeBackInFileOrderWithTheirLines() throws {
        let rows = 20_000
        var reader = try ExportReader(
            spec: try MappingSpec(yaml: Self.yaml), source: MemoryByteSource(csv(rows: rows), chunkSize: 4096), file: "deaths.csv",
            today: Self.today)
        var counts = CleaningCounts()
        var lines = [Int]()
        var rejected = [Int]()
        while let outcome = try reader.next(counts: &counts) {
            switch outcome {
            case .accepted(let line, _): lines.append(line)
            case .rejected(let reject):
                lines.append(reject.line)
                rejected.append(reject.line)
            }
        }
        // Line of row i: 2 + i + the quoted line breaks of the rows before it.
        var expected = [Int]()
        var expectedRejects = [Int]()
        var line = 2
        for i in 0..<rows {
            expected.append(line)
            if i % 7 == 3 { expectedRejects.append(line) }
            line += i % 13 == 5 ? 2 : 1
        }
        #expect(lines == expected)
        #expect(rejected == expectedRejects)
        #expect(counts[.dateReformatted] == rows - expectedRejects.count)
    }

    @Test func aReadErrorComesAfterTheRowsReadBeforeIt() throws {
        let source = FailingSource(inner: MemoryByteSource(csv(rows: 5_000), chunkSize: 8192), chunks: 20)
        var reader = try ExportReader(spec: try MappingSpec(yaml: Self.yaml), source: source, file: "deaths.csv", today: Self.today)
        var counts = CleaningCounts()
        var read = 0
        var lastLine = 0
        let error = #expect(throws: IngestError.self) {
            while let outcome = try reader.next(counts: &counts) {
                read += 1
                let line: Int
                switch outcome {
                case .accepted(let l, _): line = l
                case .rejected(let r): line = r.line
                }
                #expect(line > lastLine)
                lastLine = line
            }
        }
        #expect(error?.message.contains("simulated") == true)
        // 20 chunks of 8 KiB hold about 3,000 rows: all of them come out before the error.
        #expect(read > 2_500 && read < 5_000)
    }
}
