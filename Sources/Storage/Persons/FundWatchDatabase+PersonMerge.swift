public import Foundation
import FundWatchCore
import GRDB
import Linkage

/// What one search for duplicate persons did.
public struct PersonMergeReport: Sendable, Hashable {
    /// The run's id (`resolution_run.id`).
    public var runID: Int64 = 0
    /// Registry entries compared.
    public var persons = 0
    /// New pairs the model is sure of (stored as `linked`).
    public var merged = 0
    /// New pairs in the grey band (stored as `open`, for a reviewer).
    public var toReview = 0
    /// Pairs found again that were stored or decided before (left as they are).
    public var known = 0

    public init() {}
}

/// Two registry entries stored as one human, or proposed for a reviewer.
public struct PersonMerge: Sendable, Hashable {
    public let id: Int64
    /// The two person keys (the smaller first).
    public let personKey: String
    public let otherKey: String
    public let probability: Double
    /// linked (the model is sure), open (for review), same or different (decided).
    public let status: String
    public let terms: [ReviewPair.Term]
}

extension FundWatchDatabase {
    /// Looks for registry entries that are one human under two ID numbers (dedupe mode over the
    /// person registry, see `DuplicatePersonFinder`). Sure pairs are stored as `linked`, grey-band
    /// pairs as `open`, each with the waterfall that scored it; a pair stored or decided before is
    /// left as it is, so a pair marked different never comes back.
    public func findDuplicatePersons(
        now: Date, settings: DuplicatePersonFinder.Settings = .init(),
        progress: @escaping @Sendable (String) -> Void = { _ in }
    ) async throws -> PersonMergeReport {
        let persons = try await writer.read { db in try Self.personProfiles(db, contact: true) }
        let pairs = try DuplicatePersonFinder(settings: settings).pairs(persons, progress: progress)
        let started = Self.timestamp(now)
        let count = persons.count
        return try await writer.write { db in
            var report = PersonMergeReport()
            report.persons = count
            try db.execute(sql: "INSERT INTO resolution_run (started_at) VALUES (?)", arguments: [started])
            let run = db.lastInsertedRowID
            report.runID = run
            let insert = try db.makeStatement(sql: """
                INSERT OR IGNORE INTO person_merge (person_key, other_key, probability, waterfall, run_id, status)
                VALUES (?, ?, ?, ?, ?, ?)
                """)
            for pair in pairs {
                try insert.execute(arguments: [
                    pair.first, pair.second, pair.probability, Self.json(pair.explanation), run, pair.sure ? "linked" : "open",
                ])
                if db.changesCount == 0 {
                    report.known += 1
                } else if pair.sure {
                    report.merged += 1
                } else {
                    report.toReview += 1
                }
            }
            try db.execute(
                sql: "UPDATE resolution_run SET finished_at = ?, considered = ?, linked = ?, to_review = ? WHERE id = ?",
                arguments: [started, count, report.merged, report.toReview, run])
            return report
        }
    }

    /// The stored person pairs with `status` (all when nil), most probable first.
    public func personMerges(status: String? = nil) async throws -> [PersonMerge] {
        try await writer.read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT id, person_key, other_key, probability, status, waterfall FROM person_merge
                    WHERE ?1 IS NULL OR status = ?1 ORDER BY probability DESC, id
                    """,
                arguments: [status])
            let decoder = JSONDecoder()
            return rows.map { row in
                PersonMerge(
                    id: row["id"], personKey: row["person_key"], otherKey: row["other_key"], probability: row["probability"],
                    status: row["status"],
                    terms: (try? decoder.decode([ReviewPair.Term].self, from: Data((row["waterfall"] as String).utf8))) ?? [])
            }
        }
    }
}

/// A registry entry as a reviewer sees it beside another.
public struct RegistryEntry: Sendable, Hashable {
    public let key: String
    public let name: String
    public let sex: String?
    public let birthDate: String?
    public let region: String?
    public let address: String?
    public let phone: String?
}

extension FundWatchDatabase {
    /// The registry entry of a person key (its first row), nil when the key is not registered.
    public func registryEntry(_ key: String) async throws -> RegistryEntry? {
        try await writer.read { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT id_number, name, sex, birth_date, region_code, address, phone FROM person
                    WHERE id_number = ? ORDER BY id LIMIT 1
                    """,
                arguments: [key]
            ).map { row in
                RegistryEntry(
                    key: row[0], name: row[1], sex: row[2], birthDate: row[3], region: row[4], address: row[5], phone: row[6])
            }
        }
    }

    /// Records a reviewer's decision on person pair `id` (`person_merge.id`). Same makes the two
    /// keys one person (timelines follow it, see `PersonMergeMap`); different keeps the pair from
    /// ever being proposed again. A pair the model was sure of (`linked`) may be decided too: a
    /// reviewer may undo the model's merge. Throws `ReviewError` for an unknown or decided pair.
    public func decidePersonMerge(pair id: Int64, same: Bool, reviewer: String, now: Date) async throws -> ReviewDecision {
        let decidedAt = Self.timestamp(now)
        return try await writer.write { db in
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT person_key, other_key, status FROM person_merge WHERE id = ?", arguments: [id])
            else {
                throw ReviewError("no person pair \(id); `fundwatch resolve review --persons` lists the open ones")
            }
            let status: String = row["status"]
            guard status == "open" || status == "linked" else {
                throw ReviewError("person pair \(id) was already decided (\(status)); a decision is not changed here")
            }
            let key: String = row["person_key"]
            let other: String = row["other_key"]
            try db.execute(
                sql: "UPDATE person_merge SET status = ?, reviewer = ?, decided_at = ? WHERE id = ?",
                arguments: [same ? "same" : "different", reviewer, decidedAt, id])
            // Canonical JSON by hand: sorted keys, no spaces, so the ledger's hash is reproducible.
            let payload =
                "{\"decided_at\":\(Self.jsonString(decidedAt)),\"decision\":\"\(same ? "same" : "different")\","
                + "\"other_key\":\(Self.jsonString(other)),\"person_key\":\(Self.jsonString(key)),"
                + "\"person_pair\":\(id),\"reviewer\":\(Self.jsonString(reviewer))}"
            return ReviewDecision(pair: id, same: same, reviewer: reviewer, decidedAt: decidedAt, canonicalJSON: payload)
        }
    }
}
