import Foundation
import FundWatchCore
import Simulation
import Testing

/// One population shared by the tests that only read it: 3,000 persons with every scheme and
/// kind of noise forced up to 1 %.
enum Fixture {
    static let configuration: SimulationConfiguration = {
        var c = SimulationConfiguration(persons: 3000, seed: 20_261_125, fraudRate: 0.01, noiseRate: 0.01)
        c.windowMonths = 24
        return c
    }()
    static let files = Task { try await SimulatedFiles.make(configuration) }
    static let population = Task { try Population(await files.value) }
}

@Suite("Simulation determinism")
struct DeterminismTests {
    @Test("the same seed gives byte-identical files, across several chunks")
    func sameSeedSameBytes() async throws {
        let configuration = SimulationConfiguration(persons: SimulationConfiguration.chunkSize * 2 + 300, seed: 7)
        let a = try await SimulatedFiles.make(configuration)
        let b = try await SimulatedFiles.make(configuration)
        for file in SimulationFile.all {
            #expect(a.files[file] == b.files[file], "\(file.fileName) differs between two runs with the same seed")
            #expect((a.files[file]?.count ?? 0) > 0, "\(file.fileName) is missing")
        }
        #expect(a.summary == b.summary)
        #expect(a.summary.rows[.record(.person)] == configuration.persons)
    }

    @Test("a different seed gives a different population")
    func differentSeedDifferentBytes() async throws {
        let a = try await SimulatedFiles.make(SimulationConfiguration(persons: 500, seed: 1))
        let b = try await SimulatedFiles.make(SimulationConfiguration(persons: 500, seed: 2))
        for kind in [RecordKind.person, .enrollment, .benefitPayment, .medicalSettlement, .bankAccount] {
            #expect(a.files[.record(kind)] != b.files[.record(kind)], "\(kind.fileName) is the same for seeds 1 and 2")
        }
    }

    @Test("the random generator repeats from its seed and stays in range")
    func randomRepeats() {
        var a = SimulationRandom(seed: 42, 1, 2)
        var b = SimulationRandom(seed: 42, 1, 2)
        var c = SimulationRandom(seed: 42, 1, 3)
        let xs = (0..<100).map { _ in a.next() }
        #expect(xs == (0..<100).map { _ in b.next() })
        #expect(xs != (0..<100).map { _ in c.next() })
        var counts = [Int](repeating: 0, count: 7)
        for _ in 0..<70_000 {
            let v = a.int(in: 3...9)
            #expect((3...9).contains(v))
            counts[v - 3] += 1
        }
        #expect(counts.allSatisfy { (9_000...11_000).contains($0) }, "uneven draws: \(counts)")
    }
}

@Suite("Simulated files are canonical CSV")
struct CanonicalOutputTests {
    @Test("every file has the canonical header and every row reads back through the Core types")
    func everyRowParses() async throws {
        let files = try await Fixture.files.value
        for file in SimulationFile.all {
            #expect(files.rows(file).header == file.header, "\(file.fileName) header")
        }
        #expect(try files.records(Person.self).count == 3000)
        #expect(try !files.records(Enrollment.self).isEmpty)
        #expect(try !files.records(Contribution.self).isEmpty)
        let benefits = Set(try files.records(BenefitPayment.self).map(\.benefit))
        #expect(benefits == [.pension, .unemployment, .funeral, .injuryAllowance, .maternity, .survivor])
        #expect(try !files.records(MedicalSettlement.self).isEmpty)
        #expect(try !files.records(InjuryClaim.self).isEmpty)
        #expect(try !files.records(DeathRecord.self).isEmpty)
        #expect(try !files.records(CustodyRecord.self).isEmpty)
        #expect(try !files.records(EmploymentRecord.self).isEmpty)
        #expect(try !files.records(BankAccount.self).isEmpty)
        #expect(try !files.records(Institution.self).isEmpty)
        #expect(try !files.records(Staff.self).isEmpty)
        #expect(try !files.records(QualificationCheck.self).isEmpty)
    }

