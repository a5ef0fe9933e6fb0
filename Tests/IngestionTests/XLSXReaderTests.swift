import Foundation
import FundWatchCore
@testable import Ingestion
import Simulation
import Testing
import ZIPFoundation

@Suite struct XLSXReaderTests {
    func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("\(UUID().uuidString)-\(name)").path
    }

    func readAll(_ path: String, sheet: String? = nil, maxBytes: Int = 1 << 30) throws -> [SourceRow] {
        let reader = try XLSXReader(path: path, sheet: sheet, maxBytes: maxBytes)
        var rows = [SourceRow]()
        while let row = try reader.next() { rows.append(row) }
        return rows
    }

    /// A workbook written part by part, for what `XLSXWriter` does not write (inline strings,
    /// several sheets, booleans, built-in date formats, entities).
    func workbook(_ parts: [String: String]) throws -> String {
        let path = temporaryPath("book.xlsx")
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .create)
        for (name, text) in parts.sorted(by: { $0.key < $1.key }) {
            let data = Data(text.utf8)
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { p, n in
                data.subdata(in: Int(p)..<Int(p) + n)
            }
        }
        return path
    }

    static let twoSheets: [String: String] = [
        "xl/workbook.xml": """
            <?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
            xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>\
            <sheet name="说明" sheetId="1" r:id="rId1"/><sheet name="死亡登记" sheetId="2" r:id="rId2"/></sheets></workbook>
            """,
        "xl/_rels/workbook.xml.rels": """
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/>\
            <Relationship Id="rId2" Type="worksheet" Target="/xl/worksheets/sheet2.xml"/></Relationships>
            """,
        "xl/sharedStrings.xml": """
            <sst><si><t>身份证号码</t></si><si><r><t>姓</t></r><r><t xml:space="preserve">名</t></r><rPh><t>xingming</t></rPh></si>\
            <si><t>A &amp; B &lt;c&gt; &#x5F20;</t></si></sst>
            """,
        "xl/styles.xml": """
            <styleSheet><numFmts count="1"><numFmt numFmtId="170" formatCode="[Red]0.00;&quot;d&quot;0"/></numFmts>\
            <cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="170"/></cellXfs></styleSheet>
            """,
        "xl/worksheets/sheet1.xml": "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>readme</t></is></c></row></sheetData></worksheet>",
        "xl/worksheets/sheet2.xml": """
            <worksheet><sheetData>\
            <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="D1" t="inlineStr"><is><t>备注</t></is></c></row>\
            <row r="2"><c r="A2" t="str"><v>371482195803071237</v></c><c r="B2" t="s"><v>2</v></c><c r="C2" s="1"><v>45053</v></c>\
            <c r="D2" t="b"><v>1</v></c></row>\
            <row r="3"/>\
            <row r="5"><c r="C5" s="2"><v>3215.5</v></c><c r="D5"><v>1.5E+3</v></c></row>\
            </sheetData></worksheet>
            """,
    ]

    @Test func readsSharedAndInlineStringsDatesNumbersAndTheNamedSheet() throws {
        let path = try workbook(Self.twoSheets)
        #expect(try readAll(path).map(\.fields) == [["readme"]])
        let rows = try readAll(path, sheet: "死亡登记")
        #expect(rows.map(\.line) == [1, 2, 5])
        #expect(rows[0].fields == ["身份证号码", "姓名", "", "备注"])
        #expect(rows[1].fields == ["371482195803071237", "A & B <c> 张", "2023-05-07", "true"])
        // A custom format with "d" only inside quotes is not a date; numbers stay as written.
        #expect(rows[2].fields == ["", "", "3215.5", "1.5E+3"])
        let missing = #expect(throws: IngestError.self) { try readAll(path, sheet: "Sheet9") }
        #expect(missing?.message.contains("'说明', '死亡登记'") == true)
    }

    @Test func aSheetCutShortInsideAnIntactZipIsAnErrorNamingTheFileAndSheet() throws {
        // The zip is whole; the sheet's XML inside it stops in the middle of row 5.
        var parts = Self.twoSheets
        let sheet = parts["xl/worksheets/sheet2.xml"]!
        parts["xl/worksheets/sheet2.xml"] = String(sheet[..<sheet.range(of: "<c r=\"D5\"")!.lowerBound])
        let path = try workbook(parts)
        let cut = #expect(throws: IngestError.self) { try readAll(path, sheet: "死亡登记") }
        #expect(cut?.file == path)
        #expect(cut?.message.contains("'死亡登记'") == true)
        #expect(cut?.message.contains("row 5") == true)
        // Cut between rows (after </row>, before </sheetData>) is still an error.
        parts["xl/worksheets/sheet2.xml"] = String(sheet[..<sheet.range(of: "</sheetData>")!.lowerBound])
        let between = #expect(throws: IngestError.self) { try readAll(try workbook(parts), sheet: "死亡登记") }
        #expect(between?.message.contains("after row 5") == true)
        // Through the mapping too: the export is refused, no rows come out as if it were whole.
        let spec = try MappingSpec(yaml: """
            source: civil_affairs_deaths
            department: civil_affairs
            record: death_record
            format: xlsx
            sheet: 死亡登记
            columns:
              id_number: 身份证号码
              name: 姓名
              death_date: 备注
              source: { value: civil_affairs }
            """)
        #expect(throws: IngestError.self) {
            var reader = try ExportReader(spec: spec, path: path, today: CivilDate(year: 2026, month: 11, day: 25)!)
            var counts = CleaningCounts()
            while try reader.next(counts: &counts) != nil {}
        }
    }

    @Test func readsWhatTheSimulatorsWriterWrites() throws {
        var writer = XLSXWriter(sheetName: "参保登记")
        writer.append([.text("身份证号码"), .text("参保日期"), .text("金额")])
        for i in 0..<3000 { writer.append([.text("ID\(i)"), .date(45053 + i % 3), i % 2 == 0 ? .number("12.5") : .empty]) }
        let path = temporaryPath("sim.xlsx")
        try writer.write(to: URL(fileURLWithPath: path))
        let rows = try readAll(path)
        #expect(rows.count == 3001)
        #expect(rows[1].fields == ["ID0", "2023-05-07", "12.5"])
        #expect(rows[2].fields == ["ID1", "2023-05-08"])
        #expect(rows[3000].line == 3001)
    }

    @Test func headerRowIsTheSheetsRowNumberNotTheCountOfRowsWithCells() throws {
        // Row 1 a title, row 2 left empty (absent from the XML), the header on sheet row 3.
        var parts = Self.twoSheets
        parts["xl/worksheets/sheet2.xml"] = """
            <worksheet><sheetData>\
            <row r="1"><c r="A1" t="inlineStr"><is><t>死亡登记导出</t></is></c></row>\
            <row r="3"><c r="A3" t="s"><v>0</v></c><c r="B3" t="s"><v>1</v></c><c r="C3" t="inlineStr"><is><t>死亡日期</t></is></c></row>\
            <row r="4"><c r="A4" t="str"><v>371482195803071237</v></c><c r="B4" t="inlineStr"><is><t>张三</t></is></c>\
            <c r="C4" t="inlineStr"><is><t>2023年5月7日</t></is></c></row>\
            </sheetData></worksheet>
            """
        let path = try workbook(parts)
        func yaml(_ headerRow: Int) -> String {
            """
            source: deaths
            department: civil_affairs
            record: death_record
            format: xlsx
            sheet: 死亡登记
            header_row: \(headerRow)
            columns:
              id_number: 身份证号码
              name: 姓名
              death_date: { column: 死亡日期, formats: ["yyyy年M月d日"] }
              source: { value: civil_affairs }
            """
        }
        let today = CivilDate(year: 2026, month: 11, day: 25)!
        var reader = try ExportReader(spec: try MappingSpec(yaml: yaml(3)), path: path, today: today)
        var counts = CleaningCounts()
        let first = try reader.next(counts: &counts)
        guard case .accepted(let line, let values) = first else {
            Issue.record("expected an accepted row, got \(String(describing: first))")
            return
        }
        #expect(line == 4)
        #expect(values == ["371482195803071237", "2023-05-07", "civil_affairs", "张三", ""])
        #expect(try reader.next(counts: &counts) == nil)

        // Sheet row 2 is empty: an error that says so and where the next row with cells is.
        let empty = #expect(throws: IngestError.self) { try ExportReader(spec: try MappingSpec(yaml: yaml(2)), path: path, today: today) }
        #expect(empty?.message.contains("sheet row 2") == true && empty?.message.contains("is 3") == true)
        // Counting rows with cells would have taken row 3 for header_row 2 and the title for 1.
        let title = #expect(throws: IngestError.self) { try ExportReader(spec: try MappingSpec(yaml: yaml(1)), path: path, today: today) }
        #expect(title?.message.contains("'身份证号码'") == true)
    }

    @Test func refusesAZipBombAndWhatIsNotAWorkbook() throws {
        var parts = Self.twoSheets
        parts["xl/worksheets/sheet1.xml"] = "<worksheet><sheetData>" + String(repeating: "<row r=\"1\"><c><v>0</v></c></row>", count: 100_000) + "</sheetData></worksheet>"
        let bomb = try workbook(parts)
        let size = try FileManager.default.attributesOfItem(atPath: bomb)[.size] as? Int ?? 0
        #expect(size <= 200_000)
        let error = #expect(throws: IngestError.self) { try readAll(bomb, maxBytes: 1 << 20) }
        #expect(error?.message.contains("zip bomb") == true)

        let csv = temporaryPath("not.xlsx")
        try Data("身份证号码,姓名\n".utf8).write(to: URL(fileURLWithPath: csv))
        let notZip = #expect(throws: IngestError.self) { try readAll(csv) }
        #expect(notZip?.message.contains("not an XLSX workbook") == true)

        // A workbook cut short: an error, never a crash.
        let whole = try Data(contentsOf: URL(fileURLWithPath: try workbook(Self.twoSheets)))
        let cut = temporaryPath("cut.xlsx")
        try whole.prefix(whole.count / 2).write(to: URL(fileURLWithPath: cut))
        #expect(throws: IngestError.self) { try readAll(cut, sheet: "死亡登记") }
    }

    @Test func droppingTheReaderEarlyStopsItsThread() throws {
        var writer = XLSXWriter(sheetName: "s")
        for i in 0..<20_000 { writer.append([.text("row \(i)")]) }
        let path = temporaryPath("long.xlsx")
        try writer.write(to: URL(fileURLWithPath: path))
        for _ in 0..<5 {
            let reader = try XLSXReader(path: path, sheet: nil)
            #expect(try reader.next()?.fields == ["row 0"])
        }
    }

    @Test func scannerHandlesTokensSplitAcrossChunks() {
        let xml = Array("<?xml version=\"1.0\"?><!-- c --><a x='1 &gt; 0'><b/>t&amp;u<![CDATA[<raw>]]></a>".utf8)
        var events = [String]()
        var scanner = XMLScanner()
        for (i, b) in xml.enumerated() {
            scanner.feed([b], final: i == xml.count - 1) { event in
                switch event {
                case .start(let name, let a, let selfClosing): events.append("<\(name)\(a["x"].map { " x=\($0)" } ?? "")\(selfClosing ? "/" : "")>")
                case .end(let name): events.append("</\(name)>")
                case .text(let t): events.append(XMLScanner.decode(t))
                }
            }
        }
        #expect(events.joined() == "<a x=1 > 0><b/>t&u<raw></a>")
    }
}

