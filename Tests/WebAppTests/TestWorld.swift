import NIOCore
import HTTPTypes
import Crypto
import Foundation
import FundWatchCore
import GRDB
import Hummingbird
import HummingbirdTesting
import Storage
import Testing
import WebApp

/// A clock tests move by hand.
final class ManualClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    init(_ start: Date) { current = start }

    var now: Date { lock.withLock { current } }
    func advance(_ seconds: TimeInterval) { lock.withLock { current += seconds } }
    var webClock: WebClock { WebClock { [self] in now } }
}

/// One small world for the web tests: two counties of Jinan (历下 370102, 市中 370103) and one of
/// Qingdao (市南 370202), a person with findings in each, users of every role, a ledger in a
/// temporary folder, a fixed clock and seeded randomness.
struct TestWorld {
    static let start = Date(timeIntervalSince1970: 1_790_000_000)  // 2026-09-21
    static let password = "correct horse battery"

    let database: FundWatchDatabase
    let trail: AuditTrail
    let folder: String
    let clock: ManualClock
    let configuration: WebConfiguration
    let dependencies: WebDependencies
    /// Persons by county: 370102 → 张三丰, 370103 → 李四, 370202 → 王五.
    let persons: [String: IDNumber]
    /// The finding (alert) ids by county and severity, e.g. `"370102.red"`.
    let alerts: [String: Int64]

    init(cockpit: (any CockpitDataSource)? = nil) async throws {
        let database = try FundWatchDatabase.inMemory()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fw-web-\(UUID().uuidString)").path
        let clock = ManualClock(Self.start)
        let trail = try AuditTrail.open(data: folder)
        let today = CivilDate(year: 2026, month: 9, day: 21)!
        var persons = [String: IDNumber]()
        let names = ["370102": "张三丰", "370103": "李四", "370202": "王五"]
        for (i, county) in ["370102", "370103", "370202"].enumerated() {
            persons[county] = IDNumber(region: county, birthDate: CivilDate(year: 1950, month: 3, day: 1 + i)!, sequence: 11 + i)
        }
        let seeded = persons
        try await database.writer.write { db in
            for (county, id) in seeded {
                try db.execute(
                    sql: "INSERT INTO person (batch_id, file_id, line, id_number, name, sex, birth_date, region_code) VALUES (0, 0, 1, ?, ?, 'male', ?, ?)",
                    arguments: [id.value, names[county], id.birthDate.description, county])
                try db.execute(
                    sql: "INSERT INTO bank_account (batch_id, file_id, line, account, holder_id_number) VALUES (0, 0, 1, ?, ?)",
                    arguments: ["62220012345678\(county)", id.value])
            }
        }
        var findings = [FindingInput]()
        for (county, id) in persons {
            for severity in ["red", "yellow"] {
                findings.append(
                    FindingInput(
                        ruleID: severity == "red" ? "pension_after_death" : "test_yellow", ruleVersion: 1, idNumber: id.value,
                        kind: "fraud", severity: severity, score: 0, riskScore: severity == "red" ? 0.9 : 0.3,
                        amountAtRisk: 300_000,
                        records: ["benefit_payment:P-\(county)"],
                        explanation: "\(names[county]!) 死亡后仍领取养老金，汇入账户 62220012345678\(county)，身份证 \(id.value)",
                        regionCode: county, shadow: false, payload: Data("\(county)-\(severity)".utf8)))
            }
        }
        _ = try await database.storeAudit(
            run: AuditRunInput(startedAt: Self.start, asOf: today, actor: "test", persons: 3, failures: 0),
            rules: [
                RuleVersionInput(ruleID: "pension_after_death", version: 1, sha256: String(repeating: "a", count: 64), status: "active", title: "死亡后继续领取养老金"),
                RuleVersionInput(ruleID: "test_yellow", version: 1, sha256: String(repeating: "b", count: 64), status: "active", title: "测试黄色规则"),
            ],
            findings: findings)
        var alerts = [String: Int64]()
        for f in try await database.findings() {
            alerts["\(f.regionCode!).\(f.severity)"] = f.id
        }
        let accounts = UserAccounts(database: database, random: .seeded(7), bcryptCost: 4)
        let users: [(String, UserRole, String)] = [
            ("lixia.auditor", .auditor, "370102"), ("lixia.auditor2", .auditor, "370102"),
            ("lixia.reviewer", .reviewer, "370102"), ("lixia.supervisor", .supervisor, "370102"),
            ("shizhong.auditor", .auditor, "370103"), ("jinan.leader", .leader, "370100"),
            ("jinan.reviewer", .reviewer, "370100"), ("province.liaison", .liaison, "370000"),
            ("nation.admin", .admin, "000000"), ("nation.leader", .leader, "000000"),
        ]
        for (name, role, region) in users {
            try await accounts.add(
                username: name, displayName: name, role: role, regionCode: region, password: Self.password, at: Self.start)
        }
        self.database = database
        self.trail = trail
        self.folder = folder
        self.clock = clock
        self.persons = persons
        self.alerts = alerts
        self.configuration = WebConfiguration(secureCookies: true, bcryptCost: 4)
        self.dependencies = WebDependencies(
            database: database, trail: trail, ledgerDirectory: AuditTrail.ledgerDirectory(data: folder),
            rules: try RuleLibrary.builtIn(), cockpit: cockpit, clock: clock.webClock, random: .seeded(42),
            personKey: SymmetricKey(data: [UInt8](repeating: 9, count: 32)))
    }

