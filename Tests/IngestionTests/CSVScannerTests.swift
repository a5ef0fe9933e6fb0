import FundWatchCore
@testable import Ingestion
import Testing

/// The byte-level scanner and the chunked path: cutting a file into chunks at record boundaries
/// and scanning each alone must give exactly the rows, lines, problems and outcomes of reading
/// the file row by row, wherever the cuts and the read buffers fall.
@Suite struct CSVScannerTests {
    static let today = CivilDate(year: 2026, month: 11, day: 25)!
    static let yaml = """
        source: deaths
        department: civil_affairs
        record: death_record
        columns:
          id_number: 身份证号码
          name: 姓名
          death_date: { column: 死亡日期, formats: ["yyyy/M/d", "yyyy年M月d日"] }
          source: { value: civil_affairs }
        """

    /// BOM, CRLF and LF, blank lines, quoted separators, `""` escapes, line breaks inside quotes,
    /// a field count off, text after a closing quote, a quote inside an unquoted field, a bad
    /// date, an ID to upgrade, and an unclosed quote at the very end.
    static let tricky = Array(
        ("\u{FEFF}身份证号码,姓名,死亡日期\r\n"
            + "371482195803071237,\"张,三\",2023/5/7\r\n"
            + "\r\n"
            + "371482195803071237,\"李\"\"四\"\"\",2023年5月8日\n"
            + "37148219620115104x,\"王\n五\",\"2023/5/9\"\n"
            + "371482580307123,赵六,2023/2/30\n"
            + "371482195803071237,钱七\n"
            + "371482195803071237,\"孙\"八,2023/5/7\n"
            + "371482195803071237,周\"九,2023/5/7\r\n"
            + "\n\n"
            + "371482195803071237,\"吴\r\n十\",2023/5/10\r\n"
            + "371482195803071237,\"郑\n").utf8)

