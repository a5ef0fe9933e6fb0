@testable import Ingestion
import Testing

/// `SheetScanner` reads sheet XML on its bytes; it must give exactly the rows that the general
/// `XMLScanner` events through `SheetState` give, wherever the inflated chunks are cut.
@Suite struct SheetScannerTests {
    static let shared = ["身份证号码", "姓名", "A & B"]
    static let dateStyles = [false, true, false]

    /// Prefixes, comments, CDATA, entities, shared/inline/boolean/error/date cells, self-closing
    /// cells and rows, rows without `r`, cells without `r`, unknown types and styles out of range.
    static let sheet = Array("""
        <?xml version="1.0" encoding="UTF-8"?><x:worksheet xmlns:x="main"><x:sheetData>\
        <x:row r="1" spans="1:4"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="s"><x:v>1</x:v></x:c></x:row>\
        <!-- a comment with <c> inside --><row r="2"><c r="A2" t="str"><v>371482195803071237</v></c>\
        <c r="B2" t="inlineStr"><is><r><t>张</t></r><r><t xml:space="preserve">三 &amp;&#x4E09;</t></r></is></c>\
        <c r="C2" s="1"><v>45053</v></c><c r="D2" t="b"><v>1</v></c><c r="E2" t="e"><v>#N/A</v></c></row>\
        <row><c t="s"><v>2</v></c><c><v><![CDATA[1&amp;2]]></v></c><c r="F3" s="9"><v>7</v></c><c r="G3" s="1"><v>0.5</v></c></row>\
        <row r="7"/><row r="8"><c r="A8" s="1"/><c r="B8" t="s"><v>99</v></c></row>\
        <row r="9"><c r="AA9" t="d" s="2"><v>12.5</v></c><c r="AB9" t='n'><v>-3</v></c></row>\
        </x:sheetData></x:worksheet>
        """.utf8)

    func reference(_ xml: [UInt8]) -> [SourceRow] {
        var state = SheetState(sharedStrings: Self.shared, dateStyles: Self.dateStyles)
        var scanner = XMLScanner()
        var rows = [SourceRow]()
        scanner.feed(xml, final: true) { event in
            if let row = state.handle(event) { rows.append(row) }
        }
        return rows
    }

    func scanned(_ xml: [UInt8], chunk: Int) -> [SourceRow] {
        var scanner = SheetScanner(sharedStrings: Self.shared, dateStyles: Self.dateStyles)
        var rows = [SourceRow]()
        var at = 0
        while at < xml.count {
            let end = min(xml.count, at + chunk)
            xml[at..<end].withUnsafeBytes { bytes in
                scanner.feed(bytes, final: end == xml.count) { rows.append($0) }
            }
            at = end
        }
        #expect(scanner.pendingCount == 0)
        return rows
    }

    @Test func readsWhatTheGeneralScannerReads() {
        let expected = reference(Self.sheet)
        #expect(expected.map(\.line) == [1, 2, 3, 9])
        #expect(expected[1].fields == ["371482195803071237", "张三 &三", "2023-05-07", "true", "#N/A"])
        #expect(expected[0].fields == ["身份证号码", "姓名"])
        #expect(expected[2].fields == ["A & B", "1&2", "", "", "", "7", "0.5"])
        #expect(expected[3].fields.count == 28 && expected[3].fields.suffix(2) == ["12.5", "-3"])
        for chunk in [1, 2, 3, 5, 16, 100, 1 << 20] {
            #expect(scanned(Self.sheet, chunk: chunk) == expected, "chunk \(chunk)")
        }
    }
}
