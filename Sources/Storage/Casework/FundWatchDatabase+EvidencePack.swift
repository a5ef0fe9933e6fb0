import Casework
import Foundation
import FundWatchCore
import GRDB
import Ledger

extension FundWatchDatabase {
    /// Reads a case's evidence pack (scope-checked): its steps, evidence, findings and rule
    /// versions with their ledger entries, each proved against the log's latest signed
    /// checkpoint; the source records with their provenance; the counter-evidence checked; and
    /// the evidence files, each checked against its hash (a missing or altered file is refused
    /// rather than packed).
    public func evidencePack(
        caseID: String, files: any EvidenceFileStore, in scope: RegionScope, trail: AuditTrail
    ) async throws -> EvidencePack {
        var pack = try await writer.read { db in try Self.readPack(caseID: caseID, in: scope, db) }
        // The checkpoint first: every entry read above is already in it (the ledger entry is
        // written inside the same transaction as its row), so each proof is against this tree.
        let note = try trail.signedCheckpoint()
        let checkpoint = try Checkpoint(text: note.text)
        pack.checkpoint = note.serialized
        pack.treeSize = checkpoint.size
        pack.rootHex = checkpoint.root.hex
        func prove(_ proof: inout EvidencePack.Proof?) throws {
            guard let index = proof?.index, index < checkpoint.size else {
                proof = nil
                return
            }
            let bytes = try trail.entry(at: index)
            trail.lock.lock()
            defer { trail.lock.unlock() }
            let hashes = try trail.log.inclusionProof(index: index, size: checkpoint.size)
            proof = EvidencePack.Proof(
                index: index, entry: String(decoding: bytes, as: UTF8.self), leafHash: RFC9162.leafHash(bytes).hex,
                hashes: hashes.map(\.hex))
        }
        for i in pack.events.indices { try prove(&pack.events[i].proof) }
        for i in pack.evidence.indices { try prove(&pack.evidence[i].proof) }
        for i in pack.findings.indices { try prove(&pack.findings[i].proof) }
        for i in pack.rules.indices { try prove(&pack.rules[i].proof) }
        for item in pack.evidence {
            guard let name = item.fileName else { continue }
            guard let bytes = try files.get(sha256: item.sha256), AuditTrail.sha256Hex(bytes) == item.sha256 else {
                throw CaseRefusal(.notFound, "证据文件“\(item.title)”在数据目录中缺失或已被改动（SHA-256 不符），无法导出证据包")
            }
            pack.files.append((name, bytes))
        }
        return pack
    }

    /// A placeholder proof naming only the ledger index; `evidencePack` fills it in.
    static func pending(_ index: Int64?) -> EvidencePack.Proof? {
        index.map { EvidencePack.Proof(index: UInt64($0), entry: "", leafHash: "", hashes: []) }
    }

