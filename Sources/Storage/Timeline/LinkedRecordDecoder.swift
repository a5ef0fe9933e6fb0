import Foundation
import FundWatchCore
import GRDB

/// Reads the records that `fundwatch resolve` linked to a person (rows kept aside at import for
/// a mistyped or missing ID number) back as canonical records under the person's key.
enum LinkedRecordDecoder {
    /// The SELECT of `person_link`: person key first, then what `decode` reads.
    static let select = "SELECT person_key, record_kind, record_values FROM person_link"

    private static let farFuture = CivilDate(year: 9999, month: 12, day: 31)!

    /// Decodes a row of `select`.
    static func decode(_ row: Row) throws -> any CanonicalRecord {
        let key: String = row[0]
        let kindName: String = row[1]
        let json: String = row[2]
        guard let kind = RecordKind(rawValue: kindName),
            let values = try? JSONDecoder().decode([String].self, from: Data(json.utf8))
        else {
            throw StoredDataError(table: "person_link", problem: "record kind \(kindName) or its values cannot be read")
        }
        let record = UnresolvedRecord(table: "", rowid: 0, kind: kind, rawID: "", values: values)
        do {
            return try record.record(as: key, today: farFuture)
        } catch {
            throw StoredDataError(table: "person_link", problem: "\(error)")
        }
    }
}
