import Foundation
import FundWatchCore
import GRDB
import Storage
import Testing

@Suite struct FindingStoreTests {
    static let asOf = CivilDate("2026-01-15")!
    static let rule = RuleVersionInput(ruleID: "pension_after_death", version: 1, sha256: String(repeating: "a", count: 64), status: "active", title: "死亡后继续领取养老金")
    static let shadowRule = RuleVersionInput(ruleID: "medical_during_custody", version: 2, sha256: String(repeating: "b", count: 64), status: "shadow", title: "羁押期间医保结算")

    static func finding(_ id: String, rule: RuleVersionInput = rule, records: [String] = ["P1", "P2"], shadow: Bool = false) -> FindingInput {
        let payload = Data("{\"id_number\":\"\(id)\",\"records\":\(records)}".utf8)
        return FindingInput(
            ruleID: rule.ruleID, ruleVersion: rule.version, idNumber: id, kind: "fraud", severity: "red", score: 0,
            riskScore: 75, amountAtRisk: 600_000, records: records, explanation: "张三 死亡后仍发放养老金", regionCode: "370102",
            shadow: shadow, payload: payload)
    }

    static func run(_ persons: Int = 3) -> AuditRunInput {
        AuditRunInput(startedAt: Date(timeIntervalSince1970: 1_764_000_000), asOf: asOf, actor: "test", persons: persons, failures: 0)
    }

    @Test func reRunningTheSameAuditAddsNothing() async throws {
        let db = try FundWatchDatabase.inMemory()
        let findings = [Self.finding("110101195001011234"), Self.finding("110101195001015678")]
        let first = try await db.storeAudit(run: Self.run(), rules: [Self.rule], findings: findings)
        #expect(first.newFindings == 2)
        #expect(first.newRuleVersions == [Self.rule])
        #expect(first.changed.count == 2)
        try await db.markRecorded(ruleVersions: [(Self.rule, 0)], findings: first.changed.enumerated().map { ($0.element.findingID, UInt64($0.offset + 1)) })

        let second = try await db.storeAudit(run: Self.run(), rules: [Self.rule], findings: findings)
        #expect(second.newFindings == 0)
        #expect(second.newRuleVersions.isEmpty)
        #expect(second.changed.isEmpty)
        let stored = try await db.findings()
        #expect(stored.count == 2)
        #expect(stored.allSatisfy { $0.firstSeenRun == first.runID && $0.lastSeenRun == second.runID && $0.status == .open })
        #expect(try await db.auditRunCount() == 2)
    }

    @Test func changedEvidenceIsRecordedAgainAndUnrecordedItemsCarryOver() async throws {
        let db = try FundWatchDatabase.inMemory()
        let first = try await db.storeAudit(run: Self.run(), rules: [Self.rule], findings: [Self.finding("110101195001011234")])
        // The ledger write failed: nothing marked, so the next run hands the same items again.
        let retry = try await db.storeAudit(run: Self.run(), rules: [Self.rule], findings: [Self.finding("110101195001011234")])
        #expect(retry.newRuleVersions == [Self.rule])
        #expect(retry.changed == first.changed)
        try await db.markRecorded(ruleVersions: [(Self.rule, 0)], findings: [(first.changed[0].findingID, 1)])
        // A month later the same finding has one more payment as evidence.
        let grown = try await db.storeAudit(run: Self.run(), rules: [Self.rule], findings: [Self.finding("110101195001011234", records: ["P1", "P2", "P3"])])
        #expect(grown.newFindings == 0)
        #expect(grown.changed.map(\.findingID) == [first.changed[0].findingID])
        #expect(grown.changed[0].payloadSHA256 != first.changed[0].payloadSHA256)
        #expect(try await db.findings().first?.records == ["P1", "P2", "P3"])
    }