    @Test("rows are exactly what CSVWriter writes for the records' fieldValues", arguments: RecordKind.allCases)
    func bytesMatchCSVWriter(kind: RecordKind) async throws {
        let files = try await Fixture.files.value
        let (header, rows) = files.rows(.record(kind))
        var columns = [String: Int]()
        for (i, name) in header.enumerated() { columns[name] = i }
        let fifteen = files.truth().filter { $0.scheme == NoiseKind.fifteenDigitID.rawValue }.map {
            String($0.id.prefix(6)) + String($0.id.dropFirst(8).prefix(9))
        }
        let fifteenSet = Set(fifteen)
        var mismatches = 0
        for row in rows {
            let record = try kind.recordType.init(
                row: CanonicalRow(columns: columns, values: row.fields, today: SimulatedFiles.today))
            if row.fields.contains(where: { fifteenSet.contains($0) }) { continue }  // upgraded to 18 digits on reading
            var expected = CSVWriter()
            expected.write(row: record.fieldValues)
            var actual = CSVWriter()
            actual.write(row: row.fields)
            if expected.bytes != actual.bytes { mismatches += 1 }
        }
        #expect(mismatches == 0, "\(kind.fileName): \(mismatches) rows are not canonical")
    }

    @Test("ID numbers are valid, unique, and agree with the person's birth date and sex")
    func idNumbersAgree() async throws {
        let files = try await Fixture.files.value
        // Planted identity fraud: numbers from no region, or with an altered birth date.
        let altered = Set(
            files.truth().filter {
                $0.scheme == FraudScheme.invalidIDEnrollment.rawValue || $0.scheme == FraudScheme.identityMismatch.rawValue
            }.map(\.id))
        #expect(!altered.isEmpty)
        let persons = try files.records(Person.self).filter { !altered.contains($0.idNumber.value) }
        #expect(Set(persons.map(\.idNumber)).count == persons.count)
        for p in persons {
            #expect(p.idNumber.birthDate == p.birthDate)
            #expect(p.idNumber.sex == p.sex)
            #expect(p.birthDate! <= files.configuration.lastDay)
            #expect(RegionCatalog.shared.contains("370000", p.regionCode!))
        }
        #expect(persons.allSatisfy { RegionCatalog.shared.region($0.idNumber.issuingRegion)?.level == .county })
        // Most numbers were issued where the holder lives.
        let local = persons.filter { $0.idNumber.issuingRegion == $0.regionCode }.count
        #expect(Double(local) / Double(persons.count) > 0.8)
        // Every ID in another file belongs to a person.
        let known = Set(persons.map(\.idNumber.value)).union(altered)
        let unknown =
            try files.records(BenefitPayment.self).filter { !known.contains($0.idNumber.value) }.count
            + files.records(MedicalSettlement.self).filter { !known.contains($0.idNumber.value) }.count
            + files.records(DeathRecord.self).filter { !known.contains($0.idNumber.value) }.count
            + files.records(EmploymentRecord.self).filter { !known.contains($0.idNumber.value) }.count
            + files.records(BankAccount.self).filter { !known.contains($0.holderIDNumber.value) }.count
        #expect(unknown == 0, "\(unknown) rows name an ID number that is not in person.csv")
    }

