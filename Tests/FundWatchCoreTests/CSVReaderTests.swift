import FundWatchCore
import Testing

@Suite struct CSVReaderTests {
    func rows(_ text: String) -> [CSVReader.Row] { Array(CSVReader(bytes: Array(text.utf8))) }

    @Test func readsQuotedFieldsAndLineNumbers() {
        let r = rows("\u{FEFF}a,b,c\r\n1,\"x, \"\"y\"\"\",3\n\n\"multi\nline\",,\n4,5,6")
        #expect(r.map(\.fields) == [["a", "b", "c"], ["1", "x, \"y\"", "3"], ["multi\nline", "", ""], ["4", "5", "6"]])
        #expect(r.map(\.line) == [1, 2, 4, 6])
        #expect(r.allSatisfy { $0.problem == nil })
    }

    @Test func reportsMalformedRowsWithoutStopping() {
        let r = rows("a,b\n\"open,2\n")
        #expect(r[1].problem != nil)
        let s = rows("a\"b,c\n1,2\n")
        #expect(s[0].problem != nil)
        #expect(s[1].fields == ["1", "2"])
    }

    @Test func writerRoundTrips() {
        var writer = CSVWriter()
        let original = [["plain", "with,comma", "with \"quote\"", "new\nline", ""], ["张三", "", "x", "y", "z"]]
        for row in original { writer.write(row: row) }
        #expect(Array(CSVReader(bytes: writer.bytes)).map(\.fields) == original)
    }
}

@Suite struct CSVEncodingTests {
    @Test func invalidUTF8IsReportedOnItsRowOnly() {
        var bytes = Array("name,x\n张三,1\n".utf8)
        bytes += [0xD5, 0xC5, 0xC8, 0xFD]  // 张三 in GB18030
        bytes += Array(",2\n李四,3\n".utf8)
        let rows = Array(CSVReader(bytes: bytes))
        #expect(rows.map(\.problem).map { $0 != nil } == [false, false, true, false])
        #expect(rows[3].fields == ["李四", "3"])
    }

    @Test func rejectsOverlongsAndSurrogates() {
        for bad: [UInt8] in [[0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE4, 0xB8]] {
            let rows = Array(CSVReader(bytes: Array("a\n".utf8) + bad + [0x0A]))
            #expect(rows.last?.problem != nil, "\(bad)")
        }
        #expect(Array(CSVReader(bytes: Array("a\n😀\n".utf8))).last?.problem == nil)
    }
}
