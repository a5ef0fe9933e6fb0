import Dashboard
import Foundation
import FundWatchCore
import Storage
import Testing

@Suite struct FreshnessTests {
    @Test func aCountyWhoseDeathDataIsOldIsStaleUpToTheNation() async throws {
        let db = try FundWatchDatabase.inMemory()
        // 历下 delivered a death record last week, 市中 five months ago, 禹城 none (but tax data).
        try await Fixtures.addPersonAndDeath(db, id: "370102195001011234", region: "370102", died: "2026-02-25")
        try await Fixtures.addPersonAndDeath(db, id: "370103195001011234", region: "370103", died: "2025-10-01")
        try await Fixtures.insert(
            db,
            "INSERT INTO person (batch_id, file_id, line, id_number, name, region_code) VALUES (1, 1, 1, '371482195001011234', '王五', '371482')"
        )
        try await Fixtures.insert(
            db,
            "INSERT INTO employment_record (batch_id, file_id, line, id_number, employer_id, period) VALUES (1, 1, 1, '371482195001011234', 'E1', '2026-01')"
        )
        #expect(try await db.refreshFreshness() == 3)
        // Nothing new: nothing read.
        #expect(try await db.refreshFreshness() == 0)

        let index = FreshnessIndex(cells: try await db.freshnessCells(), catalog: Fixtures.catalog)
        let asOf = CivilDate("2026-03-05")!
        let policy = FreshnessPolicy(
            feeds: [.deathRecord, .employmentRecord], thresholdDays: [.deathRecord: 45, .employmentRecord: 75])
        let lixia = index.freshness(under: "370102", asOf: asOf, policy: policy)
        #expect(lixia[0].newest == "2026-02-25" && !lixia[0].isStale)
        let shizhong = index.freshness(under: "370103", asOf: asOf, policy: policy)
        #expect(shizhong[0].isStale && shizhong[0].laggingAgeDays == 155)
        let jinan = index.freshness(under: "370100", asOf: asOf, policy: policy)
        #expect(
            jinan[0].newest == "2026-02-25" && jinan[0].laggingNewest == "2025-10-01" && jinan[0].staleCounties == 1)
        let shandong = index.freshness(under: "370000", asOf: asOf, policy: policy)
        // 禹城 never delivered a death record: stale, and no lagging date to show.
        #expect(shandong[0].counties == 3 && shandong[0].staleCounties == 2 && shandong[0].laggingNewest == nil)
        #expect(shandong[1].staleCounties == 2)  // tax: only 禹城 delivered (2026-01-01, 63 days)

        // A newer death record for 市中 arrives: only it is read, and the county is fresh again.
        try await Fixtures.addPersonAndDeath(db, id: "370103195001012222", region: "370103", died: "2026-03-01")
        #expect(try await db.refreshFreshness() == 1)
        let after = FreshnessIndex(cells: try await db.freshnessCells(), catalog: Fixtures.catalog)
        #expect(!after.freshness(under: "370103", asOf: asOf, policy: policy)[0].isStale)
    }

    @Test func theCockpitMarksStaleChildren() async throws {
        let db = try await Fixtures.databaseWithFindings()
        try await Fixtures.addPersonAndDeath(db, id: "370102195001011234", region: "370102", died: "2025-01-01")
        try await db.refreshFreshness()
        let clock = TestClock()  // 2026-03-05
        let cache = CockpitCache(database: db, configuration: CockpitConfiguration(recheckInterval: 0), clock: clock)
        let shandong = try await cache.snapshot(for: "370000")
        let jinan = try #require(shandong.children.first { $0.code == "370100" })
        #expect(jinan.hasData && jinan.staleFeeds.contains("death_record"))
        // 德州 delivered no records, but its findings show it is known; 青岛 has neither: unknown, not clean.
        #expect(shandong.children.first { $0.code == "371400" }?.hasData == true)
        #expect(shandong.children.first { $0.code == "370200" }?.hasData == false)
        #expect(shandong.freshness.first { $0.feed == "death_record" }?.staleCounties == 1)
    }
}
