import Casework
import Foundation
import FundWatchCore
import GRDB
import Ledger
import Storage
import Testing

/// The case store over an in-memory database and a ledger in a temporary folder: opening from
/// alerts, optimistic locking, region scope, measures, evidence and the ledger records.
@Suite struct CaseStoreTests {
    static let start = Date(timeIntervalSince1970: 1_790_000_000)  // 2026-09-21
    let database: FundWatchDatabase
    let trail: AuditTrail
    let folder: String
    /// Alert ids by county: two in 370102 (same person), one in 370103.
    let alerts: [String: [Int64]]
    let lixia = RegionScope(code: "370102")!
    let shizhong = RegionScope(code: "370103")!
    let jinan = RegionScope(code: "370100")!
    static let auditor = CaseActor(name: "user/lixia.auditor", role: .auditor, regionCode: "370102")
    static let reviewer = CaseActor(name: "user/lixia.reviewer", role: .reviewer, regionCode: "370102")
    static let supervisor = CaseActor(name: "user/lixia.supervisor", role: .supervisor, regionCode: "370102")
    static let supervisor2 = CaseActor(name: "user/lixia.supervisor2", role: .supervisor, regionCode: "370102")
    static let city = CaseActor(name: "user/jinan.supervisor", role: .supervisor, regionCode: "370100")

    init() async throws {
        database = try FundWatchDatabase.inMemory()
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("fw-case-\(UUID().uuidString)").path
        trail = try AuditTrail.open(data: folder, clock: .fixed(Self.start))
        let lixiaPerson = IDNumber(region: "370102", birthDate: CivilDate(year: 1950, month: 3, day: 1)!, sequence: 11)
        let shizhongPerson = IDNumber(region: "370103", birthDate: CivilDate(year: 1951, month: 3, day: 1)!, sequence: 12)
        var findings = [FindingInput]()
        for (county, id, rule) in [
            ("370102", lixiaPerson, "pension_after_death"), ("370102", lixiaPerson, "pension_no_survival_check"),
            ("370103", shizhongPerson, "pension_after_death"),
        ] {
            findings.append(
                FindingInput(
                    ruleID: rule, ruleVersion: 1, idNumber: id.value, kind: "fraud", severity: "red", score: 0, riskScore: 0.9,
                    amountAtRisk: 150_000, records: ["benefit_payment:P-\(county)"], explanation: "死亡后仍领取养老金",
                    regionCode: county, shadow: false, payload: Data("\(county)-\(rule)".utf8)))
        }
        _ = try await database.storeAudit(
            run: AuditRunInput(startedAt: Self.start, asOf: CivilDate(year: 2026, month: 9, day: 21)!, actor: "test", persons: 2, failures: 0),
            rules: [
                RuleVersionInput(ruleID: "pension_after_death", version: 1, sha256: String(repeating: "a", count: 64), status: "active", title: "死亡后继续领取养老金"),
                RuleVersionInput(ruleID: "pension_no_survival_check", version: 1, sha256: String(repeating: "b", count: 64), status: "active", title: "未做资格认证"),
            ],
            findings: findings)
        var alerts = [String: [Int64]]()
        for f in try await database.findings() { alerts[f.regionCode!, default: []].append(f.id) }
        self.alerts = alerts.mapValues { $0.sorted() }
        try await database.writer.write { db in
            for (name, role, region) in [
                ("lixia.auditor", "auditor", "370102"), ("lixia.auditor2", "auditor", "370102"),
                ("lixia.supervisor", "supervisor", "370102"), ("shizhong.auditor", "auditor", "370103"),
            ] {
                try db.execute(
                    sql: "INSERT INTO web_user (username, display_name, role, region_code, password_hash, created_at) VALUES (?, ?, ?, ?, 'x', '2026-01-01')",
                    arguments: [name, name, role, region])
            }
        }
    }

    func open(_ scope: RegionScope? = nil, alerts ids: [Int64]? = nil) async throws -> StoredCase {
        try await database.openCase(
            NewCase(alertIDs: ids ?? alerts["370102"]!), by: Self.auditor, in: scope ?? lixia, at: Self.start, trail: trail)
    }

