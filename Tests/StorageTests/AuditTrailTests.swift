import Foundation
import Ledger
import Storage
import Testing

@Suite struct AuditTrailTests {
    @Test func recordsSurviveReopeningAndHoldOnlyTheHash() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("trail-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let clock = LedgerClock.fixed(Date(timeIntervalSince1970: 1_764_000_000))
        do {
            let trail = try AuditTrail.open(data: folder, clock: clock)
            let range = try trail.record([
                .init(type: .finding, actor: "fundwatch audit", subject: "pension_after_death/1", payload: Array("秘密".utf8)),
                .init(type: .ruleVersion, actor: "fundwatch audit", subject: "pension_after_death@1", payload: [1, 2, 3]),
            ])
            #expect(range == 0..<2)
        }
        let reopened = try AuditTrail.open(data: folder, clock: clock)
        #expect(reopened.size == 2)
        let entry = try LedgerEntry(canonicalJSON: try reopened.entry(at: 0))
        #expect(entry.type == .finding)
        #expect(entry.payloadSHA256 == AuditTrail.sha256Hex(Array("秘密".utf8)))
        #expect(!String(decoding: try reopened.entry(at: 0), as: UTF8.self).contains("秘密"))
        #expect(try reopened.record(.init(type: .note, actor: "t", subject: "s", payload: [0])) == 2)
        #expect(try reopened.inclusionProof(index: 1).treeSize == 3)
    }
}
