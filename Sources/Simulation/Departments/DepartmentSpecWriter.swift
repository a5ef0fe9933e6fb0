import Foundation
import FundWatchCore
import Ingestion

/// Writes the mapping spec that reads a simulated feed back into canonical records.
enum DepartmentSpecWriter {
    static func yaml(_ feed: DepartmentFeed) -> String {
        var lines = [
            "# \(feed.department.chinese)：\(feed.record.chinese)（由 fundwatch simulate --format departments 生成）",
            "source: \(feed.source)",
            "department: \(feed.department.rawValue)",
            "record: \(feed.record.rawValue)",
            "format: \(feed.format.rawValue)",
        ]
        if feed.format == .csv {
            lines.append("encoding: \(feed.encoding.rawValue)")
            if feed.delimiter != "," { lines.append("delimiter: \"\(feed.delimiter == "\t" ? "\\t" : String(feed.delimiter))\"") }
            if feed.title != nil { lines.append("header_row: 2") }
        }
        lines.append("columns:")
        for field in feed.fields {
            let header = quoted(DepartmentFeed.header(field))
            switch field.type {
            case .date:
                let formats: String
                switch feed.dateStyle {
                case .excelDateCell: formats = "[\"yyyy-MM-dd\"]"
                case .excelSerial: formats = "[\"excel_serial\"]"
                default: formats = "[\"\(feed.dateStyle.rawValue)\"]"
                }
                lines.append("  \(field.name): { column: \(header), formats: \(formats) }")
            case .period: lines.append("  \(field.name): { column: \(header), formats: [\"\(feed.periodStyle.rawValue)\"] }")
            case .money: lines.append("  \(field.name): { column: \(header), unit: yuan }")
            // Full paths (山东省德州市禹城市) name one region wherever it lies, so no `within` is needed:
            // off-site settlements name regions outside the simulated one.
            case .region: lines.append("  \(field.name): { column: \(header), lookup: region_name }")
            default: lines.append("  \(field.name): \(header)")
            }
        }
        if let only = feed.only { lines.append("  \(only.field): { value: \(only.value) }") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A YAML double-quoted scalar.
    private static func quoted(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
