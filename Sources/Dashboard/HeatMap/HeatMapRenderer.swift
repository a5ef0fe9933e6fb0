/// Draws the heat map as a standalone SVG: one linked circle per child region, coloured by risk
/// class, a `<title>` for the tooltip, stale regions hatched and outlined, and a legend.
/// Deterministic (same model, same bytes), no script, so it fits a CSP without inline script.
public enum HeatMapRenderer {
    /// The SVG of a snapshot's children.
    public static func svg(for snapshot: CockpitSnapshot, options: HeatMapOptions = HeatMapOptions()) -> String {
        svg(HeatMapModel(snapshot: snapshot, options: options))
    }

    /// The SVG of a model.
    public static func svg(_ model: HeatMapModel) -> String {
        let o = model.options
        let f = HeatMapModel.decimal
        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(f(o.width)) \(f(o.height))" role="img" \
            aria-labelledby="heatmap-title" class="heatmap">
            <title id="heatmap-title">\(escape(model.caption))</title>
            <defs><pattern id="heatmap-stale" patternUnits="userSpaceOnUse" width="6" height="6" \
            patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="6" stroke="#333333" stroke-width="2"/></pattern></defs>

            """
        for row in model.rows {
            guard let x = row.x, let y = row.y else { continue }
            let stale = !row.staleFeeds.isEmpty
            let noData = row.riskClass == nil
            out += "<a href=\"\(escape(row.href))\" class=\"heatmap-region\" data-code=\"\(escape(row.code))\">"
            out += "<title>\(escape(row.summary))</title>"
            let stroke =
                stale
                ? " stroke=\"#000000\" stroke-width=\"2.5\" stroke-dasharray=\"4 2\""
                : noData
                    ? " stroke=\"#969696\" stroke-width=\"1\" stroke-dasharray=\"2 2\""
                    : " stroke=\"#636363\" stroke-width=\"1\""
            out += "<circle cx=\"\(f(x))\" cy=\"\(f(y))\" r=\"\(f(o.radius))\" fill=\"\(row.color)\"\(stroke)/>"
            if stale {
                out +=
                    "<circle cx=\"\(f(x))\" cy=\"\(f(y))\" r=\"\(f(o.radius))\" fill=\"url(#heatmap-stale)\" fill-opacity=\"0.45\"/>"
            }
            out +=
                "<text x=\"\(f(x))\" y=\"\(f(y + o.radius + 12))\" text-anchor=\"middle\" font-size=\"11\" pointer-events=\"none\">\(escape(row.name))</text>"
            out += "</a>\n"
        }
        // Legend: the classes, no data, and stale, wrapping onto further rows when narrow.
        var x = o.padding
        var y = o.height - o.legendHeight + 16
        out += "<g class=\"heatmap-legend\" font-size=\"11\">"
        out += "<text x=\"\(f(x))\" y=\"\(f(y - 4))\">风险分</text>"
        let entries =
            model.legend.map { ($0.label, "fill=\"\($0.color)\" stroke=\"#636363\"") }
            + [("数据陈旧", "fill=\"url(#heatmap-stale)\" stroke=\"#000000\" stroke-dasharray=\"4 2\"")]
        for (label, style) in entries {
            let width = 30 + textWidth(label)
            if x > o.padding && x + width > o.width - o.padding {
                x = o.padding
                y += 20
            }
            out += "<rect x=\"\(f(x))\" y=\"\(f(y))\" width=\"14\" height=\"14\" \(style)/>"
            out += "<text x=\"\(f(x + 18))\" y=\"\(f(y + 11))\">\(escape(label))</text>"
            x += width
        }
        out += "</g>\n</svg>\n"
        return out
    }

    /// The width of 11-pixel text, near enough for layout: CJK characters are square, Latin
    /// ones about half as wide.
    static func textWidth(_ text: String) -> Double {
        text.unicodeScalars.reduce(0) { $0 + ($1.isASCII ? 6.5 : 11) }
    }

    /// Escapes text for XML content and attribute values.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for ch in text {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(ch)
            }
        }
        return out
    }
}
