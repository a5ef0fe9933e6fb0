public import Foundation
public import GRDB

/// The FundWatch database: canonical records, import batches and rejected rows.
///
/// A `Sendable` façade over any GRDB writer, as GRDB's `AppDatabase` pattern lays out: it
/// migrates on creation and offers methods named after what they do. The embedded default is a
/// `DatabasePool` (WAL) in the data folder; tests use an in-memory `DatabaseQueue`.
public struct FundWatchDatabase: Sendable {
    /// The underlying writer, for the modules that add their own queries.
    public let writer: any DatabaseWriter

    /// Wraps a writer and brings its schema up to date.
    public init(_ writer: any DatabaseWriter) throws {
        self.writer = writer
        try Self.migrator.migrate(writer)
    }

    /// The migrations, in order. Only ever appended to.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration(Migration001.identifier, migrate: Migration001.migrate)
        migrator.registerMigration(Migration002.identifier, migrate: Migration002.migrate)
        migrator.registerMigration(Migration003.identifier, migrate: Migration003.migrate)
        migrator.registerMigration(Migration004.identifier, migrate: Migration004.migrate)
        migrator.registerMigration(Migration005.identifier, migrate: Migration005.migrate)
        migrator.registerMigration(Migration006.identifier, migrate: Migration006.migrate)
        migrator.registerMigration(Migration008.identifier, migrate: Migration008.migrate)
        migrator.registerMigration(Migration009.identifier, migrate: Migration009.migrate)
        migrator.registerMigration(Migration010.identifier, migrate: Migration010.migrate)
        migrator.registerMigration(Migration011.identifier, migrate: Migration011.migrate)
        migrator.registerMigration(Migration012.identifier, migrate: Migration012.migrate)
        migrator.registerMigration(Migration013.identifier, migrate: Migration013.migrate)
        migrator.registerMigration(Migration014.identifier, migrate: Migration014.migrate)
        migrator.registerMigration(Migration015.identifier, migrate: Migration015.migrate)
        migrator.registerMigration(Migration016.identifier, migrate: Migration016.migrate)
        migrator.registerMigration(Migration017.identifier, migrate: Migration017.migrate)
        migrator.registerMigration(Migration018.identifier, migrate: Migration018.migrate)
        return migrator
    }

    /// Opens (creating if needed) the database file in a data folder, in WAL mode.
    public static func open(dataFolder: URL) throws -> FundWatchDatabase {
        try FileManager.default.createDirectory(at: dataFolder, withIntermediateDirectories: true)
        var config = Configuration()
        config.prepareDatabase { db in
            // Larger pages halve the B-tree pages a bulk import touches; only takes effect when
            // the file is created.
            try db.execute(sql: "PRAGMA page_size = 16384")
            // WAL with NORMAL sync is durable across application crashes and only risks the last
            // transactions on power loss; imports are re-runnable and idempotent.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // Imports insert into person indexes in ID order, not row order: a page cache of
            // 128 MiB (allocated only as used) keeps those index pages from being re-read.
            try db.execute(sql: "PRAGMA cache_size = -131072")
        }
        let pool = try DatabasePool(path: dataFolder.appendingPathComponent("fundwatch.sqlite").path, configuration: config)
        return try FundWatchDatabase(pool)
    }

    /// An empty in-memory database, for tests and one-off work.
    public static func inMemory() throws -> FundWatchDatabase {
        try FundWatchDatabase(try DatabaseQueue())
    }
}