    @Test func openingFromAlertsTurnsThemIntoACaseAndRecordsIt() async throws {
        let c = try await open()
        #expect(c.id == "370102-2026-000001")
        #expect(c.state == .clue && c.version == 1)
        #expect(c.alertIDs == alerts["370102"]!)
        #expect(c.amountAtRisk == Money(fen: 300_000))
        #expect(c.caseType == "pension_after_death")
        // Two auditors with no cases: the smaller id wins, and the reason says why.
        #expect(c.assignee == "user/lixia.auditor")
        #expect(c.assignmentReason == "同区县在办案件最少：0 件")
        for id in alerts["370102"]! {
            #expect(try await database.alert(id: id, in: lixia)?.status == .case)
            #expect(try await database.alertEvents(alertID: id).last?.action == "open_case")
        }
        // The next case goes to the other auditor, who now has fewer open cases.
        let second = try await database.openCase(
            NewCase(regionCode: "370102", caseType: "manual", title: "群众举报"), by: Self.auditor, in: lixia, at: Self.start, trail: trail)
        #expect(second.id == "370102-2026-000002")
        #expect(second.assignee == "user/lixia.auditor2")
        // The opening event is in the ledger with its payload hash, and its inclusion verifies.
        let event = try #require(try await database.caseEvents(caseID: c.id, in: lixia).first)
        #expect(event.action == "open" && event.toState == .clue)
        #expect(event.payloadSHA256 == AuditTrail.sha256Hex(Data(event.payload.utf8)))
        try verifyInLedger(index: UInt64(try #require(event.ledgerIndex)), type: .caseEvent, sha: event.payloadSHA256)
        #expect(try await database.caseTasks(caseID: c.id, in: lixia).map(\.kind) == ["clue"])
    }

    @Test func openingRefusesAlertsOutsideTheScopeOrMixed() async throws {
        await #expect(throws: WebStoreError.self) { try await open(alerts: alerts["370103"]!) }
        let mixed = try await #require(throws: CaseRefusal.self) {
            try await database.openCase(
                NewCase(alertIDs: alerts["370102"]! + alerts["370103"]!), by: Self.city, in: jinan, at: Self.start, trail: trail)
        }
        #expect(mixed.code == .invalidInput)
        // Nothing half-written: the 370102 alerts are still open.
        #expect(try await database.alert(id: alerts["370102"]![0], in: lixia)?.status == .new)
        let manual = try await #require(throws: CaseRefusal.self) {
            try await database.openCase(NewCase(regionCode: "370103", caseType: "x"), by: Self.auditor, in: lixia, at: Self.start, trail: trail)
        }
        #expect(manual.code == .forbidden)
    }

