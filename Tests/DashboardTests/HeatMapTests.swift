import Dashboard
import Foundation
import Testing

@Suite struct HeatMapTests {
    static func child(
        _ code: String, _ name: String, lon: Double?, lat: Double?, risk: Double, findings: Int = 1,
        stale: [String] = [],
        hasData: Bool = true
    ) -> CockpitSnapshot.ChildRow {
        CockpitSnapshot.ChildRow(
            code: code, name: name, level: "city", longitude: lon, latitude: lat, findings: findings,
            amountAtRisk: 1_234_567, red: 1, riskScore: risk, staleFeeds: stale, hasData: hasData)
    }

    /// A fixed snapshot: three cities of 山东 on a line, one without a point, one stale, one without data.
    static let snapshot = CockpitSnapshot(
        region: .init(code: "370000", name: "山东省", level: "province", parentCode: "000000"), version: 7,
        asOf: "2026-03-05", totals: .init(findings: 3, amountAtRisk: 0, red: 0, riskScore: 0), bySeverity: [],
        byCategory: [], byKind: [], byStatus: [], trend: [], topRules: [],
        children: [
            child("370100", "济南市", lon: 117, lat: 36, risk: 100),
            child("370200", "青岛市", lon: 120, lat: 36, risk: 50, stale: ["death_record"]),
            child("371400", "德州<市>", lon: 116, lat: 37, risk: 0, findings: 0, hasData: false),
            child("379900", "无坐标", lon: nil, lat: nil, risk: 10),
        ],
        unattributed: nil, freshness: [])

    static let options = HeatMapOptions(width: 400, height: 300, legendHeight: 60, padding: 10, radius: 10)

    @Test func theModelClassesColoursAndLinksEveryChild() {
        let model = HeatMapModel(snapshot: Self.snapshot, options: Self.options)
        #expect(model.rows.map(\.riskClass) == [4, 2, nil, 0])
        #expect(model.rows.map(\.color) == ["#bd0026", "#fd8d3c", "#d9d9d9", "#ffffb2"])
        #expect(model.rows.map(\.href) == ["/cockpit/370100", "/cockpit/370200", "/cockpit/371400", "/cockpit/379900"])
        #expect(model.rows[0].amountText == "12,345.67")
        #expect(model.rows[1].summary.hasSuffix("数据陈旧：死亡登记"))
        #expect(model.rows[2].summary.hasSuffix("未报送数据"))
        #expect(model.rows[3].x == nil)
        // West is left, north is up: 德州 (116°E, 37°N) is left of and above 济南, 青岛 is rightmost.
        let x = model.rows.map { $0.x ?? -1 }
        let y = model.rows.map { $0.y ?? -1 }
        #expect(x[2] < x[0] && x[0] < x[1] && y[2] < y[0] && y[0] == y[1])
        // The points span the inner box: the widest extent touches both padded edges.
        #expect(abs(x[2] - 20) < 1e-9 && abs(x[1] - 380) < 1e-9)
        #expect(model.legend.count == 6)
    }

    @Test func theSVGIsDeterministicLinkedTitledAndScriptFree() {
        let svg = HeatMapRenderer.svg(for: Self.snapshot, options: Self.options)
        #expect(svg == HeatMapRenderer.svg(for: Self.snapshot, options: Self.options))
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 400.0 300.0\""))
        #expect(!svg.lowercased().contains("<script") && !svg.contains("onclick"))
        // Three drawable regions (the one without a point is in the table only), each linked and titled.
        #expect(svg.components(separatedBy: "<a href=").count - 1 == 3)
        #expect(
            svg.contains("<a href=\"/cockpit/370100\" class=\"heatmap-region\" data-code=\"370100\"><title>济南市：疑点 1 条"))
        #expect(!svg.contains("/cockpit/379900"))
        // Only 青岛 is hatched; names are escaped.
        #expect(svg.components(separatedBy: "fill=\"url(#heatmap-stale)\" fill-opacity").count - 1 == 1)
        #expect(svg.contains("德州&lt;市&gt;") && !svg.contains("德州<市>"))
        #expect(svg.contains("数据陈旧</text>") && svg.contains("未报送数据</text>"))
    }

    /// The whole output is pinned to a reviewed file: any change to the drawing shows up here.
    /// After an intended change, run with FUNDWATCH_UPDATE_GOLDEN=1 and review the new file.
    @Test func theSVGMatchesTheReviewedFixture() throws {
        let svg = HeatMapRenderer.svg(for: Self.snapshot, options: Self.options)
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/heatmap-shandong.svg")
        if ProcessInfo.processInfo.environment["FUNDWATCH_UPDATE_GOLDEN"] != nil {
            try Data(svg.utf8).write(to: url)
        }
        let golden = try String(contentsOf: url, encoding: .utf8)
        #expect(svg == golden)
    }

    /// Districts a few kilometres apart would be drawn on top of each other; the model parts them
    /// so each circle can be clicked, and leaves points already apart where they are.
    @Test func overlappingCirclesArePartedAndOthersStay() {
        var points: [(x: Double, y: Double)?] = [(100, 100), (103, 101), (100, 100), nil, (300, 200)]
        HeatMapModel.spread(&points, minDistance: 30, box: (0, 400, 0, 300))
        let present = points.compactMap { $0 }
        for a in 0..<present.count {
            for b in (a + 1)..<present.count {
                let d = ((present[a].x - present[b].x) * (present[a].x - present[b].x)
                    + (present[a].y - present[b].y) * (present[a].y - present[b].y)).squareRoot()
                #expect(d >= 30 - 1e-3, "points \(a) and \(b) are \(d) apart")
            }
        }
        #expect(points[3] == nil)
        #expect(points[4]?.x == 300 && points[4]?.y == 200)
    }
}
