public import Casework
public import Foundation
import FundWatchCore
import GRDB
import Ledger

extension FundWatchDatabase {
    /// Issues a document from a case in one transaction: checks that the case is far enough
    /// along (`CaseDocumentKind.check`), takes the next number for the case's region, kind and
    /// year, renders the HTML with it (`render`), stores the bytes by SHA-256 in `files` and
    /// adds them to the case's evidence, hashed into the ledger. Nothing is written if any step
    /// is refused (`CaseRefusal`).
    public func issueCaseDocument(
        caseID: String, kind: CaseDocumentKind, render: @escaping @Sendable (DocumentNumber) throws -> [UInt8],
        files: any EvidenceFileStore,
        by actor: CaseActor, in scope: RegionScope, at time: Date, trail: AuditTrail
    ) async throws -> IssuedDocument {
        try await writeRecording(
            { db in
            guard let stored = try Self.storedCase(id: caseID, in: scope, db) else { throw Self.caseNotFound(caseID) }
            let measures = try Self.measures(caseID: caseID, db)
            let owed = measures.recoveries.reduce(Int64(0)) { $0 + $1.value.owed.fen }
            let facts = CaseDocumentFacts(
                state: stored.state, outcome: stored.outcome, owedFen: owed, hasFreeze: !measures.freezes.isEmpty,
                hasReferral: !measures.referrals.isEmpty)
            if case .failure(let refusal) = kind.check(facts) { throw refusal }
            let year = Self.chinaDate(time).year
            let sequence =
                (try Int.fetchOne(
                    db, sql: "SELECT MAX(sequence) FROM case_document WHERE region_code = ? AND kind = ? AND year = ?",
                    arguments: [stored.regionCode, kind.rawValue, year]) ?? 0) + 1
            let office = RegionCatalog.shared.region(stored.regionCode)?.name ?? stored.regionCode
            let number = DocumentNumber(office: office, kind: kind, year: year, sequence: sequence)
            let bytes = try render(number)
            let sha = AuditTrail.sha256Hex(bytes)
            try files.put(bytes, sha256: sha)
            let item = try Self.insertEvidence(
                caseID: caseID, kind: .file, title: "\(kind.chinese) \(number)", sha256: sha,
                columns: ["size": bytes.count.databaseValue, "file_type": EvidenceFileType.html.rawValue.databaseValue],
                source: "document/\(kind.rawValue)", by: actor, in: scope, at: time, trail: trail,
                allowingFinished: kind == .closingReport, db)
            try db.execute(
                sql: """
                    INSERT INTO case_document (case_id, kind, region_code, year, sequence, number, sha256, evidence_id, issued_by, issued_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    caseID, kind.rawValue, stored.regionCode, year, sequence, number.description, sha, item.id, actor.name,
                    WebTime.format(time),
                ])
            return IssuedDocument(
                id: db.lastInsertedRowID, caseID: caseID, kind: kind, number: number.description, sha256: sha,
                evidenceID: item.id, ledgerIndex: item.ledgerIndex, issuedBy: actor.name, issuedAt: time)
            },
            then: { db, issued in
                // The evidence item's ledger index, filled in by the ledger step.
                var document = issued
                document.ledgerIndex = try Int64.fetchOne(
                    db, sql: "SELECT ledger_index FROM case_evidence WHERE id = ?", arguments: [issued.evidenceID])
                return document
            })
    }

    /// The documents issued from a case, oldest first (scope-checked).
    public func caseDocuments(caseID: String, in scope: RegionScope) async throws -> [IssuedDocument] {
        try await writer.read { db in
            guard try Self.storedCase(id: caseID, in: scope, db) != nil else { throw Self.caseNotFound(caseID) }
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT d.*, e.ledger_index FROM case_document d JOIN case_evidence e ON e.id = d.evidence_id
                    WHERE d.case_id = ? ORDER BY d.id
                    """,
                arguments: [caseID]
            ).map { row in
                IssuedDocument(
                    id: row["id"], caseID: row["case_id"], kind: CaseDocumentKind(rawValue: row["kind"]) ?? .auditNotice,
                    number: row["number"], sha256: row["sha256"], evidenceID: row["evidence_id"],
                    ledgerIndex: row["ledger_index"], issuedBy: row["issued_by"],
                    issuedAt: WebTime.parse(row["issued_at"]) ?? .distantPast)
            }
        }
    }
}
