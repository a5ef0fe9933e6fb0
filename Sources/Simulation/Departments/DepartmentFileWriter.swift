import Foundation
import FundWatchCore
import Ingestion

/// Writes one feed's export file in its format and encoding.
struct DepartmentFileWriter {
    let feed: DepartmentFeed
    let renderer: DepartmentRenderer

    func write(rows: [[String: String]], to url: URL) throws {
        let fields = feed.fields
        let selected = rows.filter { row in feed.only.map { row[$0.field] == $0.value } ?? true }
        switch feed.format {
        case .xlsx:
            var sheet = XLSXWriter(sheetName: feed.record.chinese)
            sheet.append(fields.map { .text(DepartmentFeed.header($0)) })
            for (k, row) in selected.enumerated() {
                sheet.append(fields.map { field in
                    switch renderer.render(row[field.name] ?? "", field: field, row: k) {
                    case .text(let s): .text(s)
                    case .number(let n): .number(n)
                    case .dateSerial(let d): .date(d)
                    case .empty: .empty
                    }
                })
            }
            try sheet.write(to: url)
        case .jsonl:
            var out = [UInt8]()
            for (k, row) in selected.enumerated() {
                var members = [String]()
                for field in fields {
                    let key = DepartmentFileWriter.jsonString(DepartmentFeed.header(field))
                    switch renderer.render(row[field.name] ?? "", field: field, row: k) {
                    case .text(let s): members.append(key + ":" + DepartmentFileWriter.jsonString(s))
                    case .number(let n): members.append(key + ":" + n)
                    case .dateSerial(let d): members.append(key + ":" + String(d))
                    case .empty: if k % 2 == 0 { members.append(key + ":null") }  // some exporters drop empty keys, some write null
                    }
                }
                out += Array(("{" + members.joined(separator: ",") + "}\n").utf8)
            }
            try Data(out).write(to: url)
        case .csv:
            var text = ""
            if let title = feed.title { text += title + "\r\n" }
            let separator = String(feed.delimiter)
            text += fields.map { DepartmentFeed.header($0) }.joined(separator: separator) + "\r\n"
            for (k, row) in selected.enumerated() {
                let cells = fields.map { field -> String in
                    switch renderer.render(row[field.name] ?? "", field: field, row: k) {
                    case .text(let s), .number(let s): DepartmentFileWriter.csvField(s, separator: feed.delimiter)
                    case .dateSerial(let d): String(d)
                    case .empty: ""
                    }
                }
                text += cells.joined(separator: separator) + "\r\n"
            }
            let bytes: [UInt8]
            switch feed.encoding {
            case .utf8: bytes = [0xEF, 0xBB, 0xBF] + Array(text.utf8)  // Excel-friendly BOM, as many exports have
            case .gb18030: bytes = try GB18030Encoder.encode(text)
            }
            try Data(bytes).write(to: url)
        }
    }

    static func csvField(_ s: String, separator: Character) -> String {
        guard s.contains(separator) || s.contains("\"") || s.contains("\n") || s.contains("\r") else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func jsonString(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
