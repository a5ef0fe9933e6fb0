// Dashboard benchmark: cockpit snapshot reads from the in-memory cache, the rollup rebuild, the
// triggers' cost per stored finding, and the cache's refresh after a whole audit's findings
// arrive, over the findings table of an audited data folder.
//
//   DashboardBench <data folder> [seconds]
//
// Prints one line per figure; Benchmarks/dashboard-bench.sh runs it beside the sqlite3 CLI.
import Dashboard
import Foundation
import FundWatchCore
import GRDB
import Storage

@main
struct DashboardBench {
    static func main() async throws {
        let args = CommandLine.arguments
        guard args.count >= 2 else {
            FileHandle.standardError.write(Data("usage: DashboardBench <data folder> [seconds]\n".utf8))
            exit(2)
        }
        let folder = URL(fileURLWithPath: args[1])
        let seconds = args.count > 2 ? Double(args[2]) ?? 3 : 3
        var start = Date()
        let db = try FundWatchDatabase.open(dataFolder: folder)
        print("open + migrate (006 backfill on first open): \(ms(since: start)) ms")
        let findings = try await db.writer.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM finding") ?? 0 }
        print("findings: \(findings)")

        // Rebuild from scratch in SQLite (what a per-request GROUP BY would redo), median of 5.
        var rebuilds = [Double]()
        for _ in 0..<5 {
            start = Date()
            try await db.rebuildRollups()
            rebuilds.append(Date().timeIntervalSince(start) * 1000)
        }
        print("rebuildRollups median: \(fmt(median(rebuilds))) ms")

        // Triggers' cost: re-insert every finding with and without them, in a scratch copy.
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
            "dashboard-bench-\(getpid()).sqlite")
        try? FileManager.default.removeItem(at: scratch)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let queue = try DatabaseQueue(path: scratch.path)
        _ = try FundWatchDatabase(queue)
        try await queue.writeWithoutTransaction { q in
            try q.execute(
                sql: "ATTACH DATABASE ? AS src", arguments: [folder.appendingPathComponent("fundwatch.sqlite").path])
            try q.execute(sql: "INSERT INTO rule_version SELECT * FROM src.rule_version")
            try q.execute(sql: "INSERT INTO audit_run SELECT * FROM src.audit_run")
        }
        func timedInsert() throws -> Double {
            try queue.inDatabase { q in
                try q.execute(sql: "DELETE FROM finding")
                let t = Date()
                try q.inTransaction {
                    try q.execute(sql: "INSERT INTO finding SELECT * FROM src.finding ORDER BY id")
                    return .commit
                }
                return Date().timeIntervalSince(t) * 1000
            }
        }
        var with = [Double]()
        for _ in 0..<5 { with.append(try timedInsert()) }
        try queue.inDatabase { q in
            for name in ["finding_rollup_insert", "finding_rollup_delete", "finding_rollup_update"] {
                try q.execute(sql: "DROP TRIGGER \(name)")
            }
        }
        var without = [Double]()
        for _ in 0..<5 { without.append(try timedInsert()) }
        print(
            "store \(findings) findings with triggers median: \(fmt(median(with))) ms, without: \(fmt(median(without))) ms"
        )

        // The cache catching up after an audit: every cell is new to it.
        var refreshes = [Double]()
        for _ in 0..<5 {
            let cache = CockpitCache(database: db, configuration: CockpitConfiguration(recheckInterval: 3600))
            start = Date()
            try await cache.refresh()
            refreshes.append(Date().timeIntervalSince(start) * 1000)
        }
        print("cache refresh from empty median: \(fmt(median(refreshes))) ms")

        // The nation's snapshot must count what a GROUP BY over the table counts.
        let check = CockpitCache(database: db, configuration: CockpitConfiguration(recheckInterval: 3600))
        let nation = try await check.snapshot(for: RiskRollupIndex.nationCode)
        let counted = try await db.writer.read {
            try Row.fetchOne(
                $0,
                sql: """
                    SELECT COUNT(*), SUM(amount_at_risk), SUM(severity = 'red') FROM finding
                    WHERE status NOT IN ('shadow', 'suppressed')
                    """)!
        }
        let same =
            nation.totals.findings == counted[0] as Int && nation.totals.amountAtRisk == counted[1] as Int64
            && nation.totals.red == counted[2] as Int
        print("nation snapshot equals GROUP BY over finding: \(same) (\(nation.totals.findings) findings)")
        guard same else { exit(1) }

        // Freshness: the first refresh reads every imported row, the next only new ones (none).
        start = Date()
        let rows = try await db.refreshFreshness()
        print("refreshFreshness first: \(rows) rows in \(ms(since: start)) ms")
        start = Date()
        _ = try await db.refreshFreshness()
        print("refreshFreshness again (nothing new): \(ms(since: start)) ms")

        // Snapshot reads: the regions of the data's findings at every level, round robin.
        let cache = CockpitCache(database: db, configuration: CockpitConfiguration(recheckInterval: 1))
        let counties = try await db.writer.read {
            try String.fetchAll($0, sql: "SELECT DISTINCT region_code FROM finding WHERE region_code IS NOT NULL")
        }
        var regions = Set([RiskRollupIndex.nationCode])
        for county in counties {
            for r in RegionCatalog.shared.ancestors(of: county) { regions.insert(r.code) }
        }
        let list = regions.sorted()
        start = Date()
        for r in list { _ = try await cache.snapshotJSON(for: r) }
        print("cold snapshots: \(list.count) regions in \(ms(since: start)) ms")
        let tasks = 2
        start = Date()
        let deadline = start.addingTimeInterval(seconds)
        let counts = try await withThrowingTaskGroup(of: Int.self) { group in
            for t in 0..<tasks {
                group.addTask {
                    var n = 0
                    var i = t
                    var bytes = 0
                    while Date() < deadline {
                        for _ in 0..<100 {
                            bytes &+= try await cache.snapshotJSON(for: list[i % list.count]).count
                            i += 1
                            n += 1
                        }
                    }
                    return bytes > 0 ? n : 0
                }
            }
            var total = 0
            for try await n in group { total += n }
            return total
        }
        let elapsed = Date().timeIntervalSince(start)
        print(
            "snapshot reads: \(counts) in \(fmt(elapsed * 1000)) ms = \(Int(Double(counts) / elapsed)) reads/s (\(tasks) tasks, \(list.count) regions)"
        )
    }

    static func ms(since start: Date) -> String { fmt(Date().timeIntervalSince(start) * 1000) }
    static func fmt(_ x: Double) -> String { String(format: "%.2f", x) }
    static func median(_ xs: [Double]) -> Double { xs.sorted()[xs.count / 2] }
}
