import FundWatchCore
import GRDB

/// Where the stored records stand: the highest row id of every record table and of the
/// resolver's links. Records and links are only ever inserted (an import adds a batch, `resolve`
/// adds links), so two equal generations mean the same timelines; anything built from the
/// timelines (the payment check's population in memory) is current while the generation is.
public struct RecordsGeneration: Sendable, Hashable, CustomStringConvertible {
    /// One watermark per table, in `FundWatchDatabase.generationTables` order.
    public let watermarks: [Int64]

    public init(watermarks: [Int64]) { self.watermarks = watermarks }

    public var description: String { watermarks.map(String.init).joined(separator: ".") }
}

extension FundWatchDatabase {
    /// The tables whose rows make up timelines.
    static let generationTables: [String] = RecordKind.allCases.map(\.rawValue) + ["person_link"]

    /// One statement; each `MAX(rowid)` is a single step down its table's b-tree, so this costs
    /// microseconds however large the tables are.
    static let generationSQL =
        "SELECT " + generationTables.map { "(SELECT IFNULL(MAX(rowid), 0) FROM \($0))" }.joined(separator: ", ")

    /// The current generation of the stored records.
    public func recordsGeneration() async throws -> RecordsGeneration {
        try await writer.read { db in try Self.recordsGeneration(db) }
    }

    static func recordsGeneration(_ db: Database) throws -> RecordsGeneration {
        var watermarks = [Int64]()
        if let row = try Row.fetchOne(try db.cachedStatement(sql: generationSQL)) {
            for i in 0..<generationTables.count { watermarks.append(row[i] as Int64) }
        }
        return RecordsGeneration(watermarks: watermarks)
    }
}
