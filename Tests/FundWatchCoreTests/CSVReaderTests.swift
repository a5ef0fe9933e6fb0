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
