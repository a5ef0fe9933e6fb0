@testable import Ingestion
import Testing

/// `SharedStringsScanner` reads `xl/sharedStrings.xml` on its bytes; it must give the strings the
/// general `XMLScanner` events give (the way the workbook was read before).
@Suite struct SharedStringsScannerTests {
    /// Prefixes, rich-text runs, phonetic guides, entities and character references, CDATA,
    /// comments, an empty `<t/>`, attributes with `>` inside quotes, text outside `<t>`.
    static let xml = Array("""
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <x:sst xmlns:x="main" count="6"><x:si><x:t>身份证号码</x:t></x:si>\
        <si><r><rPr><b/></rPr><t>姓</t></r><r><t xml:space="preserve"> 名 </t></r><rPh sb="0" eb="1"><t>xing</t></rPh></si>\
        <si><t>A &amp; B &lt;c&gt; &#x5F20;&#19977;&unknown;</t></si>\
        <!-- <si><t>not a string</t></si> --><si><t><![CDATA[1 < 2]]></t></si>\
        <si><t/></si><si><t a="x>y">阿卜杜·热合曼</t>ignored</si>\
        </x:sst>
        """.utf8)

    func reference(_ xml: [UInt8]) -> [String] {
        var strings = [String]()
        var scanner = XMLScanner()
        var current = ""
        var inText = false
        var inPhonetic = false
        scanner.feed(xml, final: true) { event in
            switch event {
            case .start("si", _, _): current = ""
            case .end("si"): strings.append(current)
            case .start("rPh", _, let selfClosing): inPhonetic = !selfClosing
            case .end("rPh"): inPhonetic = false
            case .start("t", _, let selfClosing): inText = !selfClosing && !inPhonetic
            case .end("t"): inText = false
            case .text(let bytes) where inText: current += XMLScanner.decode(bytes)
            default: break
            }
        }
        return strings
    }

    @Test func readsWhatTheGeneralScannerReads() {
        let expected = reference(Self.xml)
        #expect(expected == ["身份证号码", "姓 名 ", "A & B <c> 张三&unknown;", "1 < 2", "", "阿卜杜·热合曼"])
        #expect(SharedStringsScanner.strings(Self.xml) == expected)
    }

    @Test func anEmptySelfClosingItemKeepsTheIndicesAfterIt() {
        // `<si/>` is an empty string: the strings after it keep their indices.
        #expect(SharedStringsScanner.strings(Array("<sst><si/><si><t>b</t></si></sst>".utf8)) == ["", "b"])
        #expect(SharedStringsScanner.strings([]) == [])
        // A part cut short keeps the strings that ended.
        #expect(SharedStringsScanner.strings(Array("<sst><si><t>a</t></si><si><t>b</t".utf8)) == ["a"])
    }
}
