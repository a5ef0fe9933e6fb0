public import Foundation
public import FundWatchCore
import GRDB
import Linkage

extension FundWatchDatabase {
    /// Links every person-bearing record to a person. A valid ID number is the person key as it
    /// stands (import upgrades 15-digit numbers); records whose ID was mistyped or left out (kept
    /// aside as rejected rows) are linked by the model of `PersonResolver` against the person
    /// registry. Sure links are written to `person_link`, unsure pairs to `link_review`.
    ///
    /// Idempotent: records already linked are left alone, pairs a reviewer decided are never
    /// proposed again, and a re-run after a new import links the new records.
    public func resolve(
        now: Date, settings: PersonResolver.Settings = .init(), progress: @escaping @Sendable (String) -> Void = { _ in }
    ) async throws -> ResolutionReport {
        var report = ResolutionReport()
        let (all, unreadable) = try await writer.read { db in try Self.setAsideRecords(db) }
        let settled = try await writer.read { db in try Self.settledRecords(db) }
        report.unreadable = unreadable
        // The model is trained on every record set aside for its ID, linked or not, so a re-run
        // after a small import scores the new records with a model as good as the first run's;
        // only records neither linked nor awaiting a reviewer get a new outcome.
        let pending = all.indices.filter { settled[all[$0].rowid] == nil }
        report.alreadyLinked = all.filter { settled[$0.rowid] == .linked }.count
        report.awaitingReview = all.filter { settled[$0.rowid] == .inReview }.count
        report.considered = pending.count
        // From the import bookkeeping: counting tens of millions of rows would cost more than linking.
        report.linkedByID = try await writer.read { db in
            let kinds = Self.personKinds.map { "'\($0.rawValue)'" }.joined(separator: ", ")
            return try Int.fetchOne(
                db, sql: "SELECT COALESCE(SUM(row_count), 0) FROM import_file WHERE record_kind IN (\(kinds))") ?? 0
        }
        progress("\(report.linkedByID) records named by a valid ID number; \(pending.count) to link by the model")
        let records = pending.map { all[$0] }
        let persons = try await writer.read { db in try Self.personProfiles(db) }
        let excluded = try await writer.read { db in try Self.decidedDifferent(db, records: all) }
        let allOutcomes =
            pending.isEmpty
            ? []
            : try PersonResolver(settings: settings).resolve(all, persons: persons, excluded: excluded, progress: progress)
        let outcomes = pending.map { allOutcomes[$0] }

        let started = Self.timestamp(now)
        report.runID = try await writer.write { db in
            try db.execute(sql: "INSERT INTO resolution_run (started_at) VALUES (?)", arguments: [started])
            let run = db.lastInsertedRowID
            let link = try db.makeStatement(sql: """
                INSERT OR IGNORE INTO person_link
                    (record_table, record_rowid, record_kind, raw_id, person_key, method, probability, run_id, record_values)
                VALUES (?, ?, ?, ?, ?, 'model', ?, ?, ?)
                """)
            let review = try db.makeStatement(sql: """
                INSERT OR IGNORE INTO link_review
                    (record_table, record_rowid, record_kind, raw_id, person_key, probability, waterfall, record_values, run_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            var linked = 0
            var toReview = 0
            var unresolved = 0
            for (record, outcome) in zip(records, outcomes) {
                let values = Self.json(record.values)
                switch outcome {
                case .linked(let c):
                    try link.execute(arguments: [
                        record.table, record.rowid, record.kind.rawValue, record.rawID, c.personKey, c.probability, run,
                        values,
                    ])
                    linked += 1
                case .review(let candidates):
                    for c in candidates {
                        try review.execute(arguments: [
                            record.table, record.rowid, record.kind.rawValue, record.rawID, c.personKey, c.probability,
                            Self.json(c.explanation), values, run,
                        ])
                    }
                    toReview += 1
                case .unresolved:
                    unresolved += 1
                }
            }
            try db.execute(
                sql: """
                    UPDATE resolution_run SET finished_at = ?, considered = ?, linked = ?, to_review = ?, unresolved = ?
                    WHERE id = ?
                    """,
                arguments: [started, records.count, linked, toReview, unresolved, run])
            return run
        }
        for outcome in outcomes {
            switch outcome {
            case .linked: report.linked += 1
            case .review: report.toReview += 1
            case .unresolved: report.unresolved += 1
            }
        }
        return report
    }

    /// Every rejected row whose only fault is the ID number, read back, and the number of such
    /// rows that cannot be read back.
    static func setAsideRecords(_ db: Database) throws -> (records: [UnresolvedRecord], unreadable: Int) {
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT r.id, r.field, r.raw, f.record_kind, f.id, f.header, f.feed
                FROM rejected_row r JOIN import_file f ON f.id = r.file_id
                WHERE r.field IN ('id_number', 'holder_id_number') ORDER BY r.id
                """)
        var records = [UnresolvedRecord]()
        var unreadable = 0
        var layouts = [Int64: RawLayout?]()
        while let row = try rows.next() {
            guard let kind = RecordKind(rawValue: row[3]) else {
                unreadable += 1
                continue
            }
            let fileID: Int64 = row[4]
            if layouts[fileID] == nil {
                layouts[fileID] = RawLayout(kind: kind, header: row[5], feed: row[6])
            }
            guard let layout = layouts[fileID] ?? nil, let record = readable(rowid: row[0], kind: kind, raw: row[2], layout: layout)
            else {
                unreadable += 1
                continue
            }
            records.append(record)
        }
        return (records, unreadable)
    }

    /// Where a set-aside record stands when it needs no new outcome.
    enum Settled { case linked, inReview }

    /// The set-aside rows that are linked or await a reviewer, by rowid.
    static func settledRecords(_ db: Database) throws -> [Int64: Settled] {
        var settled = [Int64: Settled]()
        for rowid in try Int64.fetchAll(
            db, sql: "SELECT record_rowid FROM link_review WHERE record_table = 'rejected_row' AND status = 'open'")
        {
            settled[rowid] = .inReview
        }
        for rowid in try Int64.fetchAll(db, sql: "SELECT record_rowid FROM person_link WHERE record_table = 'rejected_row'") {
            settled[rowid] = .linked
        }
        return settled
    }

    /// The records awaiting resolution (neither linked nor in review): what `resolve` would link now.
    static func unresolvedRecords(_ db: Database) throws -> (records: [UnresolvedRecord], unreadable: Int) {
        let (all, unreadable) = try setAsideRecords(db)
        let settled = try settledRecords(db)
        return (all.filter { settled[$0.rowid] == nil }, unreadable)
    }

    /// A rejected row read back as a record with its ID field set aside, or nil when anything
    /// else in it is wrong. The raw fields are in the file's column order, which `layout` maps to
    /// the record type's.
    static func readable(rowid: Int64, kind: RecordKind, raw: String, layout: RawLayout) -> UnresolvedRecord? {
        // With its line end back, so that a row ending in an empty field (a missing ID in the
        // last column) reads as the fields it had.
        var reader = CSVReader(bytes: Array(raw.utf8) + [0x0A]).makeIterator()
        guard let fields = reader.next()?.fields, fields.count == layout.columnCount,
            let idIndex = UnresolvedRecord.idFieldIndex(of: kind)
        else { return nil }
        var values = layout.columnOfField.map { $0.map { fields[$0] } ?? "" }
        let rawID = values[idIndex]
        values[idIndex] = ""
        let record = UnresolvedRecord(table: "rejected_row", rowid: rowid, kind: kind, rawID: rawID, values: values)
        guard (try? record.record(as: placeholderID, today: farFuture)) != nil else { return nil }
        return record
    }

    /// A valid ID number that stands in for the missing one while the rest of a row is checked.
    static let placeholderID = IDNumber(region: "110101", birthDate: CivilDate(year: 1990, month: 1, day: 1)!, sequence: 1).value
    static let farFuture = CivilDate(year: 9999, month: 12, day: 31)!

    /// Every registered person with the death date recorded under their valid ID number.
    ///
    /// A million registry rows are read in one pass over the four columns the model needs, each
    /// text decoded straight from SQLite's buffer: no `Row` per person.
    /// `contact` adds the address and phone, which only the search for duplicate persons needs.
    static func personProfiles(_ db: Database, contact: Bool = false) throws -> [PersonProfile] {
        var deaths = [String: String]()
        let deathStatement = try db.makeStatement(sql: "SELECT id_number, MIN(death_date) FROM death_record GROUP BY id_number")
        try stepRows(deathStatement) { row in deaths[row.text(0)] = row.text(1) }
        let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM person") ?? 0
        var seen = Set<String>(minimumCapacity: count)
        var persons = [PersonProfile]()
        persons.reserveCapacity(count)
        let statement = try db.makeStatement(
            sql: contact
                ? "SELECT id_number, name, sex, region_code, address, phone FROM person ORDER BY id"
                : "SELECT id_number, name, sex, region_code FROM person ORDER BY id")
        try stepRows(statement) { row in
            let key = row.text(0)
            guard seen.insert(key).inserted else { return }
            persons.append(
                PersonProfile(
                    key: key, name: row.text(1), sex: row.optionalText(2), region: row.optionalText(3),
                    deathDate: deaths.isEmpty ? nil : deaths[key], address: contact ? row.optionalText(4) : nil,
                    phone: contact ? row.optionalText(5) : nil))
        }
        return persons
    }

    /// For each record (by index), the person keys a reviewer marked different.
    static func decidedDifferent(_ db: Database, records: [UnresolvedRecord]) throws -> [Int: Set<String>] {
        var index = [Int64: Int]()
        for (i, r) in records.enumerated() { index[r.rowid] = i }
        var excluded = [Int: Set<String>]()
        for row in try Row.fetchAll(
            db,
            sql: "SELECT record_rowid, person_key FROM link_review WHERE record_table = 'rejected_row' AND status = 'different'")
        {
            if let i = index[row[0]] { excluded[i, default: []].insert(row[1]) }
        }
        return excluded
    }

    static func json(_ values: [String]) -> String {
        String(decoding: (try? JSONEncoder().encode(values)) ?? Data("[]".utf8), as: UTF8.self)
    }

    /// The waterfall as JSON: the terms with their level, values and weight in bits.
    static func json(_ explanation: PairExplanation) -> String {
        let terms: [[String: String]] = explanation.terms.map {
            ["name": $0.name, "level": $0.level, "left": $0.values.0, "right": $0.values.1, "bits": String(format: "%.3f", $0.weight)]
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(terms)) ?? Data("[]".utf8), as: UTF8.self)
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }
}

