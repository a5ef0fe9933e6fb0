import Storage

/// The Chinese labels and number formats pages show for codes.
enum Labels {
    static func severity(_ code: String) -> String {
        switch code {
        case "red": "红色"
        case "orange": "橙色"
        case "yellow": "黄色"
        default: code
        }
    }

    static func kind(_ code: String) -> String {
        switch code {
        case "fraud": "疑点"
        case "data_conflict": "数据冲突待核实"
        default: code
        }
    }

    static func status(_ code: String) -> String {
        AlertStatus(rawValue: code)?.chinese ?? code
    }

    /// Fen as yuan with two decimals and thousands separators: 123456789 → 1,234,567.89.
    static func yuan(_ fen: Int64) -> String {
        let negative = fen < 0
        let magnitude = fen.magnitude
        let whole = String(magnitude / 100)
        var grouped = ""
        for (i, ch) in whole.reversed().enumerated() {
            if i > 0 && i % 3 == 0 { grouped.append(",") }
            grouped.append(ch)
        }
        let cents = magnitude % 100
        return (negative ? "-" : "") + String(grouped.reversed()) + "." + (cents < 10 ? "0" : "") + String(cents)
    }
}
