public import FundWatchCore
import GRDB

extension FundWatchDatabase {
    /// Every staff row (稽核与经办人员), for linking benefit operators to persons in audits.
    public func allStaff() async throws -> [Staff] {
        try await writer.read { db in
            let decoder = StoredRecordDecoder(kind: .staff)
            let rows = try Row.fetchCursor(db, sql: "SELECT \(decoder.selectList) FROM staff ORDER BY id")
            var staff = [Staff]()
            while let row = try rows.next() {
                if let member = try decoder.decode(row) as? Staff { staff.append(member) }
            }
            return staff
        }
    }
}
