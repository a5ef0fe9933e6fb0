public import Casework
public import Foundation
import GRDB
import Ledger

extension FundWatchDatabase {
    /// A case's evidence chain, oldest first (scope-checked).
    public func caseEvidence(caseID: String, in scope: RegionScope) async throws -> [EvidenceItem] {
        try await writer.read { db in
            guard try Self.storedCase(id: caseID, in: scope, db) != nil else { throw Self.caseNotFound(caseID) }
            return try Row.fetchAll(db, sql: "SELECT * FROM case_evidence WHERE case_id = ? ORDER BY id", arguments: [caseID])
                .map(Self.evidenceItem)
        }
    }

    /// Adds a file to a case's evidence: checked against `policy` by size and by content
    /// (`evidence_too_large`, `evidence_type`), stored by SHA-256 in `files`, and hashed into the
    /// ledger as an `evidence` entry whose payload hash is the file's own SHA-256.
    public func addEvidenceFile(
        caseID: String, bytes: [UInt8], name: String, policy: EvidencePolicy, files: any EvidenceFileStore,
        by actor: CaseActor, in scope: RegionScope, at time: Date, trail: AuditTrail
    ) async throws -> EvidenceItem {
        let type = try policy.check(bytes, name: name).get()
        let sha = AuditTrail.sha256Hex(bytes)
        // The bytes go first: a row never points at a file that is not there.
        try files.put(bytes, sha256: sha)
        let title = name.trimmingCharacters(in: .whitespacesAndNewlines)
        return try await insertEvidence(
            caseID: caseID, kind: .file, title: title.isEmpty ? "未命名文件" : String(title.prefix(200)), sha256: sha,
            columns: ["size": bytes.count.databaseValue, "file_type": type.rawValue.databaseValue], source: "upload", by: actor, in: scope, at: time,
            trail: trail)
    }

    /// Adds a note to a case's evidence, hashed into the ledger (the payload hash is the text's SHA-256).
    public func addEvidenceNote(
        caseID: String, title: String, text: String, source: String = "note", by actor: CaseActor, in scope: RegionScope,
        at time: Date, trail: AuditTrail
    ) async throws -> EvidenceItem {
        let body = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !body.isEmpty else { throw CaseRefusal(.invalidInput, "证据说明不能为空") }
        let title = title.trimmingCharacters(in: .whitespacesAndNewlines)
        return try await insertEvidence(
            caseID: caseID, kind: .note, title: title.isEmpty ? "说明" : title, sha256: AuditTrail.sha256Hex(Data(body.utf8)),
            columns: ["text": body.databaseValue], source: source, by: actor, in: scope, at: time, trail: trail)
    }

