import FundWatchCore
import Simulation
import Testing

@Suite("Duplicate registrations")
struct DuplicatePersonSimulationTests {
    static func configuration(duplicates: Double) -> SimulationConfiguration {
        var c = SimulationConfiguration(persons: 2500, seed: 5, regionCode: "371400")
        c.duplicatePersonRate = duplicates
        return c
    }

    @Test("each second registration is a labelled person row under another valid ID, with an enrollment; nothing else changes")
    func secondRegistrationsAreLabelled() async throws {
        let planted = try await SimulatedFiles.make(Self.configuration(duplicates: 0.03))
        let clean = try await SimulatedFiles.make(Self.configuration(duplicates: 0))
        let labels = planted.rows(.personLinks).rows.filter { $0.fields[0] == "person" }
        #expect(labels.count >= 40, "only \(labels.count) second registrations")
        #expect(clean.rows(.personLinks).rows.isEmpty)

        let persons = planted.rows(.record(.person)).rows.map { $0.fields }
        let byKey = Dictionary(persons.map { ($0[0], $0) }, uniquingKeysWith: { a, _ in a })
        let enrolled = Set(planted.rows(.record(.enrollment)).rows.map { $0.fields[0] })
        var kinds = Set<String>()
        var secondKeys = Set<String>()
        for label in labels {
            let (key, trueID, noise) = (label.fields[1], label.fields[2], label.fields[3])
            kinds.insert(noise)
            let fields = key.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            let second = fields[0]
            secondKeys.insert(second)
            // A valid number, not the human's, whose registry row is in person.csv beside the true one.
            let id = try IDNumber(second, today: SimulatedFiles.today)
            #expect(id.value != trueID)
            #expect(byKey[second] == fields)
            let original = try #require(byKey[trueID])
            #expect(original[2] == fields[2], "sex differs")
            #expect(enrolled.contains(second), "no enrollment under the second number")
            let differing = zip(second, trueID).filter { $0 != $1 }.count
            switch noise {
            case "duplicate_sequence": #expect(second.prefix(14) == trueID.prefix(14))
            case "duplicate_region": #expect(second.dropFirst(6).prefix(11) == trueID.dropFirst(6).prefix(11))
            case "duplicate_birth_day":
                #expect(second.prefix(12) == trueID.prefix(12) && second.dropFirst(14).prefix(3) == trueID.dropFirst(14).prefix(3))
            default: Issue.record("unknown noise \(noise)")
            }
            #expect(differing >= 1)
        }
        #expect(kinds == ["duplicate_sequence", "duplicate_region", "duplicate_birth_day"])

        // Their own random stream: without the second rows, the population is byte for byte the same.
        let kept = planted.rows(.record(.person)).rows.filter { !secondKeys.contains($0.fields[0]) }.map(\.fields)
        #expect(kept == clean.rows(.record(.person)).rows.map(\.fields))
        #expect(planted.files[.truth] == clean.files[.truth])
        #expect(planted.files[.record(.benefitPayment)] == clean.files[.record(.benefitPayment)])
    }

    @Test("a rate outside 0…0.2 is refused")
    func rateIsValidated() {
        #expect(throws: SimulationError.self) { try Self.configuration(duplicates: 0.5).validate() }
    }
}
