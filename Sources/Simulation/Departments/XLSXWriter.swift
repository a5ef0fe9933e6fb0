public import Foundation
import ZIPFoundation

/// Writes a one-sheet XLSX workbook as spreadsheet programs do: text in a shared-strings table,
/// numbers as numbers, dates as day serials with a date style, so exports read like real ones.
public struct XLSXWriter {
    /// One cell.
    public enum Cell: Sendable, Hashable {
        case text(String)
        /// A number, written as given (`1234.5`).
        case number(String)
        /// A day serial (days since 1899-12-30) shown with a date format.
        case date(Int)
        case empty
    }

    public let sheetName: String
    private var rows: [UInt8] = []
    private var rowCount = 0
    private var stringIndex: [String: Int] = [:]
    private var strings: [String] = []

    public init(sheetName: String) { self.sheetName = sheetName }

    /// Appends a row.
    public mutating func append(_ cells: [Cell]) {
        rowCount += 1
        rows += Array("<row r=\"\(rowCount)\">".utf8)
        for (i, cell) in cells.enumerated() {
            let ref = XLSXWriter.columnName(i + 1) + String(rowCount)
            switch cell {
            case .empty: continue
            case .text(let s):
                let index: Int
                if let known = stringIndex[s] {
                    index = known
                } else {
                    index = strings.count
                    strings.append(s)
                    stringIndex[s] = index
                }
                rows += Array("<c r=\"\(ref)\" t=\"s\"><v>\(index)</v></c>".utf8)
            case .number(let n): rows += Array("<c r=\"\(ref)\"><v>\(n)</v></c>".utf8)
            case .date(let serial): rows += Array("<c r=\"\(ref)\" s=\"1\"><v>\(serial)</v></c>".utf8)
            }
        }
        rows += Array("</row>".utf8)
    }

    /// Writes the workbook to `url`, replacing any file there.
    public func write(to url: URL) throws {
        try? FileManager.default.removeItem(at: url)
        let archive = try Archive(url: url, accessMode: .create)
        func add(_ path: String, _ bytes: [UInt8]) throws {
            let data = Data(bytes)
            try archive.addEntry(
                with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate,
                provider: { position, size in data.subdata(in: Int(position)..<Int(position) + size) })
        }
        let header = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        try add("[Content_Types].xml", Array((header + """
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
            <Default Extension="xml" ContentType="application/xml"/>\
            <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
            <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
            <Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>\
            <Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
            </Types>
            """).utf8))
        try add("_rels/.rels", Array((header + """
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
            </Relationships>
            """).utf8))
        try add("xl/workbook.xml", Array((header + """
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
            xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
            <sheets><sheet name="\(XLSXWriter.escape(sheetName))" sheetId="1" r:id="rId1"/></sheets></workbook>
            """).utf8))
        try add("xl/_rels/workbook.xml.rels", Array((header + """
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>\
            <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>\
            <Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\
            </Relationships>
            """).utf8))
        try add("xl/styles.xml", Array((header + """
            <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
            <numFmts count="1"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts>\
            <fonts count="1"><font><sz val="11"/><name val="宋体"/></font></fonts>\
            <fills count="1"><fill><patternFill patternType="none"/></fill></fills>\
            <borders count="1"><border/></borders>\
            <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
            <cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
            <xf numFmtId="176" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>\
            </styleSheet>
            """).utf8))
        var shared = Array((header + "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"\(strings.count)\" uniqueCount=\"\(strings.count)\">").utf8)
        for s in strings { shared += Array("<si><t xml:space=\"preserve\">\(XLSXWriter.escape(s))</t></si>".utf8) }
        shared += Array("</sst>".utf8)
        try add("xl/sharedStrings.xml", shared)
        let sheet = Array((header + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>").utf8)
            + rows + Array("</sheetData></worksheet>".utf8)
        try add("xl/worksheets/sheet1.xml", sheet)
    }

    /// `1` → A, `28` → AB.
    static func columnName(_ n: Int) -> String {
        var n = n
        var name = ""
        while n > 0 {
            let r = (n - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + r))) + name
            n = (n - 1) / 26
        }
        return name
    }

    static func escape(_ s: String) -> String {
        var out = ""
        for ch in s {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(ch)
            }
        }
        return out
    }
}
