import FundWatchCore
import Simulation
import Testing

@Suite("Identity noise")
struct IdentityNoiseTests {
    static func configuration(identity: Double) -> SimulationConfiguration {
        var c = SimulationConfiguration(persons: 2500, seed: 5, regionCode: "371400")
        c.identityNoiseRate = identity
        return c
    }

    @Test("every labelled record is in its file with a wrong or missing ID, and nothing else changes")
    func labelledRecordsCarryTheirNoise() async throws {
        let noisy = try await SimulatedFiles.make(Self.configuration(identity: 0.05))
        let clean = try await SimulatedFiles.make(Self.configuration(identity: 0))
        let labels = noisy.rows(.personLinks)
        #expect(labels.header == ["record_kind", "record_key", "id_number", "noise"])
        #expect(labels.rows.count >= 40, "only \(labels.rows.count) labelled records")
        #expect(clean.rows(.personLinks).rows.isEmpty)

        var rowsByKind = [String: Set<String>]()
        for kind in [RecordKind.deathRecord, .custodyRecord, .medicalSettlement] {
            rowsByKind[kind.rawValue] = Set(noisy.rows(.record(kind)).rows.map { $0.fields.joined(separator: "|") })
        }
        var kinds = Set<String>()
        for label in labels.rows {
            let (kind, key, trueID, noise) = (label.fields[0], label.fields[1], label.fields[2], label.fields[3])
            kinds.insert(noise)
            #expect(rowsByKind[kind]?.contains(key) == true, "\(kind) row \(key) not in its file")
            let written = String(key.split(separator: "|", omittingEmptySubsequences: false)[kind == "medical_settlement" ? 1 : 0])
            #expect(written != trueID)
            if noise == "id_missing" {
                #expect(written.isEmpty && kind == "death_record")
            } else {
                // Every single typo or swap fails the GB 11643 check (or the date), so import sets the row aside.
                #expect((try? IDNumber(written, today: SimulatedFiles.today)) == nil, "\(written) still validates")
                #expect(written.count == 18)
                let differing = zip(written, trueID).filter { $0 != $1 }.count
                #expect(noise == "id_typo" ? differing == 1 : differing == 2)
            }
        }
        #expect(kinds.isSuperset(of: ["id_typo", "id_transposed"]))

        // The noise has its own random stream: the rest of the population is byte for byte the same.
        for kind in [RecordKind.person, .enrollment, .benefitPayment, .contribution] {
            #expect(noisy.files[.record(kind)] == clean.files[.record(kind)], "\(kind.fileName) changed")
        }
        #expect(noisy.summary.rows[.record(.medicalSettlement)] == clean.summary.rows[.record(.medicalSettlement)])
        #expect(noisy.files[.truth] == clean.files[.truth])
    }

    @Test("the same seed gives the same labels")
    func deterministic() async throws {
        let a = try await SimulatedFiles.make(Self.configuration(identity: 0.02))
        let b = try await SimulatedFiles.make(Self.configuration(identity: 0.02))
        #expect(a.files[.personLinks] == b.files[.personLinks])
        #expect(a.files[.record(.medicalSettlement)] == b.files[.record(.medicalSettlement)])
    }

    @Test("a rate outside 0…0.2 is refused")
    func rateIsValidated() {
        #expect(throws: SimulationError.self) { try Self.configuration(identity: 0.5).validate() }
    }
}
