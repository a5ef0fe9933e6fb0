import AuditRules
import Foundation
import FundWatchCore
import GRDB
import Storage
import Testing
@testable import WebApp

/// The payment check's population in memory must answer as the database would, and must never
/// be used once the stored records have moved on.
@Suite("Payment check: the population in memory, used only while the records are unchanged")
struct PaymentPopulationTests {
    static func payment(_ id: IDNumber, _ n: Int) throws -> BenefitPayment {
        let json = #"{"payment_id":"POP-\#(n)","id_number":"\#(id.value)","benefit":"pension","period":"2026-06","amount":300000,"region_code":"370102","bank_account":"62220012345678370102"}"#
        return try PaymentCheckService.payment(fromJSON: Data(json.utf8), today: CivilDate(year: 2026, month: 9, day: 21)!)
    }

    @Test func aCheckUsesThePopulationOnlyWhileTheRecordsAreUnchanged() async throws {
        let world = try await TestWorld()
        let id = try #require(world.persons["370102"])
        let population = PaymentPopulation(database: world.database)
        let service = PaymentCheckService(database: world.database, rules: world.dependencies.rules, population: population)
        let fromDatabase = PaymentCheckService(database: world.database, engine: world.dependencies.rules.engine)

        let built = try await population.refresh()
        #expect(built.persons == 3)
        #expect(built.timeline(for: id)?.person?.name == "张三丰")
        #expect(try await population.current()?.generation == built.generation)
        // Alive: both ways pass the payment alike.
        let first = try await service.check(try Self.payment(id, 1)).decision
        let direct = try await fromDatabase.check(try Self.payment(id, 1)).decision
        #expect(first.action == direct.action)
        #expect(first.findings.map(\.ruleID) == direct.findings.map(\.ruleID))
        #expect(!first.findings.contains { $0.ruleID == "pension_after_death" })

        // A death is recorded: the generation moves, the old population is not used, and the
        // very next check sees the death (from the database) while a rebuild starts.
        try await world.database.writer.write { db in
            try db.execute(
                sql: "INSERT INTO death_record (batch_id, file_id, line, id_number, death_date, source) VALUES (0, 0, 1, ?, '2026-01-10', 'civil_affairs')",
                arguments: [id.value])
        }
        #expect(try await world.database.recordsGeneration() != built.generation)
        let after = try await service.check(try Self.payment(id, 2)).decision
        #expect(after.action == .block)
        #expect(after.findings.contains { $0.ruleID == "pension_after_death" })

        // Rebuilt, the population holds the death and answers as the database does.
        let rebuilt = try await population.refresh()
        let now = try await world.database.recordsGeneration()
        #expect(rebuilt.generation == now)
        #expect(try await population.current() != nil)
        let fromMemory = try await service.check(try Self.payment(id, 3)).decision
        let fromRows = try await fromDatabase.check(try Self.payment(id, 3)).decision
        #expect(fromMemory.action == .block)
        #expect(fromMemory.findings.map(\.ruleID) == fromRows.findings.map(\.ruleID))
    }

    @Test func aStalePopulationStartsARebuildInTheBackground() async throws {
        let world = try await TestWorld()
        let population = PaymentPopulation(database: world.database)
        // Never built: nil, and a build starts.
        #expect(try await population.current() == nil)
        for _ in 0..<200 where population.latest == nil { try await Task.sleep(for: .milliseconds(20)) }
        let latest = try #require(population.latest)
        #expect(latest.persons == 3)
        #expect(try await population.current() != nil)
    }
}