@Suite struct JSONLinesReaderTests {
    @Test func readsKeysAsColumnsAndFlagsBadLines() throws {
        let text = "\u{FEFF}{\"身份证号码\":\"371482195803071237\",\"金额\":3215.5,\"次数\":12,\"补缴\":true,\"备注\":null}\n\n"
            + "{\"身份证号码\":\"x\",\"其他\":[1,2]}\r\nnot json\n[1,2]\n{\"金额\":0.07}"
        var reader = JSONLinesReader(
            source: MemoryByteSource(Array(text.utf8), chunkSize: 5), keys: ["身份证号码", "金额", "次数", "补缴", "备注"], file: "f.jsonl")
        var rows = [SourceRow]()
        while let row = try reader.next() { rows.append(row) }
        #expect(rows.map(\.line) == [0, 1, 3, 4, 5, 6])
        #expect(rows[0].fields == ["身份证号码", "金额", "次数", "补缴", "备注"])
        #expect(rows[1].fields == ["371482195803071237", "3215.5", "12", "true", ""])
        #expect(rows[2].fields == ["x", "", "", "", ""] && rows[2].problem == nil)
        #expect(rows[3].problem?.contains("not valid JSON") == true)
        #expect(rows[4].problem?.contains("not an object") == true)
        #expect(rows[5].fields[1] == "0.07")
    }
}
