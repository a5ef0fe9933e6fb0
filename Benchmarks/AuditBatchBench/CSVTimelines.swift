import Foundation
import FundWatchCore

/// Reads the canonical CSV files of a folder into one timeline per person, sorted by ID number.
///
/// Each table is read on its own thread (both cores parse at once) into an array of its own
/// record type, so no record is boxed as `any CanonicalRecord` and cast back; the records are
/// then dealt to their persons in file order, which keeps every timeline exactly as adding them
/// one by one would.
enum CSVTimelines {
    struct Result {
        var timelines: [PersonTimeline]
        var staff: [Staff]
        /// Rows that are not valid canonical records.
        var rejected: Int
    }

    /// One table's records and the rows it could not read.
    final class Table<T: CanonicalRecord>: @unchecked Sendable {
        var records: [T] = []
        var rejected = 0
    }

    static func load(folder: String, today: CivilDate) -> Result {
        let persons = Table<Person>()
        let enrollments = Table<Enrollment>()
        let contributions = Table<Contribution>()
        let payments = Table<BenefitPayment>()
        let settlements = Table<MedicalSettlement>()
        let injuries = Table<InjuryClaim>()
        let deaths = Table<DeathRecord>()
        let custody = Table<CustodyRecord>()
        let employment = Table<EmploymentRecord>()
        let accounts = Table<BankAccount>()
        let checks = Table<QualificationCheck>()
        let staff = Table<Staff>()
        // Largest first, so the two threads finish together.
        let jobs: [@Sendable () -> Void] = [
            { read(folder, today, into: payments) }, { read(folder, today, into: contributions) },
            { read(folder, today, into: employment) }, { read(folder, today, into: enrollments) },
            { read(folder, today, into: settlements) }, { read(folder, today, into: persons) },
            { read(folder, today, into: accounts) }, { read(folder, today, into: checks) },
            { read(folder, today, into: deaths) }, { read(folder, today, into: injuries) },
            { read(folder, today, into: custody) }, { read(folder, today, into: staff) },
        ]
        DispatchQueue.concurrentPerform(iterations: jobs.count) { jobs[$0]() }

        // Person numbers in order of first sight; the timelines are put in ID order at the end.
        var number = [String: Int]()
        var ids = [IDNumber]()
        func person(_ record: some CanonicalRecord) -> Int? {
            guard let id = record.subjectID else { return nil }
            if let n = number[id.value] { return n }
            number[id.value] = ids.count
            ids.append(id)
            return ids.count - 1
        }
        func distribute<T: CanonicalRecord>(_ table: Table<T>, _ owners: [Int?]) -> [[T]] {
            var lists = [[T]](repeating: [], count: ids.count)
            for (record, owner) in zip(table.records, owners) {
                if let owner { lists[owner].append(record) }
            }
            table.records = []
            return lists
        }
        // Every table's owners first (so `ids` is complete), then the records dealt out.
        let owners: [[Int?]] = [
            persons.records.map(person), enrollments.records.map(person), contributions.records.map(person),
            payments.records.map(person), settlements.records.map(person), injuries.records.map(person),
            deaths.records.map(person), custody.records.map(person), employment.records.map(person),
            accounts.records.map(person), checks.records.map(person),
        ]
        var personOf = [Person?](repeating: nil, count: ids.count)
        for (record, owner) in zip(persons.records, owners[0]) {
            if let owner { personOf[owner] = record }
        }
        persons.records = []
        let enrollmentLists = distribute(enrollments, owners[1])
        let contributionLists = distribute(contributions, owners[2])
        let paymentLists = distribute(payments, owners[3])
        let settlementLists = distribute(settlements, owners[4])
        let injuryLists = distribute(injuries, owners[5])
        let deathLists = distribute(deaths, owners[6])
        let custodyLists = distribute(custody, owners[7])
        let employmentLists = distribute(employment, owners[8])
        let accountLists = distribute(accounts, owners[9])
        let checkLists = distribute(checks, owners[10])

        let order = ids.indices.sorted { ids[$0].value < ids[$1].value }
        let timelines = order.map { n in
            PersonTimeline(
                idNumber: ids[n], person: personOf[n], enrollments: enrollmentLists[n], contributions: contributionLists[n],
                payments: paymentLists[n], settlements: settlementLists[n], injuryClaims: injuryLists[n], deaths: deathLists[n],
                custody: custodyLists[n], employment: employmentLists[n], bankAccounts: accountLists[n],
                qualificationChecks: checkLists[n])
        }
        let rejected =
            persons.rejected + enrollments.rejected + contributions.rejected + payments.rejected + settlements.rejected
            + injuries.rejected + deaths.rejected + custody.rejected + employment.rejected + accounts.rejected
            + checks.rejected + staff.rejected
        return Result(timelines: timelines, staff: staff.records, rejected: rejected)
    }

    /// Reads one table's file (absent: no records) into typed records.
    static func read<T: CanonicalRecord>(_ folder: String, _ today: CivilDate, into table: Table<T>) {
        let path = URL(fileURLWithPath: folder).appendingPathComponent(T.kind.fileName).path
        guard let data = FileManager.default.contents(atPath: path) else { return }
        var rows = CSVReader(bytes: [UInt8](data)).makeIterator()
        guard let header = rows.next() else { return }
        let columns = Dictionary(header.fields.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        while let row = rows.next() {
            guard row.problem == nil, let record = try? T(row: CanonicalRow(columns: columns, values: row.fields, today: today))
            else {
                table.rejected += 1
                continue
            }
            table.records.append(record)
        }
    }
}
