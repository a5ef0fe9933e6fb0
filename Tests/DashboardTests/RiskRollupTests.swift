import Dashboard
import Foundation
import FundWatchCore
import GRDB
import Storage
import Testing

@Suite struct RiskRollupTests {
    /// The rollup of a region computed the slow way, straight from the stored findings.
    static func expected(_ findings: [StoredFinding], under region: String) -> RollupMeasure {
        findings.filter { f in
            guard f.status == .open else { return false }
            if region == RiskRollupIndex.nationCode { return true }
            guard let code = f.regionCode else { return false }
            return Fixtures.catalog.contains(region, code)
        }.reduce(RollupMeasure.zero) { sum, f in
            sum
                + RollupMeasure(
                    findings: 1, amountAtRisk: f.amountAtRisk, red: f.severity == "red" ? 1 : 0,
                    riskHundredths: Int64((f.riskScore * 100).rounded()))
        }
    }

    static let regions = [
        "000000", "370000", "370100", "370102", "370103", "371400", "371482", "110000", "110101", "440000",
    ]

    @Test func everyLevelAddsUpToTheFindings() async throws {
        let db = try await Fixtures.databaseWithFindings()
        var index = RiskRollupIndex(catalog: Fixtures.catalog)
        index.apply(try await db.rollupChanges(after: 0))
        let stored = try await db.findings()
        for region in Self.regions {
            #expect(
                index.rollup(for: region).measure(.total) == Self.expected(stored, under: region), "region \(region)")
        }
        let jinan = index.rollup(for: "370100")
        #expect(jinan.measure(.total).findings == 4)
        #expect(
            jinan.measure(.severity, "red")
                == RollupMeasure(findings: 2, amountAtRisk: 800_00, red: 2, riskHundredths: 15_500))
        #expect(jinan.measure(.rule, "medical_during_custody").findings == 2)
        #expect(jinan.measure(.period, "2026-03").findings == 4)
        // The shadow finding is counted by status only.
        #expect(jinan.measure(.status, "shadow").findings == 1)
        #expect(index.rollup(for: "000000").measure(.total).findings == 7)
    }

    @Test func changesMoveOnlyWhatChangedAndMatchARebuild() async throws {
        let db = try await Fixtures.databaseWithFindings()
        var index = RiskRollupIndex(catalog: Fixtures.catalog)
        index.apply(try await db.rollupChanges(after: 0))
        let before = index.version

        // Re-running the same audit changes no rollup (the trigger ignores last_seen_run).
        _ = try await db.storeAudit(
            run: Fixtures.run(), rules: [Fixtures.pension, Fixtures.medical], findings: Fixtures.sampleFindings())
        #expect(try await db.dashboardVersion() == before)

        // A month later: 禹城's finding turns orange with a new amount, and a new red one appears in 市中区.
        var next = Fixtures.sampleFindings()
        next[4] = Fixtures.finding(
            "371482195001011234", rule: Fixtures.pension, severity: "orange", amount: 40_00, risk: 41, region: "371482")
        next.append(
            Fixtures.finding(
                "370103195001019876", rule: Fixtures.pension, severity: "red", amount: 70_00, risk: 66.66,
                region: "370103"))
        _ = try await db.storeAudit(
            run: Fixtures.run(at: Fixtures.startedAt.addingTimeInterval(31 * 86_400)),
            rules: [Fixtures.pension, Fixtures.medical], findings: next)
        let changes = try await db.rollupChanges(after: before)
        #expect(!changes.replacesAll)
        #expect(Set(changes.cells.map(\.regionCode)) == ["371482", "370103"])
        index.apply(changes)

        var fresh = RiskRollupIndex(catalog: Fixtures.catalog)
        fresh.apply(try await db.rollupChanges(after: 0))
        try await db.rebuildRollups()
        var rebuilt = RiskRollupIndex(catalog: Fixtures.catalog)
        rebuilt.apply(try await db.rollupChanges(after: 0))
        var incrementalAfterRebuild = index
        incrementalAfterRebuild.apply(try await db.rollupChanges(after: index.version))
        let stored = try await db.findings()
        for region in Self.regions {
            let want = Self.expected(stored, under: region)
            #expect(index.rollup(for: region).measure(.total) == want, "incremental \(region)")
            #expect(fresh.rollup(for: region) == index.rollup(for: region), "fresh \(region)")
            #expect(rebuilt.rollup(for: region) == index.rollup(for: region), "rebuilt \(region)")
            #expect(incrementalAfterRebuild.rollup(for: region) == index.rollup(for: region), "after rebuild \(region)")
        }
        // The new finding was first seen in April; the changed one keeps its March period.
        #expect(index.rollup(for: "370103").measure(.period, "2026-04").findings == 1)
        #expect(index.rollup(for: "371400").measure(.severity, "red").findings == 0)
        #expect(index.rollup(for: "371400").measure(.severity, "orange").amountAtRisk == 40_00)
    }

    @Test func statusChangesFromAnyWriterMoveTheRollups() async throws {
        let db = try await Fixtures.databaseWithFindings()
        var index = RiskRollupIndex(catalog: Fixtures.catalog)
        index.apply(try await db.rollupChanges(after: 0))
        // Another process (the web app) suppresses one finding and deletes another.
        try await Fixtures.insert(db, "UPDATE finding SET status = 'suppressed' WHERE id_number = '370102195001011234'")
        try await Fixtures.insert(db, "DELETE FROM finding WHERE id_number = '110101195001011234'")
        index.apply(try await db.rollupChanges(after: index.version))
        let stored = try await db.findings()
        for region in Self.regions {
            #expect(
                index.rollup(for: region).measure(.total) == Self.expected(stored, under: region), "region \(region)")
        }
        #expect(index.rollup(for: "110000").measure(.total) == .zero)
        #expect(index.rollup(for: "370102").measure(.status, "suppressed").findings == 1)
    }
}
