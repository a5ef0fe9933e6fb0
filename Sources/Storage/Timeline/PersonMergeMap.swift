import FundWatchCore
import GRDB

/// Which registry entries are one human (accepted `person_merge` pairs: the model's sure `linked`
/// pairs and reviewers' `same`), so that the timeline readers put the records of an absorbed key
/// on its surviving person and rules see one person.
///
/// Pairs are joined into groups (A~B and B~C make one human of three keys); the survivor is the
/// group's smallest key, so the choice does not depend on the order pairs were found. The readers
/// stay as they are: each passes its timelines through `apply`, which drops an absorbed key's
/// timeline and adds its records, re-keyed, to the survivor's (read by key, through the indexes).
struct PersonMergeMap: Sendable {
    /// Absorbed key → surviving key.
    let survivorOf: [String: String]
    /// Surviving key → the keys it absorbed, in key order.
    let absorbedBy: [String: [String]]

    /// Statuses of `person_merge` that make two keys one person.
    static let acceptedStatuses = ["linked", "same"]

    static let farFuture = CivilDate(year: 9999, month: 12, day: 31)!

    init(pairs: [(String, String)]) {
        var parent = [String: String]()
        func root(_ key: String) -> String {
            var k = key
            while let p = parent[k], p != k { k = p }
            return k
        }
        for (a, b) in pairs {
            let (ra, rb) = (root(a), root(b))
            guard ra != rb else { continue }
            // The smaller key roots the group, so the root is the group's smallest key.
            if ra < rb { parent[rb] = ra; parent[ra] = ra } else { parent[ra] = rb; parent[rb] = rb }
        }
        var survivorOf = [String: String]()
        var absorbedBy = [String: [String]]()
        for key in parent.keys.sorted() {
            let r = root(key)
            guard r != key else { continue }
            survivorOf[key] = r
            absorbedBy[r, default: []].append(key)
        }
        self.survivorOf = survivorOf
        self.absorbedBy = absorbedBy
    }

    /// The accepted pairs stored now.
    static func load(_ db: Database) throws -> PersonMergeMap {
        let rows = try Row.fetchAll(
            db, sql: "SELECT person_key, other_key FROM person_merge WHERE status IN ('linked', 'same') ORDER BY id")
        return PersonMergeMap(pairs: rows.map { ($0[0], $0[1]) })
    }

    /// The timeline as the merged person sees it: nil for an absorbed key (its records are on the
    /// survivor's timeline); a survivor's gains the records of the keys it absorbed, except their
    /// registration (the survivor's stays the person's).
    func apply(_ timeline: PersonTimeline, db: Database) throws -> PersonTimeline? {
        guard !survivorOf.isEmpty else { return timeline }
        let key = timeline.idNumber.value
        if survivorOf[key] != nil { return nil }
        guard let others = absorbedBy[key] else { return timeline }
        var merged = timeline
        for other in others {
            guard let id = try? IDNumber(other, today: Self.farFuture),
                let part = try FundWatchDatabase.timeline(for: id, db: db)
            else { continue }
            for record in Self.records(of: part) where !(record is Person) {
                merged.add(try Self.rekey(record, to: key))
            }
        }
        return merged.sorted()
    }

    /// Every record of a timeline.
    static func records(of t: PersonTimeline) -> [any CanonicalRecord] {
        var out = [any CanonicalRecord]()
        if let p = t.person { out.append(p) }
        out += t.enrollments as [any CanonicalRecord]
        out += t.contributions as [any CanonicalRecord]
        out += t.payments as [any CanonicalRecord]
        out += t.settlements as [any CanonicalRecord]
        out += t.injuryClaims as [any CanonicalRecord]
        out += t.deaths as [any CanonicalRecord]
        out += t.custody as [any CanonicalRecord]
        out += t.employment as [any CanonicalRecord]
        out += t.bankAccounts as [any CanonicalRecord]
        out += t.qualificationChecks as [any CanonicalRecord]
        return out
    }

    /// The record with `key` as its person, read back through the record type's validation.
    static func rekey(_ record: any CanonicalRecord, to key: String) throws -> any CanonicalRecord {
        let kind = type(of: record).kind
        return try UnresolvedRecord(table: "", rowid: 0, kind: kind, rawID: "", values: record.fieldValues)
            .record(as: key, today: farFuture)
    }
}

extension FundWatchDatabase {
    /// One person's timeline with accepted person merges followed: an absorbed key answers with
    /// its survivor's merged timeline.
    static func mergedTimeline(for id: IDNumber, db: Database) throws -> PersonTimeline? {
        let merges = try PersonMergeMap.load(db)
        if let survivor = merges.survivorOf[id.value], let survivorID = try? IDNumber(survivor, today: PersonMergeMap.farFuture) {
            return try timeline(for: survivorID, db: db).flatMap { try merges.apply($0, db: db) }
        }
        return try timeline(for: id, db: db).flatMap { try merges.apply($0, db: db) }
    }
}
