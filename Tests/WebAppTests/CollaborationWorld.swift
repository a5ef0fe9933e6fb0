import Casework
import Collaboration
import Foundation
import FundWatchCore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Storage
import Testing
import WebApp

/// The collaboration side of the test world: liaisons of Qingdao's civil affairs and public
/// security, an auditor of 市南区 (370202), and helpers to call the API with tokens.
struct CollaborationWorld {
    let world: TestWorld
    /// Tokens by username.
    let tokens: [String: String]
    /// The subject of the requests: 张三丰, a 历下区 pensioner.
    var subjectID: String { world.persons["370102"]!.value }

    static let scopes: Set<String> = [
        "read", "verification:write", "verification:answer", "clues:write", "outcomes:write",
    ]

    init() async throws {
        let world = try await TestWorld()
        let accounts = UserAccounts(database: world.database, random: .seeded(99), bcryptCost: 4)
        for (name, role, region) in [
            ("qingdao.civil", UserRole.liaison, "370200"), ("qingdao.police", .liaison, "370200"),
            ("qingdao.nodept", .liaison, "370200"), ("shinan.auditor", .auditor, "370202"),
        ] {
            try await accounts.add(
                username: name, displayName: name, role: role, regionCode: region, password: TestWorld.password,
                at: TestWorld.start)
        }
        var tokens = [String: String]()
        for (i, name) in [
            "lixia.auditor", "lixia.reviewer", "lixia.supervisor", "shizhong.auditor", "jinan.leader", "qingdao.civil",
            "qingdao.police", "qingdao.nodept", "shinan.auditor", "nation.admin", "province.liaison",
        ].enumerated() {
            let user = try #require(try await world.database.userForSignIn(username: name)).user
            tokens[name] = try await UserAccounts(database: world.database, random: .seeded(1000 + UInt64(i)), bcryptCost: 4)
                .issueToken(for: user, name: "collab-test", scopes: Self.scopes, at: TestWorld.start)
        }
        self.world = world
        self.tokens = tokens
    }

    func headers(_ user: String) -> HTTPFields {
        [.authorization: "Bearer \(tokens[user]!)", .contentType: "application/json"]
    }

    /// Calls the API as `user` and returns the status and the JSON body.
    @discardableResult
    func call(
        _ client: some TestClientProtocol, _ method: HTTPRequest.Method, _ uri: String, as user: String,
        json: String? = nil
    ) async throws -> (HTTPResponse.Status, [String: Any]) {
        try await client.execute(
            uri: uri, method: method, headers: headers(user), body: json.map { ByteBuffer(string: $0) }
        ) { response in
            let body = (try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView))) as? [String: Any]
            return (response.status, body ?? [:])
        }
    }

    /// A case of 历下区 about the subject, opened by hand by its auditor (requests are sent
    /// from cases the sender's region holds).
    func openCase(_ title: String = "协查测试案件", region: String = "370102") async throws -> String {
        try await world.database.openCase(
            NewCase(regionCode: region, caseType: "pension_after_death", title: title, personIDNumber: subjectID),
            by: CaseActor(name: region == "370102" ? "user/lixia.auditor" : "user/shizhong.auditor", role: .auditor, regionCode: region),
            in: try #require(RegionScope(code: region)), at: world.clock.now, trail: world.trail
        ).id
    }

    /// The JSON of a new death-status request from 历下区 to 青岛市南区's civil affairs.
    func deathRequestJSON(caseID: String) -> String {
        #"{"case_id": "\#(caseID)", "kind": "death_status", "addressee_region": "370202", "subject": {"id_number": "\#(subjectID)", "name": "张三丰"}, "send": true}"#
    }

    /// Names the departments of the two Qingdao liaisons, as an administrator does.
    func assignDepartments(_ client: some TestClientProtocol) async throws {
        let (s1, _) = try await call(client, .put, "/api/v1/liaisons/qingdao.civil", as: "nation.admin", json: #"{"department": "civil_affairs"}"#)
        #expect(s1 == .ok)
        let (s2, _) = try await call(client, .put, "/api/v1/liaisons/qingdao.police", as: "nation.admin", json: #"{"department": "public_security"}"#)
        #expect(s2 == .ok)
    }
}
