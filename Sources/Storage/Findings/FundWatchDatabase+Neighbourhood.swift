public import FundWatchCore
import GRDB

extension FundWatchDatabase {
    /// The timelines a pre-payment check needs beside the payee's own: the persons registered at
    /// the payee's address (their household: a survivor benefit needs a death there) and the
    /// holders of the account the payment goes to. The nightly batch builds the same facts for
    /// everyone at once; a single check reads only these.
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
            ids.remove(id.value)
            var timelines = [PersonTimeline]()
            for other in ids.sorted() {
                guard let parsed = try? IDNumber(other, today: CivilDate(year: 9999, month: 12, day: 31)!),
                    let t = try Self.timeline(for: parsed, db: db)
                else { continue }
                timelines.append(t)
            }
            return timelines
        }
    }
}
