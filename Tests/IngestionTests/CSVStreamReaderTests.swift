@testable import Ingestion
import Testing

@Suite struct CSVStreamReaderTests {
    static let tricky = Array(
        "\u{FEFF}id,name,note\r\n1,\"Zhang, San\",\"said \"\"hi\"\"\"\r\n\r\n2,李四,\"two\nlines\"\n3,,\n4,\"\",last".utf8)

    static let expected: [SourceRow] = [
        SourceRow(line: 1, fields: ["id", "name", "note"]),
        SourceRow(line: 2, fields: ["1", "Zhang, San", "said \"hi\""]),
        SourceRow(line: 4, fields: ["2", "李四", "two\nlines"]),
        SourceRow(line: 6, fields: ["3", "", ""]),
        SourceRow(line: 7, fields: ["4", "", "last"]),
    ]

    @Test(arguments: [1, 2, 3, 5, 7, 64, 1 << 20])
    func readsRFC4180AcrossChunkSeams(chunkSize: Int) throws {
        let (rows, encoding) = try readAll(Self.tricky, chunkSize: chunkSize)
        #expect(encoding == .utf8)
        #expect(rows == Self.expected)
    }

    @Test func readsAnotherSeparator() throws {
        let (rows, _) = try readAll(Array("a\tb\n\"x\ty\"\tz\n".utf8), delimiter: "\t")
        #expect(rows.map(\.fields) == [["a", "b"], ["x\ty", "z"]])
    }

    @Test func flagsMalformedRowsAndReadsOn() throws {
        let (rows, _) = try readAll(Array("a,b\n1,x\"y\n2,\"ok\"z\n3,fine\n4,\"open".utf8), chunkSize: 4)
        #expect(rows.count == 5)
        #expect(rows[1].problem?.contains("quote inside an unquoted field") == true)
        #expect(rows[2].problem == "text after a closing quote")
        #expect(rows[3].problem == nil && rows[3].fields == ["3", "fine"])
        #expect(rows[4].problem == "a quoted field is never closed" && rows[4].line == 5)
    }

    @Test func refusesARowThatSwallowsTheFile() throws {
        // Larger than the 64 KiB the reader looks at first to detect the encoding.
        let bytes = Array("a,b\n1,\"never closed\n".utf8) + [UInt8](repeating: 0x41, count: 200_000) + Array("\n2,x\n".utf8)
        let error = #expect(throws: IngestError.self) { try readAll(bytes, chunkSize: 512, maxRowBytes: 2048) }
        #expect(error?.line == 2)
        #expect(error?.message.contains("never closed") == true)
    }

    @Test func emptyAndHeaderOnlyFiles() throws {
        #expect(try readAll([]).rows.isEmpty)
        #expect(try readAll(Array("a,b\r\n".utf8)).rows == [SourceRow(line: 1, fields: ["a", "b"])])
    }

    /// 身份证号码,姓名,死亡日期 and three rows in GB18030, with CRLF and a quoted line break.
    static let gbDeaths = hexBytes(
        "c9edb7ddd6a4bac5c2eb2cd0d5c3fb2ccbc0cdf6c8d5c6da0d0a3337313438323139353830333037313233372c8f88c8fd2c32303233c4ea35d4c237c8d50d0a3337313438323139363230313135313034782cb0a2b2b7b6c5a3aec8c8bacfc2fc2c34353035330d0a3337313438323538303330373132332c22c0ee0d0acbc4222c32303233303530370d0a"
    )

    @Test(arguments: [1, 3, 4096])
    func detectsAndDecodesGB18030(chunkSize: Int) throws {
        let (rows, encoding) = try readAll(Self.gbDeaths, chunkSize: chunkSize)
        #expect(encoding == .gb18030)
        #expect(rows.map(\.fields) == [
            ["身份证号码", "姓名", "死亡日期"],
            ["371482195803071237", "張三", "2023年5月7日"],
            ["37148219620115104x", "阿卜杜．热合曼", "45053"],
            ["371482580307123", "李\r\n四", "20230507"],
        ])
        #expect(rows.allSatisfy { $0.problem == nil })
    }

    @Test(arguments: [1, 3, 4096])
    func gb18030WithOtherSeparatorsAndItsByteOrderMark(chunkSize: Int) throws {
        let (comma, _) = try readAll(Self.gbDeaths, chunkSize: chunkSize)
        // `;` is never inside a GB18030 character: the bytes are kept and each record decoded;
        // `|` can be a trail byte: the bytes are decoded as they stream in. Both skip the BOM.
        for separator: Character in [";", "|"] {
            let bytes = [0x84, 0x31, 0x95, 0x33] + Self.gbDeaths.map { $0 == 0x2C ? separator.asciiValue! : $0 }
            let (rows, encoding) = try readAll(bytes, chunkSize: chunkSize, delimiter: separator)
            #expect(encoding == .gb18030)
            #expect(rows == comma, "separator \(separator)")
        }
        #expect(CSVStreamReader.keepsGB18030Structure(delimiter: UInt8(ascii: ";")))
        #expect(!CSVStreamReader.keepsGB18030Structure(delimiter: UInt8(ascii: "|")))
    }

    @Test func wrongEncodingGivesRejectedRowsNotACrash() throws {
        // GB18030 bytes read as UTF-8 (forced): every row with Chinese text is flagged.
        let (rows, _) = try readAll(Self.gbDeaths, encoding: .utf8)
        #expect(rows.count == 4)
        #expect(rows.allSatisfy { $0.problem?.contains("not valid utf-8") == true })
        // A stray invalid byte in an otherwise GB18030 file flags only its row.
        var bytes = Self.gbDeaths
        bytes.insert(0xFF, at: 40)
        let (mixed, encoding) = try readAll(bytes, encoding: .gb18030)
        #expect(encoding == .gb18030)
        #expect(mixed.filter { $0.problem != nil }.map(\.line) == [2])
    }

    @Test func refusesBinaryAndUTF16() {
        let binary = #expect(throws: IngestError.self) { try readAll([0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0x12]) }
        #expect(binary?.message.contains("binary") == true)
        let utf16 = #expect(throws: IngestError.self) { try readAll([0xFF, 0xFE, 0x41, 0x00]) }
        #expect(utf16?.message.contains("UTF-16") == true)
    }

    @Test func detection() throws {
        #expect(try TextEncoding.detect(Array("身份证".utf8), complete: true, file: "f") == .utf8)
        #expect(try TextEncoding.detect([0xC9, 0xED, 0xB7, 0xDD], complete: true, file: "f") == .gb18030)
        // A UTF-8 character cut by the end of the sample still counts as UTF-8.
        #expect(try TextEncoding.detect(Array("身份证".utf8).dropLast(), complete: false, file: "f") == .utf8)
    }
}
