import Casework
import Foundation
import FundWatchCore
import GRDB
import Ledger
import Storage
import Testing

/// Migration 016 (`risk_model_quality`) and what retraining reads and writes: the quality of
/// each retrained version, and the labels decided cases give.
@Suite struct ModelQualityStoreTests {
    static func record(_ sha: Character, at time: String, labels: Int, auc: Double?, ledger: Int64?) -> ModelQualityRecord {
        ModelQualityRecord(
            modelSHA256: String(repeating: sha, count: 64), kind: "gbdt", trainedAt: time, labels: labels,
            newLabels: labels - 100, caseLabels: 12, trainingRows: labels - 300, heldOutRows: 300, heldOutPositives: 17,
            rocAUC: auc, topK: 100, precisionAtK: auc.map { $0 / 2 }, ledgerIndex: ledger)
    }

    @Test("migration 016 creates risk_model_quality with its columns and time index")
    func migration() async throws {
        let database = try FundWatchDatabase.inMemory()
        let (columns, indexes, applied) = try await database.writer.read { db in
            (
                try db.columns(in: "risk_model_quality").map(\.name),
                try db.indexes(on: "risk_model_quality").map(\.name),
                try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
            )
        }
        #expect(
            columns == [
                "model_sha256", "kind", "trained_at", "labels", "new_labels", "case_labels", "training_rows",
                "held_out_rows", "held_out_positives", "roc_auc", "top_k", "precision_at_k", "ledger_index",
            ])
        #expect(indexes.contains("risk_model_quality_by_time"))
        #expect(applied.contains("016_risk_model_quality"))
        // Every earlier numbered migration ran too (the first one is named "v1_…").
        #expect(applied.contains("012_risk_scores") && applied.contains("v1_canonical_records"))
    }

    @Test("quality rows round-trip, oldest first; a version stored again keeps its first row")
    func roundTrip() async throws {
        let database = try FundWatchDatabase.inMemory()
        #expect(try await database.modelQualityHistory().isEmpty)
        let newer = Self.record("b", at: "2026-11-20T08:00:00Z", labels: 900, auc: 0.93, ledger: 41)
        let older = Self.record("a", at: "2026-11-01T08:00:00Z", labels: 600, auc: nil, ledger: nil)
        try await database.recordModelQuality(newer)
        try await database.recordModelQuality(older)
        #expect(try await database.modelQualityHistory() == [older, newer])

        var changed = newer
        changed.rocAUC = 0.5
        changed.labels = 1
        try await database.recordModelQuality(changed)
        let history = try await database.modelQualityHistory()
        #expect(history == [older, newer])
        #expect(history[0].rocAUC == nil && history[0].precisionAtK == nil && history[0].ledgerIndex == nil)
        #expect(history[1].precisionAtK == 0.465 && history[1].ledgerIndex == 41)
    }
}

/// `caseOutcomeLabels()`: labels from closed and dismissed cases, read through the casework
/// API over the whole nation.
@Suite struct CaseOutcomeLabelTests {
    static let start = Date(timeIntervalSince1970: 1_790_000_000)  // 2026-09-21
    static let auditor = CaseActor(name: "user/lixia.auditor", role: .auditor, regionCode: "370102")
    static let reviewer = CaseActor(name: "user/lixia.reviewer", role: .reviewer, regionCode: "370102")
    static let supervisor = CaseActor(name: "user/lixia.supervisor", role: .supervisor, regionCode: "370102")
    static let qingdaoAuditor = CaseActor(name: "user/shinan.auditor", role: .auditor, regionCode: "370202")
    static let qingdaoSupervisor = CaseActor(name: "user/shinan.supervisor", role: .supervisor, regionCode: "370202")

    static func person(_ region: String, _ sequence: Int) -> String {
        IDNumber(region: region, birthDate: CivilDate(year: 1950, month: 3, day: 1)!, sequence: sequence).value
    }

    let database: FundWatchDatabase
    let trail: AuditTrail

    init() throws {
        database = try FundWatchDatabase.inMemory()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fw-labels-\(UUID().uuidString)").path
        trail = try AuditTrail.open(data: folder, clock: .fixed(Self.start))
    }