    @Test("names, addresses and phones look Chinese and families share addresses")
    func personsLookReal() async throws {
        let persons = try await Fixture.files.value.records(Person.self)
        let surnames = Dictionary(grouping: persons, by: { String($0.name.prefix(1)) }).mapValues(\.count)
        let top = surnames.sorted { $0.value > $1.value }.prefix(5).map(\.key)
        #expect(Set(top).isSubset(of: ["王", "李", "张", "刘", "陈", "杨", "黄"]), "top surnames \(top)")
        #expect(persons.allSatisfy { (2...4).contains($0.name.count) })
        #expect(
            persons.allSatisfy {
                $0.address!.hasPrefix("山东省") && $0.address!.hasSuffix("号") || $0.address!.hasSuffix("室")
            })
        #expect(persons.compactMap(\.phone).allSatisfy { $0.count == 11 && $0.hasPrefix("1") })
        let shared = Dictionary(grouping: persons, by: { $0.address! }).values.filter { $0.count >= 2 }.count
        #expect(shared > persons.count / 10, "households share addresses")
    }

    @Test("every county of Shandong has residents; staff sit at county, city and province level")
    func geographyCoversEveryLevel() async throws {
        let files = try await SimulatedFiles.make(SimulationConfiguration(persons: 4000, seed: 3))
        let counties = Set(RegionCatalog.shared.counties(under: "370000").map(\.code))
        let lived = Set(try files.records(Person.self).compactMap(\.regionCode))
        #expect(lived == counties)
        let staffRegions = Set(try files.records(Staff.self).map(\.regionCode))
        #expect(staffRegions.contains("370000"))
        #expect(staffRegions.contains("371400"))
        #expect(staffRegions.contains("371482"))
    }

    @Test("--region narrows the population to one county")
    func regionNarrows() async throws {
        var configuration = SimulationConfiguration(persons: 800, seed: 5, regionCode: "371482", fraudRate: 0.01)
        configuration.windowMonths = 12
        let files = try await SimulatedFiles.make(configuration)
        let persons = try files.records(Person.self)
        #expect(persons.count == 800)
        #expect(persons.allSatisfy { $0.regionCode == "371482" && $0.address!.hasPrefix("山东省德州市禹城市") })
        let local = try files.records(Institution.self).filter { $0.regionCode == "371482" }
        #expect(local.contains { $0.name == "禹城市人民医院" })
        #expect(Set(try files.records(Staff.self).map(\.regionCode)) == ["371482", "371400", "370000"])
        let periods = try files.records(BenefitPayment.self).map(\.period)
        #expect(periods.min()! >= Period(year: 2025, month: 11)!)
        #expect(periods.max()! <= Period(year: 2026, month: 10)!)
    }

    @Test("short and long audit windows give valid files with monthly rows only inside the window", arguments: [6, 60])
    func windows(months: Int) async throws {
        var configuration = SimulationConfiguration(persons: 1500, seed: 13, fraudRate: 0.01, noiseRate: 0.01)
        configuration.windowMonths = months
        let files = try await SimulatedFiles.make(configuration)
        let periods =
            try files.records(BenefitPayment.self).map(\.period) + files.records(EmploymentRecord.self).map(\.period)
        #expect(periods.allSatisfy { $0 >= configuration.windowStart && $0 <= configuration.windowEnd })
        #expect(try files.records(DeathRecord.self).allSatisfy { $0.deathDate <= configuration.lastDay })
        #expect(
            try files.records(MedicalSettlement.self).allSatisfy {
                $0.admissionDate >= configuration.windowStart.firstDay
            })
        #expect(!files.truth().isEmpty)
    }

    @Test("bad configurations are refused with a message")
    func badConfigurations() {
        #expect(throws: SimulationError.self) { try Simulator(configuration: SimulationConfiguration(persons: 0)) }
        #expect(throws: SimulationError.self) {
            try Simulator(configuration: SimulationConfiguration(persons: 10, regionCode: "999999"))
        }
        var c = SimulationConfiguration(persons: 10)
        c.fraudRates[.pensionAfterDeath] = 0.5
        #expect(throws: SimulationError.self) { try Simulator(configuration: c) }
    }
}

