import Dashboard
import Foundation
import FundWatchCore
import Storage
import Testing

@Suite struct CockpitCacheTests {
    static let configuration = CockpitConfiguration(
        ruleCategories: ["pension_after_death": "冒领待遇", "medical_during_custody": "医保欺诈"], recheckInterval: 10)

    @Test func aProvinceSnapshotHasItsCitiesAndBreakdowns() async throws {
        let db = try await Fixtures.databaseWithFindings()
        let cache = CockpitCache(database: db, configuration: Self.configuration, clock: TestClock())
        let shandong = try await cache.snapshot(for: "370000")
        #expect(shandong.region == .init(code: "370000", name: "山东省", level: "province", parentCode: "000000"))
        #expect(shandong.totals.findings == 5)
        #expect(shandong.totals.amountAtRisk == 2_010_00)
        #expect(shandong.totals.red == 3)
        #expect(shandong.bySeverity.map(\.key) == ["red", "orange", "yellow"])
        #expect(shandong.bySeverity.map(\.findings) == [3, 1, 1])
        #expect(shandong.byCategory.map(\.key) == ["冒领待遇", "医保欺诈"])
        #expect(shandong.byCategory.map(\.findings) == [3, 2])
        #expect(shandong.trend.map(\.key) == ["2026-03"])
        #expect(shandong.topRules.first?.ruleID == "pension_after_death")
        #expect(shandong.topRules.first?.title == "规则 pension_after_death")
        #expect(shandong.byStatus.first { $0.key == "shadow" }?.findings == 1)
        // Every city of the province, in code order; 济南 and 德州 carry the findings.
        #expect(shandong.children.count == 16)
        let jinan = try #require(shandong.children.first { $0.code == "370100" })
        #expect(jinan.findings == 4 && jinan.red == 2 && jinan.riskScore == 212.75)
        #expect(shandong.children.first { $0.code == "371400" }?.findings == 1)
        #expect(shandong.unattributed == nil)

        let nation = try await cache.snapshot(for: "000000")
        #expect(nation.totals.findings == 7)
        // The finding without a county counts for the nation but for no province.
        #expect(nation.unattributed?.findings == 1)

        let county = try await cache.snapshot(for: "370102")
        #expect(county.children.isEmpty && county.totals.findings == 3)
    }

    @Test func snapshotsAreServedFromMemoryUntilTheIntervalAndVersionMove() async throws {
        let db = try await Fixtures.databaseWithFindings()
        let clock = TestClock()
        let cache = CockpitCache(database: db, configuration: Self.configuration, clock: clock)
        let first = try await cache.snapshotJSON(for: "370100")
        var findings = Fixtures.sampleFindings()
        findings.append(
            Fixtures.finding(
                "370103195001017777", rule: Fixtures.pension, severity: "red", amount: 1_00, risk: 61, region: "370103")
        )
        _ = try await db.storeAudit(
            run: Fixtures.run(), rules: [Fixtures.pension, Fixtures.medical], findings: findings)

        // Within the interval the cache does not look: the same bytes.
        clock.advance(5)
        #expect(try await cache.snapshotJSON(for: "370100") == first)
        // After it, the new finding shows.
        clock.advance(6)
        let second = try await cache.snapshot(for: "370100")
        #expect(second.totals.findings == 5)
        #expect(second.version == (try await db.dashboardVersion()))
        let decoded = try JSONDecoder().decode(CockpitSnapshot.self, from: try await cache.snapshotJSON(for: "370100"))
        #expect(decoded == second)
    }

    @Test func anUnknownRegionIsRefusedWithItsCode() async throws {
        let cache = CockpitCache(database: try FundWatchDatabase.inMemory(), clock: TestClock())
        let error = try await #require(throws: DashboardError.self) { try await cache.snapshot(for: "123456") }
        #expect(error.code == .unknownRegion)
        #expect(error.message.contains("123456"))
    }
}
