import FundWatchCore
import Testing

@testable import Simulation

@Suite("RowBuffer writes what CSVWriter writes")
struct RowBufferTests {
    @Test(
        "text needing quotes, numbers, dates and periods",
        arguments: [
            "plain", "", "a,b", "say \"hi\"", "two\nlines", "cr\rhere", "山东省德州市禹城市人民路1号", "逗号，全角",
        ])
    func matchesCSVWriter(text: String) {
        var buffer = RowBuffer()
        buffer.text(text)
        buffer.int(-1_234_500)
        buffer.int(0)
        buffer.date(CivilDate(year: 1905, month: 3, day: 7)!)
        buffer.period(Period(year: 2026, month: 10)!)
        buffer.empty()
        buffer.bool(true)
        buffer.id("FF", 42, width: 6)
        buffer.endRow()
        var writer = CSVWriter()
        writer.write(row: [text, "-1234500", "0", "1905-03-07", "2026-10", "", "true", "FF000042"])
        #expect(buffer.bytes == writer.bytes)
        #expect(buffer.rows == 1)
    }

    @Test("numbers wider than their padding are written in full")
    func widePadding() {
        var buffer = RowBuffer()
        buffer.id("JS", 1_234_567, width: 3)
        buffer.int(Int64.min + 1)
        buffer.endRow()
        #expect(String(decoding: buffer.bytes, as: UTF8.self) == "JS1234567,\(Int64.min + 1)\n")
    }
}
