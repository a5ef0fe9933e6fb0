import Foundation
import Ledger
import Testing

@Suite struct LedgerEntryTests {
    let hash = String(repeating: "ab", count: 32)

    @Test func canonicalJSONIsSortedAndCompact() throws {
        let entry = try LedgerEntry(
            type: .caseEvent, time: Date(timeIntervalSince1970: 1_764_084_072.345), actor: "审计员 \"7\"",
            subject: "case/42\n", payloadSHA256: hash)
        let json = String(decoding: entry.canonicalJSON, as: UTF8.self)
        #expect(
            json
                == #"{"actor":"审计员 \"7\"","payload_sha256":"\#(hash)","subject":"case/42\n","time":"2025-11-25T15:21:12.345Z","type":"case_event"}"#
        )
        #expect(try LedgerEntry(canonicalJSON: entry.canonicalJSON) == entry)
    }

    @Test(arguments: [
        #"{"type":"note","time":"2025-11-25T15:21:12.345Z","actor":"a","subject":"s","payload_sha256":"PAYLOAD"}"#,
        #"{"actor":"a","payload_sha256":"PAYLOAD","subject":"s","time":"2025-11-25T15:21:12.345Z","type":"bogus"}"#,
        #"{"actor":"a","payload_sha256":"abc","subject":"s","time":"2025-11-25T15:21:12.345Z","type":"note"}"#,
        #"{"actor":"a","payload_sha256":"PAYLOAD","subject":"s","time":"2025-13-25T15:21:12.345Z","type":"note"}"#,
        #"{"actor":"a","payload_sha256":"PAYLOAD","subject":"s","time":"2025-11-25T15:21:12.345Z","type":"note","x":"1"}"#,
        #"{"actor":"a", "payload_sha256":"PAYLOAD","subject":"s","time":"2025-11-25T15:21:12.345Z","type":"note"}"#,
        #"[1,2]"#, "not json",
    ])
    func nonCanonicalOrInvalidEntriesAreRejected(json: String) {
        let bytes = Array(json.replacingOccurrences(of: "PAYLOAD", with: hash).utf8)
        #expect(throws: LedgerError(.malformedEntry, "")) { try LedgerEntry(canonicalJSON: bytes) }
    }

    @Test func allTypesRoundTrip() throws {
        for type in LedgerEntry.EntryType.allCases {
            let entry = try LedgerEntry(
                type: type, time: Date(timeIntervalSince1970: 0), actor: "a", subject: "s", payloadSHA256: hash)
            #expect(try LedgerEntry(canonicalJSON: entry.canonicalJSON).type == type)
        }
    }
}