@Suite("Planted fraud and noise")
struct TruthTests {
    @Test("every scheme is planted and labelled with its own rule id")
    func everySchemePlanted() async throws {
        let truth = try await Fixture.files.value.truth()
        for scheme in FraudScheme.allCases {
            let rows = truth.filter { $0.scheme == scheme.rawValue }
            #expect(rows.count >= 5, "\(scheme.rawValue): only \(rows.count) planted")
            #expect(rows.allSatisfy { $0.ruleIDs == scheme.ruleIDs.joined(separator: ";") })
        }
        for noise in NoiseKind.allCases {
            let rows = truth.filter { $0.scheme == noise.rawValue }
            #expect(rows.count >= 5, "\(noise.rawValue): only \(rows.count) planted")
            #expect(rows.allSatisfy { $0.ruleIDs.isEmpty })
        }
        // At most one label per person, so every case is unambiguous.
        #expect(Set(truth.map(\.id)).count == truth.count)
        let configuration = Fixture.configuration
        #expect(
            truth.allSatisfy {
                $0.firstPeriod >= configuration.windowStart && $0.firstPeriod <= configuration.windowEnd
            })
        let persons = Set(try await Fixture.files.value.records(Person.self).map(\.idNumber.value))
        #expect(truth.allSatisfy { persons.contains($0.id) })
    }

    @Test("every labelled person shows the scheme's evidence in the files", arguments: FraudScheme.allCases)
    func evidenceExists(scheme: FraudScheme) async throws {
        let population = try await Fixture.population.value
        let labelled = population.labelled(scheme.rawValue)
        #expect(!labelled.isEmpty)
        for id in labelled {
            let timeline = try #require(population.timelines[IDNumber(id, today: SimulatedFiles.today)])
            #expect(Evidence.holds(scheme, for: timeline, in: population), "\(scheme.rawValue): no evidence for \(id)")
        }
    }

    @Test("nobody outside the labelled cases shows a scheme's evidence", arguments: FraudScheme.allCases)
    func evidenceIsExclusive(scheme: FraudScheme) async throws {
        let population = try await Fixture.population.value
        let labelled = population.labelled(scheme.rawValue)
        // Honest look-alikes are labelled as noise: a late-registered death is paid then reversed.
        var excused = scheme == .pensionAfterDeath ? population.labelled(NoiseKind.lateDeathRegistration.rawValue) : []
        // Schemes whose story includes this one's evidence name its rule too.
        for other in FraudScheme.allCases
        where other != scheme && (other.ruleIDs.contains(scheme.rawValue) || scheme.ruleIDs.contains(other.rawValue)) {
            excused.formUnion(population.labelled(other.rawValue))
        }
        let stray = population.timelines.values.filter { t in
            !labelled.contains(t.idNumber.value) && !excused.contains(t.idNumber.value)
                && Evidence.holds(scheme, for: t, in: population)
        }
        #expect(
            stray.count == 0,
            "\(scheme.rawValue): \(stray.count) unlabelled, e.g. \(stray.first.map { $0.idNumber.value } ?? "")")
    }

    @Test("first_period is when the wrongdoing first shows")
    func firstPeriods() async throws {
        let population = try await Fixture.population.value
        for row in population.truth where row.scheme == FraudScheme.pensionAfterDeath.rawValue {
            let t = population.timelines[try IDNumber(row.id, today: SimulatedFiles.today)]!
            #expect(row.firstPeriod == t.deathDate!.period.adding(months: 1))
            #expect(t.payments(of: .pension).contains { $0.period == row.firstPeriod })
        }
        for row in population.truth where row.scheme == FraudScheme.unemploymentWhileEmployed.rawValue {
            let t = population.timelines[try IDNumber(row.id, today: SimulatedFiles.today)]!
            #expect(t.isEmployed(in: row.firstPeriod))
        }
    }

    @Test("honest noise is there: reversals, 15-digit IDs, typos, Traditional names, duplicate rows")
    func noiseIsPresent() async throws {
        let files = try await Fixture.files.value
        let population = try await Fixture.population.value
        for id in population.labelled(NoiseKind.lateDeathRegistration.rawValue) {
            let t = population.timelines[try IDNumber(id, today: SimulatedFiles.today)]!
            let pensions = t.payments(of: .pension)
            #expect(pensions.contains { $0.amount < .zero }, "late death \(id) has no reversal")
            let net = Dictionary(grouping: pensions.filter { $0.period > t.deathDate!.period }, by: \.period).values.map
            { $0.reduce(0) { $0 + $1.amount.fen } }
            #expect(net.allSatisfy { $0 == 0 }, "late death \(id) not fully reversed")
        }
        let raw = [RecordKind.deathRecord, .employmentRecord, .medicalSettlement, .custodyRecord].map {
            String(decoding: files.files[.record($0)]!, as: UTF8.self)
        }.joined()
        let fifteen = population.labelled(NoiseKind.fifteenDigitID.rawValue)
        #expect(fifteen.contains { id in raw.contains(String(id.prefix(6)) + String(id.dropFirst(8).prefix(9)) + ",") })
        for kind in [NoiseKind.nameTypo, .traditionalName] {
            for id in population.labelled(kind.rawValue) {
                let t = population.timelines[try IDNumber(id, today: SimulatedFiles.today)]!
                #expect(
                    t.deaths.contains { $0.name != t.person!.name } && t.deaths.contains { $0.name == t.person!.name })
            }
        }
        let settlements = try files.records(MedicalSettlement.self)
        #expect(Set(settlements).count < settlements.count, "no exact duplicate rows")
        for id in population.labelled(NoiseKind.familySharedAccount.rawValue) {
            let t = population.timelines[try IDNumber(id, today: SimulatedFiles.today)]!
            let account = t.payments(of: .pension).first!.bankAccount!
            let holder = population.timelines[population.holderByAccount[account]!]!
            #expect(holder.idNumber != t.idNumber && holder.person!.address == t.person!.address)
        }
    }

    @Test("rates of zero plant nothing")
    func zeroRates() async throws {
        let files = try await SimulatedFiles.make(
            SimulationConfiguration(persons: 1000, seed: 9, fraudRate: 0, noiseRate: 0))
        #expect(files.truth().isEmpty)
    }
}

@Suite("Writing to a directory")
struct DirectorySinkTests {
    @Test("the files on disk are the bytes the simulator produced, named after their record kinds")
    func writesFiles() async throws {
        let configuration = SimulationConfiguration(persons: 300, seed: 11, regionCode: "371482")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "fundwatch-sim-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        var sink = try DirectorySink(directory: directory)
        _ = try await Simulator(configuration: configuration).run(into: &sink)
        let memory = try await SimulatedFiles.make(configuration)
        for file in SimulationFile.all {
            let onDisk = try Data(contentsOf: directory.appendingPathComponent(file.fileName))
            #expect(Array(onDisk) == memory.files[file], "\(file.fileName)")
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(names == SimulationFile.all.map(\.fileName).sorted())
    }
}
