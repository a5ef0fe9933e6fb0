import Foundation
import FundWatchCore
import GRDB
import Ledger

/// The bookkeeping every import batch does inside its transaction, whatever the rows come from
/// (canonical CSV or a department export): the batch and file rows, rejected rows, counts, and
/// at the end the ledger entry. One write path for `fundwatch import` and `fundwatch ingest`.
struct BatchWriter {
    let batchID: Int64
    let importedAt: String
    let source: String
    private let rejectStatement: Statement
    private(set) var payloadFiles: [BatchLedgerPayload.File] = []

    /// The batch that already holds a file with these bytes, if any.
    static func previousBatch(db: Database, kind: RecordKind, sha256: String) throws -> Int64? {
        try Int64.fetchOne(
            db, sql: "SELECT batch_id FROM import_file WHERE record_kind = ? AND sha256 = ?", arguments: [kind.rawValue, sha256])
    }

    /// Opens a new batch.
    init(db: Database, source: String, now: Date) throws {
        importedAt = ISO8601DateFormatter().string(from: now)
        self.source = source
        try db.execute(
            sql: "INSERT INTO import_batch (source, imported_at, row_count, rejected_count) VALUES (?, ?, 0, 0)",
            arguments: [source, importedAt])
        batchID = db.lastInsertedRowID
        rejectStatement = try db.makeStatement(
            sql: "INSERT INTO rejected_row (batch_id, file_id, line, field, reason, raw, source_column, code) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
    }

    /// Registers a file of the batch and returns its id. `header` is a canonical file's header
    /// as read, kept so that its rejected rows can be read back in any column order.
    func beginFile(
        db: Database, kind: RecordKind, name: String, sha256: String, feed: String? = nil, specVersion: Int? = nil,
        encoding: String? = nil, header: [String]? = nil
    ) throws -> Int64 {
        try db.execute(
            sql: """
                INSERT INTO import_file (batch_id, record_kind, file_name, sha256, row_count, rejected_count, feed, spec_version, encoding, header)
                VALUES (?, ?, ?, ?, 0, 0, ?, ?, ?, ?)
                """,
            arguments: [batchID, kind.rawValue, name, sha256, feed, specVersion, encoding, header.map(BatchWriter.rawLine)])
        return db.lastInsertedRowID
    }

    /// Keeps a rejected row; `raw` is the row as read, so it can be corrected and imported again.
    func reject(
        fileID: Int64, line: Int, field: String?, reason: String, raw: [String], column: String? = nil, code: String? = nil
    ) throws {
        try rejectStatement.execute(arguments: [batchID, fileID, line, field, reason, BatchWriter.rawLine(raw), column, code])
    }

    /// Records a file's counts.
    mutating func finishFile(
        db: Database, fileID: Int64, kind: RecordKind, name: String, sha256: String, feed: String? = nil,
        specVersion: Int? = nil, imported: Int, rejected: Int
    ) throws {
        try db.execute(
            sql: "UPDATE import_file SET row_count = ?, rejected_count = ? WHERE id = ?", arguments: [imported, rejected, fileID])
        payloadFiles.append(.init(
            name: name, record: kind.rawValue, sha256: sha256, feed: feed, specVersion: specVersion, imported: imported,
            rejected: rejected))
    }

    /// Records the batch's counts and, with a trail, its `import_batch` ledger entry. Called last
    /// inside the transaction, so a ledger that cannot be written rolls the batch back.
    func finish(db: Database, trail: AuditTrail?, actor: String) throws {
        let imported = payloadFiles.reduce(0) { $0 + $1.imported }
        let rejected = payloadFiles.reduce(0) { $0 + $1.rejected }
        let payload = BatchLedgerPayload(
            batchID: batchID, source: source, importedAt: importedAt, files: payloadFiles, imported: imported, rejected: rejected)
        let json = payload.canonicalJSON
        try db.execute(
            sql: "UPDATE import_batch SET row_count = ?, rejected_count = ?, ledger_payload = ? WHERE id = ?",
            arguments: [imported, rejected, String(decoding: json, as: UTF8.self), batchID])
        try trail?.record(.init(type: .importBatch, actor: actor, subject: "import_batch/\(batchID)", payload: json))
    }

    /// The rejected row as it was read, as one CSV line.
    static func rawLine(_ fields: [String]) -> String {
        var writer = CSVWriter()
        writer.write(row: fields)
        return String(decoding: writer.bytes.dropLast(), as: UTF8.self)
    }
}