    /// Mapping the rows `CSVStreamReader.next()` gives, one by one: the reference.
    func rowByRow(_ bytes: [UInt8]) throws -> (outcomes: [RowOutcome], counts: CleaningCounts) {
        var reader = try CSVStreamReader(source: MemoryByteSource(bytes), file: "t.csv")
        let mapping = try BoundMapping(spec: try MappingSpec(yaml: Self.yaml), header: try #require(try reader.next()), file: "t.csv", today: Self.today)
        var counts = CleaningCounts()
        var outcomes = [RowOutcome]()
        while let row = try reader.next() { outcomes.append(mapping.map(row, counts: &counts)) }
        return (outcomes, counts)
    }

    /// The header read row by row, then the rest in chunks of about `target` bytes, each scanned alone.
    /// The header read row by row, then the rest in chunks of about `target` bytes, each scanned
    /// and tallied alone; the chunk tallies merged in order make `report`.
    func chunked(_ bytes: [UInt8], sourceChunk: Int, target: Int) throws
        -> (outcomes: [RowOutcome], counts: CleaningCounts, chunks: Int, report: FileQualityReport)
    {
        var reader = try CSVStreamReader(source: MemoryByteSource(bytes, chunkSize: sourceChunk), file: "t.csv")
        let mapping = try BoundMapping(spec: try MappingSpec(yaml: Self.yaml), header: try #require(try reader.next()), file: "t.csv", today: Self.today)
        var file = QualityAccumulator(mapping: mapping, feed: "t", specVersion: 1, sha256: "", encoding: nil, maxRejectRate: 1)
        var outcomes = [RowOutcome]()
        var chunks = 0
        while let chunk = try reader.nextChunk(targetBytes: target) {
            chunks += 1
            var quality = QualityAccumulator(chunkOf: mapping)
            outcomes += mapping.map(chunk: chunk, delimiter: UInt8(ascii: ","), encoding: reader.encoding, keepingOutcomes: true, into: &quality)
            #expect(quality.regionNames == nil)
            file.merge(quality)
        }
        return (outcomes, file.cleaning, chunks, file.report)
    }

    /// The report of tallying `outcomes` one by one (each value hashed from its string).
    func report(of outcomes: [RowOutcome], bytes: [UInt8]) throws -> FileQualityReport {
        var reader = try CSVStreamReader(source: MemoryByteSource(bytes), file: "t.csv")
        let mapping = try BoundMapping(spec: try MappingSpec(yaml: Self.yaml), header: try #require(try reader.next()), file: "t.csv", today: Self.today)
        var tally = QualityAccumulator(mapping: mapping, feed: "t", specVersion: 1, sha256: "", encoding: nil, maxRejectRate: 1)
        for outcome in outcomes { tally.add(outcome) }
        return tally.report
    }

    @Test func theReferenceReadsTheTrickyFileAsRFC4180() throws {
        let (outcomes, _) = try rowByRow(Self.tricky)
        let summary = outcomes.map { outcome -> String in
            switch outcome {
            case .accepted(let line, _): "\(line)"
            case .rejected(let r): "\(r.line) \(r.code)"
            }
        }
        #expect(summary.count == 9)
        #expect(summary.first == "2" && summary[1] == "4")
        #expect(Array(summary[3...]) == ["7 invalid_date", "8 field_count", "9 malformed_row", "10 malformed_row", "13", "15 malformed_row"])
        guard case .rejected(let unclosed) = outcomes.last, case .rejected(let quoteInside) = outcomes[6] else {
            Issue.record("rows 15 and 10 should be rejected")
            return
        }
        #expect(unclosed.reason == "a quoted field is never closed")
        #expect(quoteInside.reason.contains("quote inside an unquoted field"))
    }

    @Test(arguments: [1, 2, 3, 7, 64, 1 << 20])
    func chunksCutAnywhereGiveTheSameOutcomes(sourceChunk: Int) throws {
        let reference = try rowByRow(Self.tricky)
        // The chunk loop hands the tally the hashes of the bytes it cleaned (kept for repeated
        // values): the report must be the one of hashing each outcome's strings.
        var referenceReport = try report(of: reference.outcomes, bytes: Self.tricky)
        referenceReport.cleaning = [:]
        #expect(referenceReport.accepted > 0 && referenceReport.rejected > 0)
        // Every target size from one byte (a chunk per record) to the whole file (one chunk).
        for target in 1...(Self.tricky.count + 1) {
            let result = try chunked(Self.tricky, sourceChunk: sourceChunk, target: target)
            #expect(result.outcomes == reference.outcomes, "source chunk \(sourceChunk), target \(target)")
            #expect(result.counts == reference.counts, "source chunk \(sourceChunk), target \(target)")
            var chunkedReport = result.report
            chunkedReport.cleaning = [:]
            #expect(chunkedReport == referenceReport, "source chunk \(sourceChunk), target \(target)")
        }
        // A one-byte target cuts after every record (and blank line).
        let cuts = try chunked(Self.tricky, sourceChunk: sourceChunk, target: 1).chunks
        #expect(cuts >= 9, "\(cuts) chunks")
    }

    @Test func aLineBreakInQuotesAcrossTheTargetStaysInItsRecord() throws {
        // Long quoted fields with line breaks, so most cut points fall inside quotes.
        var text = "身份证号码,姓名,死亡日期\n"
        for i in 0..<40 { text += "371482195803071237,\"\(String(repeating: "长\n", count: i % 9))名\(i)\",2023/5/\(1 + i % 28)\n" }
        let bytes = Array(text.utf8)
        let reference = try rowByRow(bytes)
        #expect(reference.outcomes.count == 40)
        for target in stride(from: 5, through: bytes.count, by: 13) {
            for sourceChunk in [3, 50, 4096] {
                let result = try chunked(bytes, sourceChunk: sourceChunk, target: target)
                #expect(result.outcomes == reference.outcomes, "target \(target), source chunk \(sourceChunk)")
            }
        }
    }

    @Test(arguments: [1, 2, 3, 5, 4096])
    func gb18030CharactersCutByTheReadBufferAreDecodedWhole(sourceChunk: Int) throws {
        // 身份证号码,姓名,死亡日期 and three rows in GB18030, one name with a quoted CRLF.
        let gb = CSVStreamReaderTests.gbDeaths
        var reference = try CSVStreamReader(source: MemoryByteSource(gb), file: "t.csv")
        #expect(reference.encoding == .gb18030)
        var rows = [SourceRow]()
        while let row = try reference.next() { rows.append(row) }
        for target in [1, 9, 40, 1 << 20] {
            var reader = try CSVStreamReader(source: MemoryByteSource(gb, chunkSize: sourceChunk), file: "t.csv")
            _ = try reader.next()
            var scanned = [SourceRow]()
            while let chunk = try reader.nextChunk(targetBytes: target) {
                scanned += Self.rows(of: chunk)
            }
            #expect(scanned == Array(rows.dropFirst()), "source chunk \(sourceChunk), target \(target)")
        }
        #expect(rows[1].fields[1] == "張三" && rows[3].fields[1] == "李\r\n四")
    }

    @Test func aReadErrorComesAfterTheRecordsBeforeIt() throws {
        let header = "身份证号码,姓名,死亡日期\n"
        let row = "371482195803071237,张三,2023/5/7\n"
        let bytes = Array((header + String(repeating: row, count: 4_000)).utf8)
        // 70 reads of 1,000 bytes, then the disk fails.
        let failing = MappingPipelineTests.FailingSource(inner: MemoryByteSource(bytes, chunkSize: 1000), chunks: 70)
        var reader = try CSVStreamReader(source: failing, file: "t.csv")
        _ = try reader.next()
        // Far more than was read: the whole records buffered come out, then the error.
        let chunk = try #require(try reader.nextChunk(targetBytes: 1 << 20))
        #expect(Self.rows(of: chunk).count == (70_000 - header.utf8.count) / row.utf8.count)
        #expect(throws: IngestError.self) { try reader.nextChunk(targetBytes: 1 << 20) }
    }

    @Test func anOverlongRecordIsAnErrorNamingItsLine() throws {
        // Past the 64 KiB the reader reads at first to detect the encoding.
        let bytes = Array("a,b\n1,x\n\n2,\"never closed\n".utf8) + [UInt8](repeating: 0x41, count: 200_000)
        var reader = try CSVStreamReader(source: MemoryByteSource(bytes, chunkSize: 512), file: "t.csv", maxRowBytes: 2048)
        _ = try reader.next()
        let first = try #require(try reader.nextChunk(targetBytes: 4096))
        #expect(Self.rows(of: first).map(\.fields) == [["1", "x"]])
        let error = #expect(throws: IngestError.self) { try reader.nextChunk(targetBytes: 4096) }
        #expect(error?.line == 4)
    }

    @Test func scansFieldsAsRanges() {
        var scanner = CSVScanner(delimiter: UInt8(ascii: ";"))
        let bytes = Array("a;\"b;\"\"c\"\"\";;\"d\r\ne\"\r\nnext".utf8)
        let step = bytes.withUnsafeBufferPointer { scanner.scan($0, from: 0, atEnd: false) }
        #expect(step == .record(next: 21, skippedLines: 0, lines: 2, problem: nil))
        #expect(bytes.withUnsafeBufferPointer { scanner.strings(in: $0) } == ["a", "b;\"c\"", "", "d\r\ne"])
        // Without the end of the buffer in sight, a last record may go on.
        #expect(bytes.withUnsafeBufferPointer { scanner.scan($0, from: 21, atEnd: false) } == .needMore)
        #expect(bytes.withUnsafeBufferPointer { scanner.scan($0, from: 21, atEnd: true) } == .record(next: 25, skippedLines: 0, lines: 0, problem: nil))
        #expect(Array("x\n\r\n".utf8).withUnsafeBufferPointer { scanner.scan($0, from: 2, atEnd: true) } == .end(next: 4, skippedLines: 1))
    }

    @Test func validatesUTF8AsTheStandardLibraryDoes() {
        var generator = SystemRandomNumberGenerator()
        var samples: [[UInt8]] = [
            [0xC0, 0x80], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xF0, 0x9F, 0x98, 0x80],
            Array("身份证".utf8), Array(Array("身份证".utf8).dropLast()), [0xFF],
        ]
        for _ in 0..<5_000 {
            samples.append((0..<Int.random(in: 1...6, using: &generator)).map { _ in
                [0x41, 0x80, 0xBF, 0xC2, 0xE0, 0xE4, 0xED, 0xF0, 0xF4, 0xA0, 0x90, 0x9F].randomElement(using: &generator)!
            })
        }
        for sample in samples {
            let expected = sample.withUnsafeBufferPointer { String(validating: $0, as: UTF8.self) } != nil
            #expect(sample.withUnsafeBufferPointer { CSVScanner.isValidUTF8($0) } == expected, "\(sample)")
        }
    }

    @Test func countsLineFeedsInWords() {
        for length in [0, 1, 7, 8, 9, 63, 200] {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 * 37 % 23) }
            let expected = bytes.filter { $0 == 0x0A }.count
            #expect(bytes.withUnsafeBufferPointer { CSVChunk.countLineFeeds($0) } == expected)
        }
        let newlines = [UInt8](repeating: 0x0A, count: 100) + [0x8A, 0x0B, 0x09, 0xFA]
        #expect(newlines.withUnsafeBufferPointer { CSVChunk.countLineFeeds($0) } == 100)
    }

    /// A chunk's records as `SourceRow`s, as the mapping path sees them.
    static func rows(of chunk: CSVChunk) -> [SourceRow] {
        var scanner = CSVScanner(delimiter: UInt8(ascii: ","))
        var rows = [SourceRow]()
        var line = chunk.line
        chunk.utf8().withUnsafeBufferPointer { b in
            var at = 0
            while case .record(let next, let skipped, let lines, let problem) = scanner.scan(b, from: at, atEnd: true) {
                rows.append(SourceRow(line: line + skipped, fields: scanner.strings(in: b), problem: problem?.message(encoding: "gb18030")))
                line += skipped + lines
                at = next
            }
        }
        return rows
    }
}