    @Test func staleVersionsAreRefused() async throws {
        let c = try await open()
        let moved = try await database.actOnCase(
            id: c.id, .startVerification, expectedVersion: c.version, by: Self.auditor, in: lixia, at: Self.start, trail: trail)
        #expect(moved.version == 2 && moved.state == .verification)
        // A second person acting on the version they read earlier is refused, and nothing changes.
        let refusal = try await #require(throws: CaseRefusal.self) {
            try await database.actOnCase(
                id: c.id, .dismiss(reason: "线索不实，不予立案"), expectedVersion: 1, by: Self.reviewer, in: lixia, at: Self.start,
                trail: trail)
        }
        #expect(refusal.code == .staleVersion)
        #expect(refusal.reason.contains("第 1 版") && refusal.reason.contains("第 2 版"))
        let after = try #require(try await database.storedCase(id: c.id, in: lixia))
        #expect(after.state == .verification && after.version == 2)
        #expect(try await database.caseEvents(caseID: c.id, in: lixia).count == 2)
    }

    @Test func readsAndStepsStayInsideTheRegion() async throws {
        let c = try await open()
        #expect(try await database.storedCase(id: c.id, in: shizhong) == nil)
        #expect(try await database.storedCase(id: c.id, in: jinan)?.id == c.id)
        #expect(try await database.cases(in: shizhong).isEmpty)
        #expect(try await database.cases(in: jinan).map(\.id) == [c.id])
        let refusal = try await #require(throws: CaseRefusal.self) {
            try await database.actOnCase(
                id: c.id, .startVerification, expectedVersion: 1, by: Self.auditor, in: shizhong, at: Self.start, trail: trail)
        }
        #expect(refusal.code == .notFound)
        await #expect(throws: CaseRefusal.self) { try await database.caseEvents(caseID: c.id, in: shizhong) }
        await #expect(throws: CaseRefusal.self) {
            try await database.applyMeasure(
                .startRecovery(owed: Money(fen: 1), plan: []), caseID: c.id, by: Self.auditor, in: shizhong, at: Self.start, trail: trail)
        }
    }

    /// clue → … → enforcement → recovery with two payments → supervised sign-off → closed.
    @Test func theWholeLoopWithRecoveryAndSupervision() async throws {
        var c = try await open()
        func act(_ action: CaseAction, _ actor: CaseActor, scope: RegionScope? = nil, days: Double = 0) async throws {
            c = try await database.actOnCase(
                id: c.id, action, expectedVersion: c.version, by: actor, in: scope ?? lixia,
                at: Self.start.addingTimeInterval(days * 86_400), trail: trail)
        }
        try await act(.startVerification, Self.auditor)
        try await act(.fileCase, Self.reviewer)
        try await act(.supervise(deadline: Self.start.addingTimeInterval(30 * 86_400)), Self.city, scope: jinan)
        #expect(c.supervision?.regionCode == "370100")
        try await act(.decide(outcome: .confirmedFraud, summary: "死亡后冒领养老金 3000 元"), Self.supervisor, days: 1)
        #expect(c.decidedBy == Self.supervisor.name)
        // Measures start only after the decision; this one is before enforcement started: allowed.
        let recovery = try await database.applyMeasure(
            .startRecovery(owed: Money(fen: 300_000), plan: []), caseID: c.id, expectedVersion: c.version, by: Self.auditor,
            in: lixia, at: Self.start, trail: trail)
        c = try #require(try await database.storedCase(id: c.id, in: lixia))
        try await act(.startEnforcement, Self.auditor, days: 2)
        let early = try await #require(throws: CaseRefusal.self) { try await act(.close(summary: "追回完毕结案"), Self.reviewer, days: 3) }
        #expect(early.code == .measuresUnfinished)
        for amount in [100_000, 200_000] as [Int64] {
            try await database.applyMeasure(
                .recordPayment(recoveryID: recovery, amount: Money(fen: amount), receivedOn: CivilDate(year: 2026, month: 10, day: 1)!),
                caseID: c.id, by: Self.auditor, in: lixia, at: Self.start, trail: trail)
        }
        let measures = try await database.caseMeasures(caseID: c.id, in: lixia)
        #expect(measures.recoveries.first?.value.outstanding == .zero)
        #expect(measures.recoveries.first?.value.payments.count == 2)
        c = try #require(try await database.storedCase(id: c.id, in: lixia))
        let unsigned = try await #require(throws: CaseRefusal.self) { try await act(.close(summary: "追回完毕结案"), Self.reviewer, days: 3) }
        #expect(unsigned.code == .signOffRequired)
        try await act(.signOff, Self.city, scope: jinan, days: 3)
        try await act(.close(summary: "追回完毕结案"), Self.reviewer, days: 3)
        #expect(c.state == .closed)
        let events = try await database.caseEvents(caseID: c.id, in: lixia)
        #expect(
            events.map(\.action) == [
                "open", "start_verification", "file_case", "supervise", "decide", "start_recovery", "start_enforcement",
                "record_payment", "record_payment", "sign_off", "close",
            ])
        // Every step is in the ledger under its payload's hash.
        for event in events {
            try verifyInLedger(index: UInt64(try #require(event.ledgerIndex)), type: .caseEvent, sha: event.payloadSHA256)
        }
        // Closing closed the open tasks of the state it left and the supervision task.
        let open = try await database.caseTasks(caseID: c.id, in: lixia).filter(\.isOpen)
        #expect(open.isEmpty)
        // An appeal after closure is not possible; reopening is, with a reason.
        try await act(.reopen(reason: "发现同户另有冒领"), Self.supervisor2, days: 4)
        #expect(c.state == .verification && c.supervision?.signedOffBy == nil)
    }

    @Test func overdueTasksAndSupervisionShowUp() async throws {
        var c = try await open()
        c = try await database.actOnCase(
            id: c.id, .supervise(deadline: Self.start.addingTimeInterval(10 * 86_400)), expectedVersion: c.version, by: Self.city,
            in: jinan, at: Self.start, trail: trail)
        #expect(!c.isSupervisionOverdue(at: Self.start))
        #expect(c.isSupervisionOverdue(at: Self.start.addingTimeInterval(11 * 86_400)))
        let tasks = try await database.openCaseTasks(in: jinan)
        let notices = TaskMonitor().notices(for: tasks, at: Self.start.addingTimeInterval(11 * 86_400))
        #expect(Set(notices.map(\.task.kind)) == ["clue", "supervision"])
        #expect(notices.allSatisfy { $0.kind == .escalation })
        #expect(try await database.openCaseTasks(in: shizhong).isEmpty)
    }

    @Test func blacklistEntriesAreFoundWithinTheirPeriod() async throws {
        var c = try await open()
        for (action, actor) in [
            (CaseAction.startVerification, Self.auditor), (.fileCase, Self.reviewer),
            (.decide(outcome: .confirmedFraud, summary: "事实清楚证据确凿"), Self.supervisor),
        ] {
            c = try await database.actOnCase(id: c.id, action, expectedVersion: c.version, by: actor, in: lixia, at: Self.start, trail: trail)
        }
        let id = try #require(c.personIDNumber)
        let entry = try await database.applyMeasure(
            .blacklist(kind: .person, subjectID: id, reason: "冒领养老金", start: CivilDate(year: 2026, month: 9, day: 21)!, end: CivilDate(year: 2029, month: 9, day: 20)!),
            caseID: c.id, by: Self.auditor, in: lixia, at: Self.start, trail: trail)
        #expect(try await database.activeBlacklistEntries(subjectIDs: [id], on: CivilDate(year: 2027, month: 1, day: 1)!).map(\.id) == [entry])
        #expect(try await database.activeBlacklistEntries(subjectIDs: [id], on: CivilDate(year: 2030, month: 1, day: 1)!).isEmpty)
        #expect(try await database.activeBlacklistEntries(subjectIDs: ["other"], on: CivilDate(year: 2027, month: 1, day: 1)!).isEmpty)
        // The event's detail masks the ID number.
        let detail = try #require(try await database.caseEvents(caseID: c.id, in: lixia).last?.detail)
        #expect(!detail.contains(id) && detail.contains(String(id.suffix(4))))
        try await database.applyMeasure(.liftBlacklist(entryID: entry), caseID: c.id, by: Self.supervisor, in: lixia, at: Self.start, trail: trail)
        #expect(try await database.activeBlacklistEntries(subjectIDs: [id], on: CivilDate(year: 2027, month: 1, day: 1)!).isEmpty)
    }

    @Test func measuresWaitForTheDecision() async throws {
        let c = try await open()
        let refusal = try await #require(throws: CaseRefusal.self) {
            try await database.applyMeasure(
                .orderFreeze(bank: "工商银行", account: "6222001234567890"), caseID: c.id, by: Self.auditor, in: lixia, at: Self.start,
                trail: trail)
        }
        #expect(refusal.code == .invalidTransition)
    }

    @Test func evidenceIsStoredByHashAndRecorded() async throws {
        let c = try await open()
        let files = FolderEvidenceStore(data: folder)
        let pdf = Array("%PDF-1.4\n死亡证明".utf8)
        let item = try await database.addEvidenceFile(
            caseID: c.id, bytes: pdf, name: "死亡证明.pdf", policy: EvidencePolicy(maxBytes: 1024), files: files, by: Self.auditor,
            in: lixia, at: Self.start, trail: trail)
        let sha = AuditTrail.sha256Hex(pdf)
        #expect(item.sha256 == sha && item.fileType == .pdf && item.size == pdf.count)
        #expect(FileManager.default.contents(atPath: folder + "/evidence/\(sha.prefix(2))/\(sha)") == Data(pdf))
        try verifyInLedger(index: UInt64(try #require(item.ledgerIndex)), type: .evidence, sha: sha)
        #expect(try await database.evidenceFile(caseID: c.id, itemID: item.id, files: files, in: lixia).bytes == pdf)
        await #expect(throws: CaseRefusal.self) {
            try await database.evidenceFile(caseID: c.id, itemID: item.id, files: files, in: shizhong)
        }
        let big = try await #require(throws: CaseRefusal.self) {
            try await database.addEvidenceFile(
                caseID: c.id, bytes: [UInt8](repeating: 0x41, count: 2048), name: "big.txt", policy: EvidencePolicy(maxBytes: 1024),
                files: files, by: Self.auditor, in: lixia, at: Self.start, trail: trail)
        }
        #expect(big.code == .evidenceTooLarge)
        let exe = try await #require(throws: CaseRefusal.self) {
            try await database.addEvidenceFile(
                caseID: c.id, bytes: [0x4D, 0x5A, 0x90, 0x00], name: "a.pdf", policy: EvidencePolicy(), files: files, by: Self.auditor,
                in: lixia, at: Self.start, trail: trail)
        }
        #expect(exe.code == .evidenceType)
        let note = try await CaseEvidenceLog(database: database, trail: trail, now: { Self.start })
            .addEvidenceNote(caseID: c.id, title: "民政协查回复", text: "经核实，该人已于 2025-01-03 死亡", source: "verification/1", actor: "dept/civil_affairs")
        #expect(note.kind == .note && note.source == "verification/1")
        try verifyInLedger(index: UInt64(try #require(note.ledgerIndex)), type: .evidence, sha: AuditTrail.sha256Hex(Data("经核实，该人已于 2025-01-03 死亡".utf8)))
        #expect(try await database.caseEvidence(caseID: c.id, in: lixia).map(\.kind) == [.file, .note])
        #expect(try await database.storedCase(id: c.id, in: lixia)?.version == 3)
    }

    @Test func linkedRecordsCarryTheirProvenance() async throws {
        let c = try await open()
        let rowID: Int64 = try await database.writer.write { db in
            try db.execute(sql: "INSERT INTO import_batch (id, source, imported_at, row_count, rejected_count) VALUES (7, 'civil_affairs', '2026-09-01', 1, 0)")
            try db.execute(sql: "INSERT INTO import_file (id, batch_id, record_kind, file_name, sha256, row_count, rejected_count, feed) VALUES (3, 7, 'death_record', 'death.csv', 'x', 1, 0, 'civil_affairs.death')")
            try db.execute(sql: "INSERT INTO death_record (batch_id, file_id, line, id_number, death_date, source) VALUES (7, 3, 42, '370102195003010113', '2025-01-03', 'civil_affairs')")
            return db.lastInsertedRowID
        }
        let item = try await database.linkEvidenceRecord(
            caseID: c.id, recordType: "death_record", rowID: rowID, by: Self.auditor, in: lixia, at: Self.start, trail: trail)
        #expect(item.record == SourceRecordLink(recordType: "death_record", rowID: rowID, department: "civil_affairs", feed: "civil_affairs.death", batchID: 7, line: 42))
        await #expect(throws: CaseRefusal.self) {
            try await database.linkEvidenceRecord(caseID: c.id, recordType: "web_user", rowID: 1, by: Self.auditor, in: lixia, at: Self.start, trail: trail)
        }
        await #expect(throws: CaseRefusal.self) {
            try await database.linkEvidenceRecord(caseID: c.id, recordType: "death_record", rowID: 999, by: Self.auditor, in: lixia, at: Self.start, trail: trail)
        }
    }

    /// Checks that ledger entry `index` has `type` and payload hash `sha`, and that its inclusion
    /// proof verifies against a root rebuilt from every entry.
    func verifyInLedger(index: UInt64, type: LedgerEntry.EntryType, sha: String) throws {
        let entry = try LedgerEntry(canonicalJSON: try trail.entry(at: index))
        #expect(entry.type == type)
        #expect(entry.payloadSHA256 == sha)
        var tree = InMemoryMerkleTree()
        for i in 0..<trail.size { tree.append(leafHash: RFC9162.leafHash(try trail.entry(at: i))) }
        let proof = try trail.inclusionProof(index: index)
        try MerkleVerifier.verifyInclusion(
            index: index, size: proof.treeSize, leafHash: RFC9162.leafHash(try trail.entry(at: index)), proof: proof.hashes,
            root: try tree.root())
    }
}
