import Foundation
import Ledger
import Storage
import Testing
import WebApp

@Suite("The server's ledger: checkpoints on an interval, the last one published at shutdown; token scopes")
struct ServingLedgerTests {
    static func servedSize(_ data: String) throws -> UInt64 {
        let text = try String(contentsOfFile: AuditTrail.ledgerDirectory(data: data) + "/checkpoint", encoding: .utf8)
        let body = String(text.split(separator: "\n\n", maxSplits: 1)[0]) + "\n"
        return try Checkpoint(text: body).size
    }

    static func record(_ trail: AuditTrail, _ n: Int) throws {
        try trail.record(AuditTrail.Record(type: .note, actor: "test", subject: "n/\(n)", payload: Data("\(n)".utf8)))
    }

    @Test func withAnIntervalTheServedCheckpointLagsUntilPublishedAndCloseingPublishesTheLast() throws {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("fw-interval-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: data) }
        do {
            let trail = try AuditTrail.openForServing(data: data, checkpointInterval: .seconds(3600))
            try Self.record(trail, 0)
            let first = try Self.servedSize(data)
            for n in 1...5 { try Self.record(trail, n) }
            // Durable (committed) but not yet served: the interval holds the checkpoint back.
            #expect(trail.size == 6)
            #expect(try Self.servedSize(data) == first)
            #expect(first < 6)
            try trail.publishPending()
            #expect(try Self.servedSize(data) == 6)
            #expect(trail.publishedSize == 6)
            try Self.record(trail, 6)
            #expect(try Self.servedSize(data) == 6)
            // Shutdown publishes the rest.
            try trail.close()
            #expect(try Self.servedSize(data) == 7)
        }
        // Nothing was lost: the log opens again at its full size with a valid served checkpoint.
        let reopened = try AuditTrail.open(data: data)
        #expect(reopened.size == 7)
        #expect(String(decoding: try reopened.entry(at: 6), as: UTF8.self).contains("n/6"))
    }

    @Test func everyScopeTheAppChecksIsAcceptedAndUnknownOnesAreNamed() throws {
        let all = try TokenScope.parse(TokenScope.names.joined(separator: " "))
        #expect(all.count == TokenScope.allCases.count)
        for name in [
            "read", "payments:check", "alerts:write", "persons:reveal", "cases:write", "verification:write",
            "verification:answer", "clues:write", "outcomes:write", "rules:write", "admin",
        ] {
            #expect(try TokenScope.parse(name).map(\.rawValue) == [name])
        }
        #expect(try TokenScope.parse("read,cases:write") == [.read, .casesWrite])
        let error = try #require(throws: TokenScopeError.self) { try TokenScope.parse("read case:write everything") }
        #expect(error.unknown == ["case:write", "everything"])
        #expect(error.description.contains("'case:write'"))
        #expect(error.description.contains("verification:answer"))
        #expect(throws: TokenScopeError.self) { try TokenScope.parse("  ") }
    }
}
