import Foundation
import FundWatchCore

/// The heat map's data, the same for the SVG and for the table that screen readers use: one row
/// per child region with its risk class, colour, link and freshness.
public struct HeatMapModel: Sendable, Hashable {
    /// One child region.
    public struct Row: Sendable, Hashable {
        public var code: String
        public var name: String
        /// The drill-down link.
        public var href: String
        public var findings: Int
        public var red: Int
        /// Money at risk in yuan, formatted (`12,345.67`).
        public var amountText: String
        public var riskScore: Double
        /// 0 (lowest) … `palette.count - 1`; nil when the region delivers no data (unknown, not clean).
        public var riskClass: Int?
        /// Fill colour (`#rrggbb`).
        public var color: String
        /// Chinese names of the stale feeds (empty when fresh).
        public var staleFeeds: [String]
        /// Projected centre in the view box; nil for regions without a point (table only).
        public var x: Double?
        public var y: Double?
        /// A sentence for the tooltip and the table's status cell.
        public var summary: String
    }

    /// One legend entry.
    public struct LegendEntry: Sendable, Hashable {
        public var color: String
        public var label: String
    }

    /// What the map shows (驾驶舱 region name and what the colour means).
    public var caption: String
    public var rows: [Row]
    public var legend: [LegendEntry]
    public var options: HeatMapOptions

    /// Builds the model from a snapshot's children.
    public init(snapshot: CockpitSnapshot, options: HeatMapOptions = HeatMapOptions()) {
        self.options = options
        self.caption = "\(snapshot.region.name)下辖地区风险热力图（按风险分着色）"
        let palette = options.palette
        let maxRisk = snapshot.children.filter(\.hasData).map(\.riskScore).max() ?? 0
        let projected = HeatMapProjection(
            points: snapshot.children.compactMap { c in c.longitude.flatMap { lon in c.latitude.map { (lon, $0) } } },
            width: options.width, height: options.height - options.legendHeight,
            padding: options.padding + options.radius)
        rows = snapshot.children.map { child in
            let riskClass: Int? =
                child.hasData
                ? (maxRisk > 0
                    ? min(palette.count - 1, Int((child.riskScore / maxRisk) * Double(palette.count - 1) + 0.5)) : 0)
                : nil
            let stale = child.staleFeeds.map { RecordKind(rawValue: $0)?.chinese ?? $0 }
            let point = child.longitude.flatMap { lon in child.latitude.map { projected.project(lon, $0) } }
            let amount = HeatMapModel.yuan(child.amountAtRisk)
            var summary =
                "\(child.name)：疑点 \(child.findings) 条，红色 \(child.red) 条，涉及金额 \(amount) 元，风险分 \(HeatMapModel.decimal(child.riskScore))"
            if !child.hasData {
                summary += "；未报送数据"
            } else if !stale.isEmpty {
                summary += "；数据陈旧：" + stale.joined(separator: "、")
            }
            return Row(
                code: child.code, name: child.name, href: options.link(child.code), findings: child.findings,
                red: child.red, amountText: amount, riskScore: child.riskScore, riskClass: riskClass,
                color: riskClass.map { palette[$0] } ?? options.noDataColor, staleFeeds: stale, x: point?.x,
                y: point?.y,
                summary: summary)
        }
        // City districts lie a few kilometres apart: drawn where they are, their circles cover
        // each other and only the top one can be clicked. Spread them just enough to part.
        var points = rows.map { row in row.x.flatMap { x in row.y.map { (x: x, y: $0) } } }
        let inset = options.padding + options.radius
        HeatMapModel.spread(
            &points, minDistance: 2 * options.radius + 2,
            box: (inset, options.width - inset, inset, options.height - options.legendHeight - inset))
        for i in rows.indices {
            rows[i].x = points[i]?.x
            rows[i].y = points[i]?.y
        }
        var legend = [LegendEntry]()
        for (i, color) in palette.enumerated() {
            let low = maxRisk * (Double(i) - 0.5) / Double(palette.count - 1)
            let high = maxRisk * (Double(i) + 0.5) / Double(palette.count - 1)
            legend.append(
                LegendEntry(
                    color: color,
                    label: "\(HeatMapModel.decimal(max(0, low)))–\(HeatMapModel.decimal(min(maxRisk, high)))"))
        }
        legend.append(LegendEntry(color: options.noDataColor, label: "未报送数据"))
        self.legend = legend
    }

    /// Moves points apart until no two are closer than `minDistance`, by a bounded number of
    /// deterministic passes that push each overlapping pair apart along the line between them
    /// (points in the same place along a fixed angle per pair), kept inside `box`
    /// (minX, maxX, minY, maxY). Points already far enough apart do not move.
    public static func spread(
        _ points: inout [(x: Double, y: Double)?], minDistance: Double,
        box: (minX: Double, maxX: Double, minY: Double, maxY: Double)
    ) {
        let present = points.indices.filter { points[$0] != nil }
        guard present.count > 1, minDistance > 0 else { return }
        for _ in 0..<300 {
            var moved = false
            for a in 0..<present.count {
                for b in (a + 1)..<present.count {
                    let i = present[a]
                    let j = present[b]
                    guard var p = points[i], var q = points[j] else { continue }
                    var dx = q.x - p.x
                    var dy = q.y - p.y
                    var distance = (dx * dx + dy * dy).squareRoot()
                    guard distance < minDistance - 1e-6 else { continue }
                    if distance < 1e-9 {
                        let angle = Double(a * 31 + b * 17) * 2.399963
                        dx = cos(angle)
                        dy = sin(angle)
                        distance = 1
                    }
                    let push = (minDistance - distance) / 2 / distance
                    p.x -= dx * push
                    p.y -= dy * push
                    q.x += dx * push
                    q.y += dy * push
                    points[i] = (min(box.maxX, max(box.minX, p.x)), min(box.maxY, max(box.minY, p.y)))
                    points[j] = (min(box.maxX, max(box.minX, q.x)), min(box.maxY, max(box.minY, q.y)))
                    moved = true
                }
            }
            if !moved { return }
        }
    }

    /// Fen as yuan with thousands separators, locale-independent (`1234567` → `12,345.67`).
    static func yuan(_ fen: Int64) -> String {
        let sign = fen < 0 ? "-" : ""
        let magnitude = fen.magnitude
        let whole = String(magnitude / 100)
        var grouped = ""
        for (i, ch) in whole.enumerated() {
            if i > 0 && (whole.count - i) % 3 == 0 { grouped.append(",") }
            grouped.append(ch)
        }
        let cents = magnitude % 100
        return sign + grouped + "." + (cents < 10 ? "0" : "") + String(cents)
    }

    /// One decimal place, locale-independent.
    static func decimal(_ x: Double) -> String {
        let tenths = Int64((x * 10).rounded())
        let sign = tenths < 0 ? "-" : ""
        return sign + String(tenths.magnitude / 10) + "." + String(tenths.magnitude % 10)
    }
}
