import Dashboard
import Foundation
import FundWatchCore
import Storage
import Testing

@Suite struct LiveAlertTests {
    static func alert(_ id: Int64, region: String?) -> LiveAlert {
        LiveAlert(
            findingID: id, ruleID: "pension_after_death", severity: "red", kind: "fraud", regionCode: region,
            idNumber: "370102195001011234", explanation: "张三 于 2025-06-01 死亡，身份证 370102195001011234 仍领取养老金",
            personName: "张三", amountAtRisk: 100_00, riskScore: 70, catalog: Fixtures.catalog)
    }

    @Test func subscribersReceiveTheirSubtreeOnly() async throws {
        let hub = LiveAlertHub(bufferSize: 8)
        let jinan = await hub.subscribe(regionCode: "370100")
        let beijing = await hub.subscribe(regionCode: "110000")
        let nation = await hub.subscribe(regionCode: "000000")
        #expect(await hub.publish(Self.alert(1, region: "370102")) == 2)
        #expect(await hub.publish(Self.alert(2, region: "110101")) == 2)
        #expect(await hub.publish(Self.alert(3, region: nil)) == 1)
        await hub.finish()
        var got: [String: [Int64]] = [:]
        for (name, sub) in [("jinan", jinan), ("beijing", beijing), ("nation", nation)] {
            for await a in sub.alerts { got[name, default: []].append(a.findingID) }
        }
        #expect(got["jinan"] == [1])
        #expect(got["beijing"] == [2])
        #expect(got["nation"] == [1, 2, 3])
    }

    @Test func aSlowSubscriberLosesTheOldestAndTheLossIsCounted() async throws {
        let hub = LiveAlertHub(bufferSize: 3)
        let slow = await hub.subscribe(regionCode: "370000")
        for id in 1...5 { await hub.publish(Self.alert(Int64(id), region: "371482")) }
        #expect(await hub.droppedCount(subscription: slow.id) == 2)
        #expect(await hub.totalDropped == 2)
        await hub.finish()
        var got = [Int64]()
        for await a in slow.alerts { got.append(a.findingID) }
        #expect(got == [3, 4, 5])
    }

    @Test func alertsMaskTheIDAndTheName() {
        let a = Self.alert(1, region: "370102")
        #expect(a.maskedIDNumber == "370102********1234")
        #expect(a.explanation == "张* 于 2025-06-01 死亡，身份证 370102********1234 仍领取养老金")
        #expect(a.regionName == "历下区")
        #expect(PersonalDataMask.name("欧阳修文") == "欧***")
        #expect(PersonalDataMask.name("张") == "*")
    }

    @Test func theWatcherPublishesNewRedFindingsAndQueuesTheirNotifications() async throws {
        let db = try FundWatchDatabase.inMemory()
        try await Fixtures.insert(
            db,
            "INSERT INTO person (batch_id, file_id, line, id_number, name, region_code) VALUES (1, 1, 1, '370102195001011234', '张三', '370102')"
        )
        let hub = LiveAlertHub()
        let sub = await hub.subscribe(regionCode: "370100")
        let endpoint = try WebhookEndpoint(
            name: "sms", url: URL(string: "https://gw.example/hook")!, secret: Data(repeating: 7, count: 32))
        let outbox = NotificationOutbox(database: db, endpoints: [endpoint])
        let watcher = FindingsWatcher(database: db, hub: hub, outbox: outbox, clock: TestClock())
        // The first poll only notes where the table ends: old findings are not news.
        _ = try await db.storeAudit(
            run: Fixtures.run(), rules: [Fixtures.pension],
            findings: [
                Fixtures.finding("370102195001019999", rule: Fixtures.pension, severity: "red", region: "370102")
            ])
        #expect(try await watcher.poll().isEmpty)

        _ = try await db.storeAudit(
            run: Fixtures.run(), rules: [Fixtures.pension],
            findings: [
                Fixtures.finding(
                    "370102195001011234", rule: Fixtures.pension, severity: "red", region: "370102",
                    explanation: "张三 死亡后仍领取养老金"),
                Fixtures.finding("370102195001012345", rule: Fixtures.pension, severity: "orange", region: "370102"),
                Fixtures.finding(
                    "370102195001013456", rule: Fixtures.pension, severity: "red", region: "370102", shadow: true),
            ])
        let published = try await watcher.poll()
        #expect(published.map(\.maskedIDNumber) == ["370102********1234"])
        #expect(published.first?.explanation == "张* 死亡后仍领取养老金")
        #expect(try await watcher.poll().isEmpty)

        var iterator = sub.alerts.makeAsyncIterator()
        #expect(await iterator.next()?.findingID == published[0].findingID)

        let queued = try await db.dueNotifications(at: Date(timeIntervalSince1970: 2_000_000_000))
        #expect(queued.count == 1)
        #expect(queued[0].endpoint == "sms")
        #expect(!queued[0].payload.contains("370102195001011234"))
        #expect(!queued[0].payload.contains("张三"))
        // Queuing the same alert again adds nothing.
        #expect(try await outbox.enqueue(published[0], at: Date()) == 0)
    }
}
