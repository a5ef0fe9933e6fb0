import Collaboration
import Foundation
import FundWatchCore
import Testing

@Suite("Structured answers as JSON")
struct FindingCodingTests {
    static let cases: [(VerificationFinding, String)] = [
        (.death(.dead(on: CivilDate(year: 2026, month: 5, day: 3)!)), #"{"date":"2026-05-03","kind":"death_status","status":"dead"}"#),
        (.death(.alive), #"{"kind":"death_status","status":"alive"}"#),
        (.death(.unknown), #"{"kind":"death_status","status":"unknown"}"#),
        (.identity(.valid(nameMatches: false)), #"{"kind":"identity_check","nameMatches":false,"status":"valid"}"#),
        (.identity(.cancelled(on: nil)), #"{"kind":"identity_check","status":"cancelled"}"#),
        (.identity(.notFound), #"{"kind":"identity_check","status":"not_found"}"#),
        (
            .custody(.inCustody(from: CivilDate(year: 2025, month: 1, day: 2)!, until: CivilDate(year: 2027, month: 1, day: 1)!)),
            #"{"from":"2025-01-02","kind":"custody_status","status":"in_custody","until":"2027-01-01"}"#
        ),
        (.custody(.notInCustody), #"{"kind":"custody_status","status":"not_in_custody"}"#),
        (.text("已核实"), #"{"kind":"generic","text":"已核实"}"#),
    ]

    @Test(arguments: 0..<cases.count)
    func roundTrips(_ index: Int) throws {
        let (finding, json) = Self.cases[index]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        #expect(String(decoding: try encoder.encode(finding), as: UTF8.self) == json)
        #expect(try JSONDecoder().decode(VerificationFinding.self, from: Data(json.utf8)) == finding)
    }

    @Test func badStatusNamesTheAllowedOnes() {
        let error = #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(VerificationFinding.self, from: Data(#"{"kind":"death_status","status":"deceased"}"#.utf8))
        }
        #expect(String(describing: error).contains("dead, alive, unknown"))
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(VerificationFinding.self, from: Data(#"{"kind":"death_status","status":"dead"}"#.utf8))
        }
    }
}
