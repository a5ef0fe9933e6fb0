import Foundation
import FundWatchCore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Storage
import Testing
import WebApp

/// Each level's cockpit shows the case flow and what is overdue below it: the city sees its two
/// counties' cases this month, open, overdue and supervised-overdue, and the recovery rate; a
/// county sees only its own — on the page and as `cases` in the dashboard JSON.
@Suite struct CaseCockpitTests {
    @Test func theCityCockpitShowsItsCountiesCaseFlowAndOverdueCases() async throws {
        let world = try await TestWorld()
        let t = try await CaseAPITests.Tokens(world)
        let shizhongAlert = try #require(world.alerts["370103.red"])
        try await world.test { client in
            // 历下区: a decided case recovering 3,000 yuan, 1,200 received.
            let lixiaCase = try await CaseEnforcementPagesTests.decidedCase(client, world, t)
            let (rs, recovery) = try await CaseAPITests.post(
                client, "/api/v1/cases/\(lixiaCase)/measures", t.auditor, #"{"command": "start_recovery", "owed": 300000}"#)
            #expect(rs == .ok)
            let rid = try #require(recovery["measure_id"] as? Int)
            let (ps, _) = try await CaseAPITests.post(
                client, "/api/v1/cases/\(lixiaCase)/recoveries/\(rid)/payments", t.auditor,
                #"{"amount": 120000, "received_on": "2026-09-21"}"#)
            #expect(ps == .created)
            // 市中区: a clue the city supervises, with a deadline that passes.
            let (os, opened) = try await CaseAPITests.post(client, "/api/v1/cases", t.shizhong, #"{"alert_ids": [\#(shizhongAlert)]}"#)
            #expect(os == .created)
            let shizhongCase = try #require(opened["id"] as? String)
            let deadline = ISO8601DateFormatter().string(from: world.clock.now.addingTimeInterval(5 * 86_400))
            let (ss, _) = try await CaseAPITests.post(
                client, "/api/v1/cases/\(shizhongCase)/transitions", t.cityLeader,
                #"{"action": "supervise", "deadline": "\#(deadline)", "expected_version": 1}"#)
            #expect(ss == .ok)

            func cases(_ token: String) async throws -> [String: Any] {
                let (s, body) = try await CaseAPITests.get(client, "/api/v1/dashboard?cases=true", token)
                #expect(s == .ok)
                // The cockpit's own figures are still there beside the new member.
                #expect(body["total_findings"] != nil && body["children"] != nil)
                return try #require(body["cases"] as? [String: Any])
            }
            func child(_ flow: [String: Any], _ code: String) throws -> [String: Any] {
                try #require((flow["children"] as? [[String: Any]])?.first { $0["code"] as? String == code })
            }
            var city = try await cases(t.cityLeader)
            #expect(city["period"] as? String == "2026-09")
            var region = try #require(city["region"] as? [String: Any])
            #expect(region["code"] as? String == "370100")
            #expect(region["opened"] as? Int == 2 && region["open"] as? Int == 2 && region["closed"] as? Int == 0)
            #expect(region["overdue_supervised"] as? Int == 0 && region["overdue"] as? Int == 0)
            #expect(region["recovery_rate"] as? Double == 0.4)
            let lixia = try child(city, "370102")
            #expect(lixia["open"] as? Int == 1 && lixia["owed"] as? Int == 300_000 && lixia["recovered"] as? Int == 120_000)
            #expect(try child(city, "370103")["recovery_rate"] == nil)

            // Two weeks on: the supervision deadline and the tasks' deadlines have passed.
            world.clock.advance(14 * 86_400)
            city = try await cases(t.cityLeader)
            region = try #require(city["region"] as? [String: Any])
            #expect(region["overdue_supervised"] as? Int == 1)
            #expect(try child(city, "370103")["overdue_supervised"] as? Int == 1)
            #expect(try child(city, "370102")["overdue_supervised"] as? Int == 0)
            #expect(try child(city, "370103")["overdue"] as? Int == 1)

            // Without `cases=true` the cockpit's cached JSON goes out as it is.
            #expect(try await CaseAPITests.get(client, "/api/v1/dashboard", t.cityLeader).1["cases"] == nil)

            // A county sees itself only.
            let county = try await cases(t.auditor)
            let own = try #require(county["region"] as? [String: Any])
            #expect(own["code"] as? String == "370102" && own["open"] as? Int == 1 && own["overdue_supervised"] as? Int == 0)
            #expect((county["children"] as? [Any])?.isEmpty == true)

            // The page: the section with a row for the city and one per county, in Chinese.
            let leader = try await client.signIn("jinan.leader")
            try await client.execute(uri: "/", method: .get, headers: leader.headers) { response in
                #expect(response.status == .ok)
                let html = String(buffer: response.body)
                #expect(html.contains("id=\"cockpit-cases\"") && html.contains("案件办理") && html.contains("督办超期"))
                #expect(html.contains("<td>历下区</td>") && html.contains("<td>市中区</td>") && html.contains("40.0%"))
            }
            let auditor = try await client.signIn("lixia.auditor")
            try await client.execute(uri: "/", method: .get, headers: auditor.headers) { response in
                let html = String(buffer: response.body)
                #expect(html.contains("id=\"cockpit-cases\"") && !html.contains("<td>市中区</td>"))
            }
        }
    }
}
