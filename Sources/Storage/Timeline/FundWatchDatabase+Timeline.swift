public import FundWatchCore
import GRDB

extension FundWatchDatabase {
    /// The record kinds that belong to a person's timeline.
    static let personKinds: [RecordKind] = RecordKind.allCases.filter { StoredRecordDecoder(kind: $0).personColumn != nil }

    /// Everything stored about one person, or nil when no record names the ID number: the records
    /// that carry the ID number, and those `fundwatch resolve` linked to it (records whose own ID
    /// was mistyped or missing). Accepted person merges are followed (`PersonMergeMap`).
    public func timeline(for id: IDNumber) async throws -> PersonTimeline? {
        try await writer.read { db in try Self.mergedTimeline(for: id, db: db) }
    }

    /// Reads one timeline inside an open read.
    static func timeline(for id: IDNumber, db: Database) throws -> PersonTimeline? {
        var timeline = PersonTimeline(idNumber: id)
        var found = false
        for kind in personKinds {
            let decoder = StoredRecordDecoder(kind: kind)
            let rows = try Row.fetchCursor(
                db, sql: "SELECT \(decoder.selectList) FROM \(kind.rawValue) WHERE \(decoder.personColumn!) = ? ORDER BY id",
                arguments: [id.value])
            while let row = try rows.next() {
                timeline.add(try decoder.decode(row))
                found = true
            }
        }
        let linked = try Row.fetchCursor(db, sql: "\(LinkedRecordDecoder.select) WHERE person_key = ? ORDER BY id", arguments: [id.value])
        while let row = try linked.next() {
            timeline.add(try LinkedRecordDecoder.decode(row))
            found = true
        }
        return found ? timeline.sorted() : nil
    }

    /// Streams every person's timeline in ID-number order, one at a time, for batch work.
    ///
    /// Each table is read once through its person index, and the cursors are merged on the
    /// ID number, so memory holds one timeline, not the population. Records that `fundwatch
    /// resolve` linked to a person (their own ID mistyped or missing) join the person's timeline
    /// through one more cursor, over the links in person-key order.
    public func forEachTimeline(_ body: @Sendable (PersonTimeline) throws -> Void) async throws {
        try await writer.read { db in
            let merges = try PersonMergeMap.load(db)
            try TimelineRangeReader(lower: nil, upper: nil).forEach(db) { t in
                if let merged = try merges.apply(t, db: db) { try body(merged) }
            }
        }
    }
}