    func router() async throws -> Router<AppRequestContext> {
        try await buildRouter(configuration: configuration, dependencies: dependencies)
    }

    /// Runs `body` against the router through Hummingbird's in-process test client.
    func test(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let app = Application(router: try await router())
        try await app.test(.router, body)
        // As `serve` does at shutdown: payment decisions answered are durable before anyone looks.
        await dependencies.finishLedgerRecords(timeout: .seconds(10))
    }

    /// An API token for a user with scopes.
    func token(_ username: String, scopes: Set<String> = ["read"]) async throws -> String {
        let user = try #require(try await database.userForSignIn(username: username)).user
        // Seeded by the name's FNV-1a hash, so two users never get the same token.
        let seed = username.utf8.reduce(UInt64(14_695_981_039_346_656_037)) { ($0 ^ UInt64($1)) &* 1_099_511_628_211 }
        return try await UserAccounts(database: database, random: .seeded(seed), bcryptCost: 4)
            .issueToken(for: user, name: "test", scopes: scopes, at: Self.start)
    }
}

/// A signed-in browser: its session cookie and the CSRF token its pages carry.
struct Browser: Sendable {
    let cookie: String
    let csrf: String

    var headers: HTTPFields { [.cookie: cookie] }

    func formHeaders() -> HTTPFields {
        [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"]
    }
}

extension TestClientProtocol {
    /// Signs in through the form and reads the CSRF token from the sign-out form of the next page.
    func signIn(_ username: String, password: String = TestWorld.password) async throws -> Browser {
        let body = "username=\(username)&password=\(password.replacingOccurrences(of: " ", with: "+"))&next=%2Fimports"
        let cookie = try await execute(
            uri: "/signin", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
            body: ByteBuffer(string: body)
        ) { response in
            #expect(response.status == .seeOther)
            let setCookie = try #require(response.headers[.setCookie])
            return String(setCookie.split(separator: ";")[0])
        }
        let csrf = try await execute(uri: "/imports", method: .get, headers: [.cookie: cookie]) { response in
            let html = String(buffer: response.body)
            let marker = "name=\"_csrf\" value=\""
            let start = try #require(html.range(of: marker)).upperBound
            return String(html[start...].prefix { $0 != "\"" })
        }
        return Browser(cookie: cookie, csrf: csrf)
    }

    func json(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
    }
}

extension TestClientProtocol {
    /// The `code` of a JSON error body (nil when the body is not one).
    func code(_ response: TestResponse) -> String? {
        (try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])?["code"] as? String
    }
}
