public import Casework
public import FundWatchCore
import GRDB

/// Where everything the pre-payment check reads besides the rules stands: the stored records'
/// generation and the blacklist's. A server that holds both in memory compares this one
/// statement's answer with what it holds, instead of reading the blacklist on every check.
public struct PaymentCheckVersion: Sendable, Hashable {
    public let records: RecordsGeneration
    /// The blacklist's highest entry id and the number of entries lifted: entries are only
    /// inserted and lifted (`FundWatchDatabase.applyMeasure`), so equal pairs mean equal lists.
    public let blacklist: [Int64]

    public init(records: RecordsGeneration, blacklist: [Int64]) {
        self.records = records
        self.blacklist = blacklist
    }
}

/// The blacklist entries not lifted, by subject (ID number or institution id), as of one version.
public struct BlacklistInForce: Sendable {
    public let version: [Int64]
    public let bySubject: [String: [Identified<BlacklistEntry>]]

    /// The entries for `subjectID` in force on `date`, in id order, as
    /// `FundWatchDatabase.activeBlacklistEntries` reads them.
    public func entries(for subjectID: String, on date: CivilDate) -> [Identified<BlacklistEntry>] {
        guard let listed = bySubject[subjectID] else { return [] }
        return listed.filter { $0.value.start <= date && $0.value.end >= date }
    }
}

extension FundWatchDatabase {
    static let blacklistVersionSQL =
        "SELECT (SELECT IFNULL(MAX(id), 0) FROM case_blacklist), (SELECT COUNT(*) FROM case_blacklist WHERE lifted_by IS NOT NULL)"

    /// The records' generation and the blacklist's version, in one read.
    public func paymentCheckVersion() async throws -> PaymentCheckVersion {
        try await writer.read { db in
            PaymentCheckVersion(records: try Self.recordsGeneration(db), blacklist: try Self.blacklistVersion(db))
        }
    }

    static func blacklistVersion(_ db: Database) throws -> [Int64] {
        guard let row = try Row.fetchOne(try db.cachedStatement(sql: blacklistVersionSQL)) else { return [0, 0] }
        return [row[0] as Int64, row[1] as Int64]
    }

    /// Every blacklist entry not lifted, with the version it was read at.
    public func blacklistInForce() async throws -> BlacklistInForce {
        try await writer.read { db in
            let version = try Self.blacklistVersion(db)
            var bySubject = [String: [Identified<BlacklistEntry>]]()
            for row in try Row.fetchAll(db, sql: "SELECT * FROM case_blacklist WHERE lifted_by IS NULL ORDER BY id") {
                guard let entry = Self.blacklistEntry(row) else { continue }
                bySubject[entry.value.subjectID, default: []].append(entry)
            }
            return BlacklistInForce(version: version, bySubject: bySubject)
        }
    }
}