    /// Opens a case about `person` by hand in the county and takes it through `steps`.
    @discardableResult
    func caseAbout(_ person: String, county: String, steps: [(CaseAction, CaseActor)], day: Double) async throws -> StoredCase {
        let scope = try #require(RegionScope(code: county))
        let opener = county == "370102" ? Self.auditor : Self.qingdaoAuditor
        let at = Self.start.addingTimeInterval(day * 86_400)
        var c = try await database.openCase(
            NewCase(regionCode: county, caseType: "pension_after_death", title: "举报", personIDNumber: person),
            by: opener, in: scope, at: at, trail: trail)
        for (action, actor) in steps {
            c = try await database.actOnCase(
                id: c.id, action, expectedVersion: c.version, by: actor, in: scope, at: at, trail: trail)
        }
        return c
    }

    @Test("confirmed fraud is 1, a dismissal or no issue is 0; an error, an open case or an undecided one gives none")
    func labelsFromDecidedCases() async throws {
        let fraud = Self.person("370102", 11)
        let dismissed = Self.person("370102", 12)
        let noIssue = Self.person("370102", 13)
        let error = Self.person("370102", 14)
        let stillOpen = Self.person("370102", 15)
        let awaitingClose = Self.person("370102", 16)
        let qingdao = Self.person("370202", 17)
        let a = Self.auditor, r = Self.reviewer, s = Self.supervisor
        #expect(try await database.caseOutcomeLabels().isEmpty)

        // The same person first dismissed, later confirmed: 1 wins.
        try await caseAbout(fraud, county: "370102", steps: [(.dismiss(reason: "线索不足，暂不立案"), a)], day: 0)
        try await caseAbout(
            fraud, county: "370102",
            steps: [
                (.startVerification, a), (.fileCase, r), (.decide(outcome: .confirmedFraud, summary: "死亡后冒领养老金"), s),
                (.startEnforcement, a), (.close(summary: "追回完毕结案"), r),
            ], day: 1)
        try await caseAbout(dismissed, county: "370102", steps: [(.startVerification, a), (.dismiss(reason: "线索不实"), a)], day: 2)
        try await caseAbout(
            noIssue, county: "370102",
            steps: [
                (.startVerification, a), (.fileCase, r), (.decide(outcome: .noIssue, summary: "核实无问题"), s),
                (.close(summary: "未发现问题结案"), r),
            ], day: 3)
        try await caseAbout(
            error, county: "370102",
            steps: [
                (.startVerification, a), (.fileCase, r), (.decide(outcome: .error, summary: "经办差错，已纠正"), s),
                (.startEnforcement, a), (.close(summary: "纠正差错结案"), r),
            ], day: 4)
        try await caseAbout(stillOpen, county: "370102", steps: [(.startVerification, a)], day: 5)
        try await caseAbout(
            awaitingClose, county: "370102",
            steps: [(.startVerification, a), (.fileCase, r), (.decide(outcome: .confirmedFraud, summary: "确认冒领"), s)], day: 6)
        // Another city's decided case counts too: labels are read nation-wide.
        try await caseAbout(
            qingdao, county: "370202",
            steps: [
                (.startVerification, Self.qingdaoAuditor), (.fileCase, Self.qingdaoSupervisor),
                (.decide(outcome: .confirmedFraud, summary: "死亡后冒领养老金"), Self.qingdaoSupervisor),
                (.startEnforcement, Self.qingdaoAuditor), (.close(summary: "追回完毕结案"), Self.qingdaoSupervisor),
            ], day: 7)

        let labels = try await database.caseOutcomeLabels()
        #expect(labels.map(\.idNumber) == [fraud, dismissed, noIssue, qingdao].sorted())
        let byPerson = Dictionary(uniqueKeysWithValues: labels.map { ($0.idNumber, $0.label) })
        #expect(byPerson == [fraud: 1, dismissed: 0, noIssue: 0, qingdao: 1])
        // Each label carries the time it became final, a dismissal's too (it has no decision time).
        let decided = try #require(labels.first { $0.idNumber == fraud }?.decidedAt)
        #expect(decided == Self.start.addingTimeInterval(86_400))
        #expect(labels.first { $0.idNumber == dismissed }?.decidedAt == Self.start.addingTimeInterval(2 * 86_400))
    }
}
