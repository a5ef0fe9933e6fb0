public import FundWatchCore
import GRDB

extension FundWatchDatabase {
    /// The record kinds that belong to a person's timeline.
    static let personKinds: [RecordKind] = RecordKind.allCases.filter { StoredRecordDecoder(kind: $0).personColumn != nil }

    /// Everything stored about one person, or nil when no record names the ID number: the records
    /// that carry the ID number, and those `fundwatch resolve` linked to it (records whose own ID
    /// was mistyped or missing).
    public func timeline(for id: IDNumber) async throws -> PersonTimeline? {
        try await writer.read { db in try Self.timeline(for: id, db: db) }
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
            var cursors = [(decoder: StoredRecordDecoder, cursor: RowCursor, head: (id: String, record: any CanonicalRecord)?)]()
            for kind in Self.personKinds {
                let decoder = StoredRecordDecoder(kind: kind)
                let column = decoder.personColumn!
                let cursor = try Row.fetchCursor(
                    db, sql: "SELECT \(decoder.selectList), \(column) FROM \(kind.rawValue) ORDER BY \(column), id")
                cursors.append((decoder, cursor, nil))
            }
            func advance(_ i: Int) throws {
                if let row = try cursors[i].cursor.next() {
                    let id: String = row[cursors[i].decoder.fields.count]
                    cursors[i].head = (id, try cursors[i].decoder.decode(row))
                } else {
                    cursors[i].head = nil
                }
            }
            let links = try Row.fetchCursor(db, sql: "\(LinkedRecordDecoder.select) ORDER BY person_key, id")
            var linkHead: (id: String, record: any CanonicalRecord)?
            func advanceLinks() throws {
                linkHead = try links.next().map { row in (row[0], try LinkedRecordDecoder.decode(row)) }
            }
            for i in cursors.indices { try advance(i) }
            try advanceLinks()
            while let next = (cursors.compactMap({ $0.head?.id }) + [linkHead?.id].compactMap { $0 }).min() {
                guard
                    let id = (cursors.compactMap({ $0.head?.record.subjectID }) + [linkHead?.record.subjectID].compactMap { $0 })
                        .first(where: { $0.value == next })
                else { break }
                var timeline = PersonTimeline(idNumber: id)
                for i in cursors.indices {
                    while let head = cursors[i].head, head.id == next {
                        timeline.add(head.record)
                        try advance(i)
                    }
                }
                while let head = linkHead, head.id == next {
                    timeline.add(head.record)
                    try advanceLinks()
                }
                try body(timeline.sorted())
            }
        }
    }
}