/// Where one record set aside for its ID number stands: linked, in review, or neither.
public struct IdentityRecordState: Sendable, Hashable {
    public let kind: RecordKind
    /// The row's fields as the department wrote them, in the record type's field order, joined
    /// by `|` (the simulator's `person_links.csv` record_key).
    public let key: String
    public let personKey: String?
    public let inReview: Bool
}

extension FundWatchDatabase {
    /// Every rejected row set aside for its ID field, with its link and review state, to score
    /// resolution against a truth file.
    public func identityRecordStates() async throws -> [IdentityRecordState] {
        try await writer.read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT f.record_kind, r.raw, l.person_key,
                           EXISTS (SELECT 1 FROM link_review v WHERE v.record_table = 'rejected_row' AND v.record_rowid = r.id
                                   AND v.status = 'open'),
                           f.id, f.header, f.feed
                    FROM rejected_row r JOIN import_file f ON f.id = r.file_id
                    LEFT JOIN person_link l ON l.record_table = 'rejected_row' AND l.record_rowid = r.id
                    WHERE r.field IN ('id_number', 'holder_id_number') ORDER BY r.id
                    """)
            var layouts = [Int64: RawLayout?]()
            return rows.compactMap { row in
                guard let kind = RecordKind(rawValue: row[0]) else { return nil }
                var reader = CSVReader(bytes: Array((row[1] as String).utf8) + [0x0A]).makeIterator()
                var fields = reader.next()?.fields ?? []
                // In the record type's field order, whatever the file's (the simulator's keys are).
                let fileID: Int64 = row[4]
                if layouts[fileID] == nil { layouts[fileID] = RawLayout(kind: kind, header: row[5], feed: row[6]) }
                if let layout = layouts[fileID] ?? nil, fields.count == layout.columnCount {
                    fields = layout.columnOfField.map { $0.map { fields[$0] } ?? "" }
                }
                return IdentityRecordState(
                    kind: kind, key: fields.joined(separator: "|"), personKey: row[2], inReview: row[3])
            }
        }
    }
}

extension FundWatchDatabase {
    /// What a resolution run would link now: the records set aside for their ID number that no
    /// link names yet, and the person registry.
    public func resolutionInputs() async throws -> (records: [UnresolvedRecord], persons: [PersonProfile]) {
        try await writer.read { db in (try Self.unresolvedRecords(db).records, try Self.personProfiles(db)) }
    }
}
