public import Casework
public import Foundation
public import FundWatchCore
import GRDB

extension FundWatchDatabase {
    /// A case's enforcement measures (scope-checked).
    public func caseMeasures(caseID: String, in scope: RegionScope) async throws -> CaseMeasures {
        try await writer.read { db in
            guard try Self.storedCase(id: caseID, in: scope, db) != nil else { throw Self.caseNotFound(caseID) }
            return try Self.measures(caseID: caseID, db)
        }
    }

    /// Carries out one step on a case's measures in one transaction: the measure's own state
    /// machine decides, the row is written, the case's version is incremented (refused with
    /// `stale_version` when `expectedVersion` is given and no longer current), and the step is
    /// recorded as a `case_event` in the ledger. Returns the id of the measure concerned.
    ///
    /// New measures start only once a decision is made (处理决定 or 执行); steps on existing
    /// ones are refused once the case is finished.
    @discardableResult
    public func applyMeasure(
        _ command: MeasureCommand, caseID: String, expectedVersion: Int64? = nil, by actor: CaseActor,
        in scope: RegionScope, at time: Date, trail: AuditTrail
    ) async throws -> Int64 {
        try await writeRecording { db in
            let current = try Self.lockedCase(id: caseID, expectedVersion: expectedVersion, in: scope, db)
            guard actor.role != .leader || command.isLeaderStep else {
                throw CaseRefusal(.forbidden, "领导不承办案件，只能批准核销或移出黑名单")
            }
            if command.startsMeasure {
                guard [.decision, .enforcement].contains(current.state) else {
                    throw CaseRefusal(
                        .invalidTransition, "案件当前为“\(current.state.chinese)”：须作出处理决定后才能采取执行措施")
                }
            } else if current.state.isFinished {
                throw CaseRefusal(.invalidTransition, "案件已\(current.state.chinese)，不能再变更执行措施")
            }
            let measures = try Self.measures(caseID: caseID, db)
            let at = WebTime.format(time)
            func find<V: Sendable & Hashable>(_ list: [Identified<V>], _ id: Int64, _ what: String) throws -> V {
                guard let item = list.first(where: { $0.id == id }) else {
                    throw CaseRefusal(.notFound, "案件 \(caseID) 没有编号为 \(id) 的\(what)")
                }
                return item.value
            }
            let measureID: Int64
            let detail: String
            switch command {
            case .startRecovery(let owed, let plan):
                let r = try Recovery.start(owed: owed, plan: plan).get()
                try db.execute(
                    sql: "INSERT INTO case_recovery (case_id, owed, plan, created_at) VALUES (?, ?, ?, ?)",
                    arguments: [caseID, r.owed.fen, String(decoding: try JSONEncoder().encode(r.plan), as: UTF8.self), at])
                measureID = db.lastInsertedRowID
                detail = "应追回 \(r.owed) 元，分 \(max(1, r.plan.count)) 期"
            case .recordPayment(let id, let amount, let date):
                let r = try find(measures.recoveries, id, "追回").receiving(amount, on: date).get()
                try db.execute(
                    sql: "INSERT INTO case_recovery_payment (recovery_id, amount, received_on, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?)",
                    arguments: [id, amount.fen, date.description, actor.name, at])
                measureID = id
                detail = "到账 \(amount) 元（\(date)），尚欠 \(r.outstanding) 元"
            case .proposeWriteOff(let id, let amount, let reason):
                let r = try find(measures.recoveries, id, "追回").proposingWriteOff(amount, reason: reason, by: actor).get()
                let proposal = r.pendingWriteOff!
                try db.execute(
                    sql: """
                        UPDATE case_recovery SET write_off_proposed = ?, write_off_proposed_by = ?, write_off_proposed_reason = ?
                        WHERE id = ?
                        """,
                    arguments: [proposal.amount.fen, proposal.proposedBy, proposal.reason, id])
                measureID = id
                detail = "申请核销 \(amount) 元，待他人批准：\(proposal.reason)"
            case .approveWriteOff(let id):
                let before = try find(measures.recoveries, id, "追回")
                let r = try before.approvingWriteOff(by: actor).get()
                try db.execute(
                    sql: """
                        UPDATE case_recovery SET written_off = ?, write_off_by = ?, write_off_reason = ?, write_off_proposed = NULL,
                            write_off_proposed_by = NULL, write_off_proposed_reason = NULL
                        WHERE id = ?
                        """,
                    arguments: [r.writtenOff.fen, r.writeOffApprovedBy, r.writeOffReason, id])
                measureID = id
                detail = "批准核销 \(r.writtenOff - before.writtenOff) 元（\(before.pendingWriteOff?.proposedBy ?? "") 申请）：\(r.writeOffReason ?? "")"
            case .declineWriteOff(let id, let reason):
                _ = try find(measures.recoveries, id, "追回").decliningWriteOff(by: actor, reason: reason).get()
                try db.execute(
                    sql: """
                        UPDATE case_recovery SET write_off_proposed = NULL, write_off_proposed_by = NULL,
                            write_off_proposed_reason = NULL
                        WHERE id = ?
                        """,
                    arguments: [id])
                measureID = id
                detail = "驳回核销申请：\(reason.trimmingCharacters(in: .whitespacesAndNewlines))"
            case .orderFreeze(let bank, let account):
                let f = try Freeze.order(bank: bank, account: account).get()
                try db.execute(
                    sql: "INSERT INTO case_freeze (case_id, bank, account, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                    arguments: [caseID, f.bank, f.account, f.status.rawValue, at, at])
                measureID = db.lastInsertedRowID
                detail = "冻结通知：\(f.bank) 账号 \(BankAccount.mask(f.account))"
            case .advanceFreeze(let id, let event):
                let f = try find(measures.freezes, id, "冻结").applying(event).get()
                try db.execute(
                    sql: "UPDATE case_freeze SET status = ?, updated_at = ? WHERE id = ?", arguments: [f.status.rawValue, at, id])
                measureID = id
                detail = "冻结 #\(id)：\(f.status.chinese)"
            case .blacklist(let kind, let subjectID, let reason, let start, let end):
                let e = try BlacklistEntry.list(kind, subjectID: subjectID, reason: reason, start: start, end: end, sourceCaseID: caseID).get()
                try db.execute(
                    sql: """
                        INSERT INTO case_blacklist (case_id, subject_kind, subject_id, reason, start_date, end_date, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [caseID, e.subjectKind.rawValue, e.subjectID, e.reason, e.start.description, e.end.description, at])
                measureID = db.lastInsertedRowID
                detail = "列入黑名单（\(kind.chinese) \(Self.maskID(e.subjectID))，\(e.start) 至 \(e.end)）：\(e.reason)"
            case .liftBlacklist(let id):
                let e = try find(measures.blacklist, id, "黑名单记录").lifting(by: actor).get()
                try db.execute(sql: "UPDATE case_blacklist SET lifted_by = ? WHERE id = ?", arguments: [e.liftedBy, id])
                measureID = id
                detail = "移出黑名单 #\(id)"
            case .sendReferral(let authority, let facts):
                let r = try JudicialReferral.send(to: authority, facts: facts).get()
                try db.execute(
                    sql: "INSERT INTO case_referral (case_id, authority, facts, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                    arguments: [caseID, r.authority, r.facts, r.status.rawValue, at, at])
                measureID = db.lastInsertedRowID
                detail = "移送 \(r.authority)"
            case .referralReceived(let id):
                let r = try find(measures.referrals, id, "移送").received().get()
                try db.execute(
                    sql: "UPDATE case_referral SET status = ?, updated_at = ? WHERE id = ?", arguments: [r.status.rawValue, at, id])
                measureID = id
                detail = "\(r.authority) 已接收移送 #\(id)"
            case .referralFeedback(let id, let text):
                let r = try find(measures.referrals, id, "移送").withFeedback(text).get()
                try db.execute(
                    sql: "UPDATE case_referral SET status = ?, feedback = ?, updated_at = ? WHERE id = ?",
                    arguments: [r.status.rawValue, r.feedback, at, id])
                measureID = id
                detail = "移送 #\(id) 反馈：\(r.feedback ?? "")"
            }
            try Self.touchCase(current, at: time, db)
            try Self.recordCaseEvent(
                caseID: caseID, action: command.name, actor: actor.name, at: time, from: current.state, to: current.state,
                detail: detail, fields: [("measure_id", String(measureID)), ("version", String(current.version + 1))],
                trail: trail, db)
            return measureID
        }
    }

    /// The active blacklist entries on `date` for any of `subjectIDs` (ID numbers or
    /// institution ids), for the pre-payment check. Not scope-limited: a listing applies
    /// nationwide (联合惩戒).
    public func activeBlacklistEntries(subjectIDs: [String], on date: CivilDate) async throws -> [Identified<BlacklistEntry>] {
        let ids = Array(Set(subjectIDs.filter { !$0.isEmpty }))
        guard !ids.isEmpty else { return [] }
        return try await writer.read { db in
            let marks = Array(repeating: "?", count: ids.count).joined(separator: ", ")
            var arguments = StatementArguments(ids)
            _ = arguments.append(contentsOf: [date.description, date.description])
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM case_blacklist WHERE subject_id IN (\(marks)) AND start_date <= ? AND end_date >= ?
                        AND lifted_by IS NULL ORDER BY id
                    """,
                arguments: arguments
            ).compactMap(Self.blacklistEntry)
        }
    }

    // MARK: Rows

    static func measureStatuses(caseID: String, _ db: Database) throws -> [MeasureStatus] {
        try measures(caseID: caseID, db).statuses
    }

    static func measures(caseID: String, _ db: Database) throws -> CaseMeasures {
        let recoveries = try Row.fetchAll(db, sql: "SELECT * FROM case_recovery WHERE case_id = ? ORDER BY id", arguments: [caseID])
            .map { row -> Identified<Recovery> in
                let id: Int64 = row["id"]
                let plan = (try? JSONDecoder().decode([Recovery.Instalment].self, from: Data((row["plan"] as String).utf8))) ?? []
                let payments = try Row.fetchAll(
                    db, sql: "SELECT amount, received_on FROM case_recovery_payment WHERE recovery_id = ? ORDER BY id",
                    arguments: [id]
                ).compactMap { p in
                    CivilDate(p["received_on"] as String).map { Recovery.Payment(amount: Money(fen: p["amount"]), receivedOn: $0) }
                }
                return Identified(
                    id: id,
                    value: Recovery(
                        owed: Money(fen: row["owed"]), plan: plan, payments: payments, writtenOff: Money(fen: row["written_off"]),
                        writeOffApprovedBy: row["write_off_by"], writeOffReason: row["write_off_reason"],
                        pendingWriteOff: (row["write_off_proposed"] as Int64?).map {
                            Recovery.WriteOffProposal(
                                amount: Money(fen: $0), reason: row["write_off_proposed_reason"] ?? "",
                                proposedBy: row["write_off_proposed_by"] ?? "")
                        }))
            }
        let freezes = try Row.fetchAll(db, sql: "SELECT * FROM case_freeze WHERE case_id = ? ORDER BY id", arguments: [caseID])
            .map { row in
                Identified(
                    id: row["id"],
                    value: Freeze(bank: row["bank"], account: row["account"], status: Freeze.Status(rawValue: row["status"]) ?? .ordered))
            }
        let blacklist = try Row.fetchAll(db, sql: "SELECT * FROM case_blacklist WHERE case_id = ? ORDER BY id", arguments: [caseID])
            .compactMap(blacklistEntry)
        let referrals = try Row.fetchAll(db, sql: "SELECT * FROM case_referral WHERE case_id = ? ORDER BY id", arguments: [caseID])
            .map { row in
                Identified(
                    id: row["id"],
                    value: JudicialReferral(
                        authority: row["authority"], facts: row["facts"],
                        status: JudicialReferral.Status(rawValue: row["status"]) ?? .sent, feedback: row["feedback"]))
            }
        return CaseMeasures(recoveries: recoveries, freezes: freezes, blacklist: blacklist, referrals: referrals)
    }

    static func blacklistEntry(_ row: Row) -> Identified<BlacklistEntry>? {
        guard let start = CivilDate(row["start_date"] as String), let end = CivilDate(row["end_date"] as String) else { return nil }
        return Identified(
            id: row["id"],
            value: BlacklistEntry(
                subjectKind: BlacklistEntry.SubjectKind(rawValue: row["subject_kind"]) ?? .person, subjectID: row["subject_id"],
                reason: row["reason"], start: start, end: end, sourceCaseID: row["case_id"], liftedBy: row["lifted_by"]))
    }

    /// An ID number or institution id with its middle hidden (`370102********1234`).
    static func maskID(_ id: String) -> String { IDNumber.mask(id) }
}

extension MeasureCommand {
    /// The steps a leader may take: approvals only.
    var isLeaderStep: Bool {
        switch self {
        case .approveWriteOff, .declineWriteOff, .liftBlacklist: true
        default: false
        }
    }
}