    /// Links a source record (e.g. `benefit_payment` row 42) to a case's evidence with its
    /// provenance read from the import tables: department (the batch's source), feed, import
    /// batch and line. Refused when the record type or row does not exist.
    public func linkEvidenceRecord(
        caseID: String, recordType: String, rowID: Int64, by actor: CaseActor, in scope: RegionScope, at time: Date,
        trail: AuditTrail
    ) async throws -> EvidenceItem {
        guard Self.evidenceRecordTables.contains(recordType) else {
            let list = Self.evidenceRecordTables.sorted().joined(separator: "、")
            throw CaseRefusal(.invalidInput, "不支持的记录类型 \(recordType)；可用：\(list)")
        }
        let link: SourceRecordLink = try await writer.read { db in
            // The table name comes from the fixed list above, never from the caller's text.
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT r.batch_id, r.line, f.feed, f.record_kind, b.source FROM \(recordType) r
                        LEFT JOIN import_file f ON f.id = r.file_id LEFT JOIN import_batch b ON b.id = r.batch_id
                        WHERE r.rowid = ?
                        """,
                    arguments: [rowID])
            else { throw CaseRefusal(.notFound, "没有 \(recordType) 第 \(rowID) 行记录") }
            return SourceRecordLink(
                recordType: recordType, rowID: rowID, department: row["source"], feed: row["feed"] ?? row["record_kind"],
                batchID: row["batch_id"], line: row["line"])
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let sha = AuditTrail.sha256Hex(try encoder.encode(link))
        return try await insertEvidence(
            caseID: caseID, kind: .record, title: "\(recordType) #\(rowID)", sha256: sha,
            columns: [
                "record_type": recordType.databaseValue, "row_id": rowID.databaseValue,
                "department": link.department.databaseValue, "feed": link.feed.databaseValue,
                "batch_id": link.batchID.databaseValue, "line": link.line.databaseValue,
            ], source: "record", by: actor, in: scope, at: time, trail: trail)
    }

    /// The bytes of a file item of a case (scope-checked), verified against its hash.
    public func evidenceFile(
        caseID: String, itemID: Int64, files: any EvidenceFileStore, in scope: RegionScope
    ) async throws -> (item: EvidenceItem, bytes: [UInt8]) {
        let item = try await caseEvidence(caseID: caseID, in: scope).first { $0.id == itemID && $0.kind == .file }
        guard let item else { throw CaseRefusal(.notFound, "案件 \(caseID) 没有编号为 \(itemID) 的证据文件") }
        guard let bytes = try files.get(sha256: item.sha256), AuditTrail.sha256Hex(bytes) == item.sha256 else {
            throw CaseRefusal(.notFound, "证据文件 \(itemID) 在数据目录中缺失或已被改动（SHA-256 不符）")
        }
        return (item, bytes)
    }

    /// The canonical record tables a case may link to.
    static let evidenceRecordTables: Set<String> = [
        "person", "enrollment", "contribution", "benefit_payment", "medical_settlement", "injury_claim", "death_record",
        "custody_record", "employment_record", "bank_account", "institution", "qualification_check",
    ]

    private func insertEvidence(
        caseID: String, kind: EvidenceItem.Kind, title: String, sha256: String, columns: [String: DatabaseValue],
        source: String, by actor: CaseActor, in scope: RegionScope, at time: Date, trail: AuditTrail
    ) async throws -> EvidenceItem {
        // Read again after the ledger step, which fills in the item's ledger index.
        try await writeRecording(
            { db in
                try Self.insertEvidence(
                    caseID: caseID, kind: kind, title: title, sha256: sha256, columns: columns, source: source, by: actor,
                    in: scope, at: time, trail: trail, db)
            },
            then: { db, item in
                Self.evidenceItem(try Row.fetchOne(db, sql: "SELECT * FROM case_evidence WHERE id = ?", arguments: [item.id])!)
            })
    }

    /// `insertEvidence` inside the caller's transaction (an issued document adds its evidence
    /// item in the same transaction as its number).
    static func insertEvidence(
        caseID: String, kind: EvidenceItem.Kind, title: String, sha256: String, columns: [String: DatabaseValue],
        source: String, by actor: CaseActor, in scope: RegionScope, at time: Date, trail: AuditTrail,
        allowingFinished: Bool = false, _ db: Database
    ) throws -> EvidenceItem {
        guard actor.role != .leader else { throw CaseRefusal(.forbidden, "领导不承办案件，不能添加证据") }
        let current = try Self.lockedCase(id: caseID, expectedVersion: nil, in: scope, db)
        // A closed case takes no new evidence; its closing report is the one exception.
        guard allowingFinished || !current.state.isFinished else {
            throw CaseRefusal(.invalidTransition, "案件已\(current.state.chinese)，不能再添加证据；如有新证据请先重新启动案件")
        }
        let at = WebTime.format(time)
        let names = columns.keys.sorted()
        var arguments: StatementArguments = [caseID, kind.rawValue, title, sha256, source, actor.name, at]
        for name in names { _ = arguments.append(contentsOf: [columns[name] ?? .null]) }
        let extra = names.map { ", \($0)" }.joined()
        let marks = String(repeating: ", ?", count: names.count)
        try db.execute(
            sql: "INSERT INTO case_evidence (case_id, kind, title, sha256, source, added_by, added_at\(extra)) VALUES (?, ?, ?, ?, ?, ?, ?\(marks))",
            arguments: arguments)
        let itemID = db.lastInsertedRowID
        // The item itself: its ledger entry's payload hash is the content's SHA-256, so anyone
        // holding the file (or text) can check it against the log.
        try LedgerBatch.append(
            AuditTrail.Record(type: .evidence, actor: actor.name, subject: "case/\(caseID)/evidence/\(itemID)", payloadSHA256: sha256),
            to: trail, db
        ) { index, db in
            try db.execute(sql: "UPDATE case_evidence SET ledger_index = ? WHERE id = ?", arguments: [Int64(index), itemID])
        }
        try Self.touchCase(current, at: time, db)
        try Self.recordCaseEvent(
            caseID: caseID, action: "add_evidence", actor: actor.name, at: time, from: current.state, to: current.state,
            detail: "\(kind.rawValue)：\(title)",
            fields: [("evidence_id", String(itemID)), ("evidence_sha256", sha256), ("version", String(current.version + 1))],
            trail: trail, db)
        return Self.evidenceItem(try Row.fetchOne(db, sql: "SELECT * FROM case_evidence WHERE id = ?", arguments: [itemID])!)
    }

    static func evidenceItem(_ row: Row) -> EvidenceItem {
        let kind = EvidenceItem.Kind(rawValue: row["kind"]) ?? .note
        let record: SourceRecordLink? =
            if kind == .record, let type = row["record_type"] as String?, let rowID = row["row_id"] as Int64? {
                SourceRecordLink(
                    recordType: type, rowID: rowID, department: row["department"], feed: row["feed"], batchID: row["batch_id"],
                    line: row["line"])
            } else { nil }
        return EvidenceItem(
            id: row["id"], caseID: row["case_id"], kind: kind, title: row["title"], sha256: row["sha256"], size: row["size"],
            fileType: (row["file_type"] as String?).flatMap(EvidenceFileType.init), text: row["text"], record: record,
            source: row["source"], addedBy: row["added_by"], addedAt: WebTime.parse(row["added_at"]) ?? .distantPast,
            ledgerIndex: row["ledger_index"])
    }
}

/// The store as Collaboration sees it: notes added to cases by id, hashed into the ledger.
/// National scope: the caller (a verification answer) was already checked against the case.
public struct CaseEvidenceLog: CaseEvidenceRecorder {
    let database: FundWatchDatabase
    let trail: AuditTrail
    let now: @Sendable () -> Date

    public init(database: FundWatchDatabase, trail: AuditTrail, now: @escaping @Sendable () -> Date) {
        self.database = database
        self.trail = trail
        self.now = now
    }

    public func addEvidenceNote(caseID: String, title: String, text: String, source: String, actor: String) async throws
        -> EvidenceItem
    {
        try await database.addEvidenceNote(
            caseID: caseID, title: title, text: text, source: source,
            by: CaseActor(name: actor, role: .auditor, regionCode: RegionScope.nationCode),
            in: RegionScope(code: RegionScope.nationCode)!, at: now(), trail: trail)
    }
}
