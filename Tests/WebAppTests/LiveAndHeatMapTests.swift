import Dashboard
import Foundation
import FundWatchCore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Storage
import Testing
import WebApp

@Suite("Cockpit heat map and live red alerts")
struct LiveAndHeatMapTests {
    @Test func theCockpitDrawsTheHeatMapOfItsChildrenWithDrillDownLinks() async throws {
        let world = try await TestWorld()
        try await world.test { client in
            let browser = try await client.signIn("jinan.leader")
            try await client.execute(uri: "/", method: .get, headers: browser.headers) { response in
                #expect(response.status == .ok)
                let html = String(buffer: response.body)
                #expect(html.contains("<svg"))
                #expect(html.contains("class=\"heatmap\""))
                // Each child county is a link one level down, with its name as the tooltip.
                #expect(html.contains("<a href=\"/cockpit/370102\" class=\"heatmap-region\""))
                #expect(html.contains("数据新鲜度"))
                // Nothing in the map runs script (the CSP forbids inline script anyway).
                #expect(!html.contains("<script>"))
                #expect(!html.contains("onclick"))
            }
            try await client.execute(uri: "/api/v1/dashboard", method: .get, headers: browser.headers) { response in
                #expect(response.status == .ok)
                let json = try client.json(response)
                #expect(json["total_findings"] as? Int == 4)
            }
        }
    }

    @Test func aNewRedFindingIsPushedToUsersOfItsRegionOnly() async throws {
        let world = try await TestWorld()
        let lixia = try #require(world.persons["370102"])
        let qingdao = try #require(world.persons["370202"])
        // The first poll marks where "new" starts: what is stored already is not news.
        try await world.dependencies.watcher.poll()
        try await world.test { client in
            let token = try await world.token("lixia.auditor")
            async let stream: String = client.execute(
                uri: "/api/v1/alerts/live", method: .get, headers: [.authorization: "Bearer \(token)"]
            ) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("text/event-stream") == true)
                return String(buffer: response.body)
            }
            var waited = 0
            while await world.dependencies.live.subscriberCount == 0 && waited < 1_000 {
                try await Task.sleep(nanoseconds: 5_000_000)
                waited += 1
            }
            try #require(await world.dependencies.live.subscriberCount == 1)
            var findings = [FindingInput]()
            for (county, id) in [("370102", lixia), ("370202", qingdao)] {
                findings.append(
                    TestWorld.custodyFinding(
                        idNumber: id.value, regionCode: county, record: "Q-\(county)", payload: "live-\(county)",
                        explanation: "服刑期间领取养老金，身份证 \(id.value)"))
            }
            try await world.storeCustodyAudit(findings)
            let published = try await world.dependencies.watcher.poll()
            #expect(published.count == 2)
            await world.dependencies.live.finish()
            let events = try await stream
            let alertEvents = events.components(separatedBy: "event: alert").count - 1
            #expect(alertEvents == 1)
            #expect(events.contains("pension_in_custody"))
            #expect(events.contains("\"regionCode\":\"370102\""))
            #expect(!events.contains("370202"))
            // Personal data stays masked in what is pushed.
            #expect(!events.contains(lixia.value))
            #expect(events.contains(String(lixia.value.suffix(4))))
        }
    }

    @Test func theLiveStreamNeedsCredentials() async throws {
        let world = try await TestWorld()
        try await world.test { client in
            try await client.execute(uri: "/api/v1/alerts/live", method: .get) { response in
                #expect(response.status == .unauthorized)
            }
        }
    }
}
