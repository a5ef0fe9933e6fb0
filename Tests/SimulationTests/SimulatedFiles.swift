import FundWatchCore
import Simulation

/// A simulation run in memory, with the files read back through the Core record types.
struct SimulatedFiles: Sendable {
    let configuration: SimulationConfiguration
    let files: [SimulationFile: [UInt8]]
    let summary: SimulationSummary

    /// The day the files are read (bounds birth and death dates as `fundwatch import` does).
    static let today = CivilDate(year: 2026, month: 11, day: 25)!

    static func make(_ configuration: SimulationConfiguration) async throws -> SimulatedFiles {
        var sink = MemorySink()
        let summary = try await Simulator(configuration: configuration).run(into: &sink)
        return SimulatedFiles(configuration: configuration, files: sink.files, summary: summary)
    }

    /// The header and data rows of a file.
    func rows(_ file: SimulationFile) -> (header: [String], rows: [CSVReader.Row]) {
        var all = Array(CSVReader(bytes: files[file] ?? []))
        guard !all.isEmpty else { return ([], []) }
        let header = all.removeFirst().fields
        return (header, all)
    }

    /// Every row of a record file, read with the Core type; throws the first field error with its line.
    /// With `upgradingIDs`, 15-digit ID numbers are written out in 18 digits first, so records of one
    /// person compare equal however a department wrote the number (`IDNumber` equality also compares
    /// `wasUpgraded`).
    func records<R: CanonicalRecord>(_ type: R.Type, upgradingIDs: Bool = false) throws -> [R] {
        let (header, rows) = rows(.record(R.kind))
        var columns = [String: Int]()
        for (i, name) in header.enumerated() { columns[name] = i }
        let idColumns = ["id_number", "holder_id_number"].compactMap { columns[$0] }
        return try rows.map { row in
            if let problem = row.problem { throw ReadError(file: R.kind.fileName, line: row.line, message: problem) }
            var values = row.fields
            if upgradingIDs {
                for c in idColumns where values[c].utf8.count == 15 {
                    values[c] = try IDNumber(values[c], today: SimulatedFiles.today).value
                }
            }
            do {
                return try R(row: CanonicalRow(columns: columns, values: values, today: SimulatedFiles.today))
            } catch {
                throw ReadError(file: R.kind.fileName, line: row.line, message: "\(error)")
            }
        }
    }

    /// truth.csv as (id, scheme, rule ids, first period).
    func truth() -> [TruthRow] {
        rows(.truth).rows.map { r in
            TruthRow(id: r.fields[0], scheme: r.fields[1], ruleIDs: r.fields[2], firstPeriod: Period(r.fields[3])!)
        }
    }

    struct TruthRow: Sendable, Hashable {
        let id: String
        let scheme: String
        let ruleIDs: String
        let firstPeriod: Period
    }

    struct ReadError: Error, CustomStringConvertible {
        let file: String
        let line: Int
        let message: String
        var description: String { "\(file) line \(line): \(message)" }
    }
}

/// Everything read back, grouped into timelines, with the lookups the evidence checks need.
struct Population: Sendable {
    let timelines: [IDNumber: PersonTimeline]
    let staffByID: [String: Staff]
    let holderByAccount: [String: IDNumber]
    let institutions: [String: Institution]
    let truth: [SimulatedFiles.TruthRow]
    let configuration: SimulationConfiguration
    /// Persons by name and address (`name|address`), to find an operator among the payee's household.
    let byNameAndAddress: [String: [IDNumber]]

    init(_ files: SimulatedFiles) throws {
        var timelines = [IDNumber: PersonTimeline]()
        func add<R: CanonicalRecord>(_ type: R.Type) throws {
            for record in try files.records(type, upgradingIDs: true) {
                guard let id = record.subjectID else { continue }
                timelines[id, default: PersonTimeline(idNumber: id)].add(record)
            }
        }
        try add(Person.self)
        try add(Enrollment.self)
        try add(Contribution.self)
        try add(BenefitPayment.self)
        try add(MedicalSettlement.self)
        try add(InjuryClaim.self)
        try add(DeathRecord.self)
        try add(CustodyRecord.self)
        try add(EmploymentRecord.self)
        try add(BankAccount.self)
        try add(QualificationCheck.self)
        self.timelines = timelines.mapValues { $0.sorted() }
        self.staffByID = Dictionary(
            try files.records(Staff.self).map { ($0.staffID, $0) }, uniquingKeysWith: { a, _ in a })
        self.holderByAccount = Dictionary(
            try files.records(BankAccount.self).map { ($0.account, $0.holderIDNumber) }, uniquingKeysWith: { a, _ in a }
        )
        self.institutions = Dictionary(
            try files.records(Institution.self).map { ($0.institutionID, $0) }, uniquingKeysWith: { a, _ in a })
        self.truth = files.truth()
        self.configuration = files.configuration
        var byNameAndAddress = [String: [IDNumber]]()
        for t in self.timelines.values {
            guard let p = t.person else { continue }
            byNameAndAddress[p.name + "|" + (p.address ?? ""), default: []].append(t.idNumber)
        }
        self.byNameAndAddress = byNameAndAddress
    }

    /// Persons labelled with a scheme (fraud or noise).
    func labelled(_ scheme: String) -> Set<String> { Set(truth.filter { $0.scheme == scheme }.map(\.id)) }
}
