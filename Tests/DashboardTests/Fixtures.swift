import Dashboard
import Foundation
import FundWatchCore
import GRDB
import Storage

/// Findings and records built in code for the dashboard tests.
enum Fixtures {
    static let catalog = RegionCatalog.shared
    static let startedAt = Date(timeIntervalSince1970: 1_772_668_800)  // 2026-03-05T00:00:00Z

    static func rule(_ id: String, version: Int = 1) -> RuleVersionInput {
        RuleVersionInput(
            ruleID: id, version: version, sha256: String(repeating: "\(version)", count: 64), status: "active",
            title: "规则 \(id)")
    }

    static func finding(
        _ idNumber: String, rule: RuleVersionInput, severity: String = "red", amount: Int64 = 100_00,
        risk: Double = 70.5, region: String? = "370102", shadow: Bool = false, explanation: String = "张三 死亡后仍领取养老金"
    ) -> FindingInput {
        FindingInput(
            ruleID: rule.ruleID, ruleVersion: rule.version, idNumber: idNumber, kind: "fraud", severity: severity,
            score: 0, riskScore: risk, amountAtRisk: amount, records: ["P1"], explanation: explanation,
            regionCode: region, shadow: shadow,
            payload: Data("{\"id\":\"\(idNumber)\",\"s\":\"\(severity)\",\"a\":\(amount)}".utf8))
    }

    static func run(at date: Date = startedAt) -> AuditRunInput {
        AuditRunInput(startedAt: date, asOf: CivilDate("2026-03-01")!, actor: "test", persons: 10, failures: 0)
    }

    static let pension = rule("pension_after_death")
    static let medical = rule("medical_during_custody")

    /// Six findings: three in 历下区, one in 市中区 (both 济南), one in 禹城 (德州), one in 东城 (北京),
    /// one without a region, and a shadow one in 历下区 that must not count.
    static func sampleFindings() -> [FindingInput] {
        [
            finding("370102195001011234", rule: pension, severity: "red", amount: 500_00, risk: 80, region: "370102"),
            finding(
                "370102195001012345", rule: pension, severity: "orange", amount: 200_00, risk: 45.25, region: "370102"),
            finding(
                "370102195001013456", rule: medical, severity: "yellow", amount: 10_00, risk: 12.5, region: "370102"),
            finding("370103195001011234", rule: medical, severity: "red", amount: 300_00, risk: 75, region: "370103"),
            finding("371482195001011234", rule: pension, severity: "red", amount: 1_000_00, risk: 90, region: "371482"),
            finding(
                "110101195001011234", rule: pension, severity: "orange", amount: 50_00, risk: 33.3, region: "110101"),
            finding("999999195001011234", rule: medical, severity: "yellow", amount: 1_00, risk: 5, region: nil),
            finding(
                "370102195001019999", rule: medical, severity: "red", amount: 9_999_00, risk: 99, region: "370102",
                shadow: true),
        ]
    }

    /// A database with the sample findings stored by one audit run.
    static func databaseWithFindings() async throws -> FundWatchDatabase {
        let db = try FundWatchDatabase.inMemory()
        _ = try await db.storeAudit(run: run(), rules: [pension, medical], findings: sampleFindings())
        return db
    }

    /// Inserts raw canonical rows (test-only shortcut past the importer).
    static func insert(_ db: FundWatchDatabase, _ sql: String, _ arguments: StatementArguments = []) async throws {
        try await db.writer.write { try $0.execute(sql: sql, arguments: arguments) }
    }

    /// A person row and a death record for a county.
    static func addPersonAndDeath(_ db: FundWatchDatabase, id: String, region: String, died: String) async throws {
        try await insert(
            db,
            "INSERT INTO person (batch_id, file_id, line, id_number, name, region_code) VALUES (1, 1, 1, ?, '李四', ?)",
            [id, region])
        try await insert(
            db,
            "INSERT INTO death_record (batch_id, file_id, line, id_number, death_date, source) VALUES (1, 1, 1, ?, ?, 'civil_affairs')",
            [id, died])
    }
}

/// A clock the test moves by hand; sleeping advances it.
final class TestClock: DashboardClock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    init(_ start: Date = Date(timeIntervalSince1970: 1_772_668_800)) { current = start }

    func now() -> Date { lock.withLock { current } }

    func advance(_ seconds: Double) { lock.withLock { current = current.addingTimeInterval(seconds) } }

    func sleep(seconds: Double) async throws {
        try Task.checkCancellation()
        advance(seconds)
        await Task.yield()
    }
}

/// SplitMix64: a seeded generator so jitter repeats.
struct SeededRandom: RandomNumberGenerator, Sendable {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