    @Test func aChangedRuleFileMustRaiseItsVersion() async throws {
        let db = try FundWatchDatabase.inMemory()
        _ = try await db.storeAudit(run: Self.run(), rules: [Self.rule], findings: [])
        var edited = Self.rule
        edited.sha256 = String(repeating: "c", count: 64)
        let error = await #expect(throws: FindingStoreError.self) {
            try await db.storeAudit(run: Self.run(), rules: [edited], findings: [])
        }
        #expect(error?.description.contains("raise `version:`") == true)
        edited.version = 2
        let ok = try await db.storeAudit(run: Self.run(), rules: [edited], findings: [])
        #expect(ok.newRuleVersions.map(\.version) == [1, 2])
        #expect(try await db.ruleVersions().count == 2)
    }

    @Test func suppressionsAndShadowRulesRaiseNoAlert() async throws {
        let db = try FundWatchDatabase.inMemory()
        let now = Date(timeIntervalSince1970: 1_764_000_000)
        let today = CivilDate("2026-01-10")!
        let suppression = Suppression(
            ruleID: "pension_after_death", subjectKind: .person, subject: "110101195001011234", reason: "已核实：死亡登记错误，待民政更正",
            endDate: CivilDate("2026-06-30")!, actor: "JC370102-7")
        let id = try await db.addSuppression(suppression, today: today, at: now)
        // An expired one does not apply.
        var expired = suppression
        expired.subject = "110101195001015678"
        expired.endDate = CivilDate("2026-01-12")!
        _ = try await db.addSuppression(expired, today: today, at: now)
        let summary = try await db.storeAudit(
            run: Self.run(), rules: [Self.rule, Self.shadowRule],
            findings: [
                Self.finding("110101195001011234"), Self.finding("110101195001015678"),
                Self.finding("110101195001019999", rule: Self.shadowRule, records: ["S1"], shadow: true),
            ])
        #expect(summary.suppressed == 1)
        let status = Dictionary(uniqueKeysWithValues: try await db.findings().map { ($0.idNumber, $0.status) })
        #expect(status == ["110101195001011234": .suppressed, "110101195001015678": .open, "110101195001019999": .shadow])
        let stored = try await db.suppressions()
        #expect(stored.first?.id == id && stored.first?.actor == "JC370102-7" && stored.count == 2)
        #expect(try await db.suppressions(activeOn: Self.asOf).count == 1)
    }

    @Test func aSuppressionNeedsAReasonAnEndDateAndAnActor() async throws {
        let db = try FundWatchDatabase.inMemory()
        let today = CivilDate("2026-01-10")!
        let base = Suppression(
            ruleID: "pension_after_death", subjectKind: .institution, subject: "H370102001", reason: "对账中", endDate: CivilDate("2026-03-31")!,
            actor: "JC1")
        var noReason = base
        noReason.reason = "  "
        var noActor = base
        noActor.actor = ""
        var past = base
        past.endDate = CivilDate("2025-12-31")!
        for bad in [noReason, noActor, past] {
            await #expect(throws: FindingStoreError.self) { try await db.addSuppression(bad, today: today, at: Date()) }
        }
        #expect(try await db.suppressions().isEmpty)
        // The schema refuses a blank reason even from other writers.
        #expect(throws: (any Error).self) {
            try db.writer.write { d in
                try d.execute(sql: "INSERT INTO suppression (rule_id, subject_kind, subject, reason, end_date, actor, created_at) VALUES ('r', 'person', 'x', '', '2026-01-01', 'a', 'now')")
            }
        }
    }

    @Test func anInstitutionSuppressionMatchesTheEvidencesInstitution() async throws {
        let db = try FundWatchDatabase.inMemory()
        try await db.writer.write { d in
            for (sid, institution) in [("JS1", "H370102001"), ("JS2", "H370102009")] {
                try d.execute(
                    sql: """
                        INSERT INTO medical_settlement (batch_id, file_id, line, settlement_id, id_number, institution_id, visit,
                            admission_date, total_amount, fund_amount)
                        VALUES (1, 1, 2, ?, '110101195001011234', ?, 'inpatient', '2025-06-01', 100000, 70000)
                        """, arguments: [sid, institution])
            }
        }
        let rule = RuleVersionInput(ruleID: "medical_split_hospitalization", version: 1, sha256: String(repeating: "d", count: 64), status: "active", title: "分解住院")
        _ = try await db.addSuppression(
            Suppression(ruleID: rule.ruleID, subjectKind: .institution, subject: "H370102001", reason: "医院已整改，专项复核中", endDate: CivilDate("2026-03-31")!, actor: "JC1"),
            today: CivilDate("2026-01-01")!, at: Date())
        let summary = try await db.storeAudit(
            run: Self.run(), rules: [rule],
            findings: [Self.finding("110101195001011234", rule: rule, records: ["JS1"]), Self.finding("110101195001015678", rule: rule, records: ["JS2"])])
        #expect(summary.suppressed == 1)
        let status = Dictionary(uniqueKeysWithValues: try await db.findings().map { ($0.records, $0.status) })
        #expect(status == [["JS1"]: .suppressed, ["JS2"]: .open])
        // An employer is matched through the enrollment the finding cites.
        try await db.writer.write { d in
            try d.execute(sql: """
                INSERT INTO enrollment (batch_id, file_id, line, id_number, insurance, region_code, start_date, employer_id)
                VALUES (1, 1, 2, '110101195001019999', 'pension_employee', '110101', '2025-03-01', 'E1101010042')
                """)
        }
        let shell = RuleVersionInput(ruleID: "enrollment_shell_employer", version: 1, sha256: String(repeating: "e", count: 64), status: "active", title: "挂靠空壳单位")
        _ = try await db.addSuppression(
            Suppression(ruleID: shell.ruleID, subjectKind: .institution, subject: "E1101010042", reason: "单位已注销，另案处理", endDate: CivilDate("2026-03-31")!, actor: "JC1"),
            today: CivilDate("2026-01-01")!, at: Date())
        let second = try await db.storeAudit(
            run: Self.run(), rules: [shell],
            findings: [Self.finding("110101195001019999", rule: shell, records: ["enrollment:pension_employee:2025-03-01"])])
        #expect(second.suppressed == 1)
    }

    @Test func aPaymentsNeighbourhoodIsTheHouseholdAndTheAccountHolders() async throws {
        let db = try FundWatchDatabase.inMemory()
        func make(_ born: String, _ sequence: Int) -> String {
            IDNumber(region: "110101", birthDate: CivilDate(born)!, sequence: sequence).value
        }
        let payee = make("1950-01-01", 11), spouse = make("1952-03-04", 22), stranger = make("1960-01-01", 33), holder = make("1970-01-01", 45)
        try await db.writer.write { d in
            for (id, address) in [(payee, "东城区某路1号"), (spouse, "东城区某路1号"), (stranger, "西城区某路9号"), (holder, "朝阳区某路5号")] {
                try d.execute(
                    sql: "INSERT INTO person (batch_id, file_id, line, id_number, name, address) VALUES (1, 1, 2, ?, '某人', ?)",
                    arguments: [id, address])
            }
            try d.execute(
                sql: "INSERT INTO bank_account (batch_id, file_id, line, account, holder_id_number) VALUES (1, 1, 2, '6222000000000999', ?)",
                arguments: [holder])
        }
        let id = try IDNumber(payee, today: CivilDate("2026-01-01")!)
        let found = try await db.neighbourhood(of: id, account: "6222000000000999").map(\.idNumber.value)
        #expect(found == [spouse, holder].sorted())
        #expect(try await db.neighbourhood(of: id, account: nil).map(\.idNumber.value) == [spouse])

        // The spouse's second registration at the same address (一人多号), merged: one neighbour,
        // the survivor, holding the second key's enrollment; a merge key of the payee is no neighbour.
        let spouseAgain = make("1952-03-04", 27), payeeAgain = make("1950-01-01", 19)
        try await db.writer.write { d in
            for again in [spouseAgain, payeeAgain] {
                try d.execute(
                    sql: "INSERT INTO person (batch_id, file_id, line, id_number, name, address) VALUES (1, 1, 3, ?, '某人', '东城区某路1号')",
                    arguments: [again])
            }
            try d.execute(
                sql: """
                    INSERT INTO enrollment (batch_id, file_id, line, id_number, insurance, region_code, start_date, employer_id)
                    VALUES (1, 1, 4, ?, 'pension_resident', '110101', '2020-01-01', NULL)
                    """, arguments: [spouseAgain])
        }
        #expect(try await db.neighbourhood(of: id, account: nil).map(\.idNumber.value) == [payeeAgain, spouse, spouseAgain].sorted())
        try await db.writer.write { d in
            try d.execute(sql: "INSERT INTO resolution_run (started_at) VALUES ('2026-01-01T00:00:00Z')")
            for (a, b) in [(spouse, spouseAgain), (payee, payeeAgain)] {
                try d.execute(
                    sql: """
                        INSERT INTO person_merge (person_key, other_key, probability, waterfall, run_id, status)
                        VALUES (?, ?, 0.99, '[]', (SELECT max(id) FROM resolution_run), 'linked')
                        """, arguments: [min(a, b), max(a, b)])
            }
        }
        let merged = try await db.neighbourhood(of: id, account: nil)
        #expect(merged.map(\.idNumber.value) == [min(spouse, spouseAgain)])
        #expect(merged.first?.enrollments.map(\.startDate) == [CivilDate("2020-01-01")!])
    }
}