    static func readPack(caseID: String, in scope: RegionScope, _ db: Database) throws -> EvidencePack {
        guard let stored = try storedCase(id: caseID, in: scope, db) else { throw caseNotFound(caseID) }
        let events = try Row.fetchAll(db, sql: "SELECT * FROM case_event WHERE case_id = ? ORDER BY id", arguments: [caseID]).map {
            row in
            EvidencePack.Item(
                kind: "event", title: row["action"], detail: (row["detail"] as String?) ?? "", at: WebTime.parse(row["at"]),
                sha256: row["payload_sha256"], fileName: nil, proof: pending(row["ledger_index"]))
        }
        var sources = [EvidencePack.SourceRecord]()
        let evidence = try Row.fetchAll(db, sql: "SELECT * FROM case_evidence WHERE case_id = ? ORDER BY id", arguments: [caseID])
            .map { row in
                let item = evidenceItem(row)
                if let r = item.record {
                    sources.append(
                        EvidencePack.SourceRecord(
                            reference: "\(r.recordType) #\(r.rowID)", recordType: r.recordType, department: r.department,
                            feed: r.feed, batchID: r.batchID, line: r.line))
                }
                let ext = item.fileType.map { $0 == .html ? "html" : $0.rawValue == "text" ? "txt" : $0.rawValue }
                return EvidencePack.Item(
                    kind: "evidence", title: item.title, detail: item.text ?? "", at: item.addedAt, sha256: item.sha256,
                    fileName: item.kind == .file ? "files/\(item.id)-\(item.sha256.prefix(12)).\(ext ?? "bin")" : nil,
                    proof: pending(item.ledgerIndex))
            }
        let findingRows = try Row.fetchAll(
            db,
            sql: """
                SELECT f.*, v.sha256 AS rule_sha256, v.title AS rule_title, v.ledger_index AS rule_ledger_index
                FROM case_alert a JOIN finding f ON f.id = a.finding_id
                LEFT JOIN rule_version v ON v.rule_id = f.rule_id AND v.version = f.rule_version
                WHERE a.case_id = ? ORDER BY f.id
                """,
            arguments: [caseID])
        var findings = [EvidencePack.Item]()
        var rules = [EvidencePack.RuleVersion]()
        for row in findingRows {
            let ruleID: String = row["rule_id"]
            let version: Int = row["rule_version"]
            findings.append(
                EvidencePack.Item(
                    kind: "finding", title: "疑点 #\(row["id"] as Int64)：\(ruleID) 第 \(version) 版（\(row["severity"] as String)）",
                    detail: row["explanation"], at: nil, sha256: row["payload_sha256"], fileName: nil,
                    proof: pending(row["ledger_index"])))
            if !rules.contains(where: { $0.ruleID == ruleID && $0.version == version }) {
                rules.append(
                    EvidencePack.RuleVersion(
                        ruleID: ruleID, version: version, title: (row["rule_title"] as String?) ?? ruleID,
                        sha256: (row["rule_sha256"] as String?) ?? "", proof: pending(row["rule_ledger_index"])))
            }
            let ids = (try? JSONDecoder().decode([String].self, from: Data(((row["records"] as String?) ?? "[]").utf8))) ?? []
            for id in ids.prefix(50) { sources.append(try sourceRecord(id, db)) }
        }
        return EvidencePack(
            stored: stored, checkpoint: "", treeSize: 0, rootHex: "", events: events, evidence: evidence, findings: findings,
            rules: rules, sources: sources, counterChecks: try counterChecks(stored.personIDNumber, db), files: [])
    }

    /// Finds a finding's record id among the tables whose records carry such ids, with provenance.
    /// The id may carry its record type (`benefit_payment:P-1`) or be the bare key.
    static func sourceRecord(_ reference: String, _ db: Database) throws -> EvidencePack.SourceRecord {
        let keyed = [("benefit_payment", "payment_id"), ("medical_settlement", "settlement_id"), ("injury_claim", "claim_id")]
        var candidates = keyed.map { ($0.0, $0.1, reference) }
        if let colon = reference.firstIndex(of: ":"), let table = keyed.first(where: { $0.0 == reference[..<colon] }) {
            candidates.insert((table.0, table.1, String(reference[reference.index(after: colon)...])), at: 0)
        }
        for (table, column, id) in candidates {
            // Table and column names come from the fixed list above.
            if let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT r.batch_id, r.line, f.feed, f.record_kind, b.source FROM \(table) r
                    LEFT JOIN import_file f ON f.id = r.file_id LEFT JOIN import_batch b ON b.id = r.batch_id
                    WHERE r.\(column) = ? LIMIT 1
                    """,
                arguments: [id])
            {
                return EvidencePack.SourceRecord(
                    reference: reference, recordType: table, department: row["source"], feed: row["feed"] ?? row["record_kind"],
                    batchID: row["batch_id"], line: row["line"])
            }
        }
        let type = reference.firstIndex(of: ":").map { String(reference[..<$0]) } ?? "未知"
        return EvidencePack.SourceRecord(
            reference: reference, recordType: type + "（库中未找到该记录）", department: nil, feed: nil, batchID: nil, line: nil)
    }

    /// The records that could contradict a finding about a person (that they are alive, free,
    /// or were somewhere else), counted with their latest date: the counter-evidence checked.
    static func counterChecks(_ idNumber: String?, _ db: Database) throws -> [EvidencePack.CounterCheck] {
        guard let idNumber else { return [] }
        let checks: [(String, String, String)] = [
            ("qualification_check", "check_date", "待遇资格认证（生存认证）：认证在世的记录"),
            ("medical_settlement", "admission_date", "医疗结算：本人就医的记录"),
            ("death_record", "death_date", "死亡登记：各部门登记的死亡"),
            ("custody_record", "start_date", "服刑羁押记录"),
        ]
        return try checks.map { table, column, label in
            // Table and column names come from the fixed list above.
            let row = try Row.fetchOne(
                db, sql: "SELECT COUNT(*) AS n, MAX(\(column)) AS latest FROM \(table) WHERE id_number = ?", arguments: [idNumber])
            return EvidencePack.CounterCheck(
                recordType: table, label: label, count: row?["n"] ?? 0, latest: row?["latest"])
        }
    }
}
