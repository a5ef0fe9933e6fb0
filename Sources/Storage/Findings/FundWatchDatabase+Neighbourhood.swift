public import FundWatchCore
import GRDB

extension FundWatchDatabase {
    /// The timelines a pre-payment check needs beside the payee's own: the persons registered at
    /// the payee's address (their household: a survivor benefit needs a death there) and the
    /// holders of the account the payment goes to. The nightly batch builds the same facts for
    /// everyone at once; a single check reads only these.
    ///
    /// Accepted person merges are followed as the batch readers follow them: a neighbour known
    /// under two ID numbers is one timeline (the survivor's, with both keys' records), and a key
    /// of the payee's own merged person is not a neighbour.
    public func neighbourhood(of id: IDNumber, account: String?) async throws -> [PersonTimeline] {
        try await writer.read { db in
            var ids = Set<String>()
            let address = try String.fetchOne(
                db, sql: "SELECT address FROM person WHERE id_number = ? AND address IS NOT NULL AND address != '' LIMIT 1",
                arguments: [id.value])
            if let address {
                ids.formUnion(try String.fetchAll(db, sql: "SELECT id_number FROM person WHERE address = ?", arguments: [address]))
            }
            if let account, !account.isEmpty {
                ids.formUnion(
                    try String.fetchAll(db, sql: "SELECT holder_id_number FROM bank_account WHERE account = ?", arguments: [account]))
            }
            let merges = try PersonMergeMap.load(db)
            let survivors = Set(ids.map { merges.survivorOf[$0] ?? $0 })
                .subtracting([merges.survivorOf[id.value] ?? id.value])
            var timelines = [PersonTimeline]()
            for other in survivors.sorted() {
                guard let parsed = try? IDNumber(other, today: PersonMergeMap.farFuture),
                    let t = try Self.timeline(for: parsed, db: db),
                    let merged = try merges.apply(t, db: db)
                else { continue }
                timelines.append(merged)
            }
            return timelines
        }
    }
}
