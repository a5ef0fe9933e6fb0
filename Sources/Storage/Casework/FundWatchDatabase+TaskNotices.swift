public import Casework
public import Foundation
import GRDB
import Ledger

extension FundWatchDatabase {
    /// Records the notices of a deadline sweep that were not given before (one reminder and one
    /// escalation per task at most), each as a step in its case's history and the ledger
    /// (`task_reminder`, `task_escalation`). Returns the new ones; a task done meanwhile is skipped.
    @discardableResult
    public func recordTaskNotices(_ notices: [TaskMonitor.Notice], at time: Date, trail: AuditTrail) async throws
        -> [TaskMonitor.Notice]
    {
        guard !notices.isEmpty else { return [] }
        return try await writeRecording { db in
            var given = [TaskMonitor.Notice]()
            for notice in notices {
                let open = try Bool.fetchOne(
                    db, sql: "SELECT done_at IS NULL FROM case_task WHERE id = ?", arguments: [notice.task.id]) ?? false
                guard open else { continue }
                try db.execute(
                    sql: "INSERT OR IGNORE INTO case_task_notice (task_id, kind, at) VALUES (?, ?, ?)",
                    arguments: [notice.task.id, notice.kind.rawValue, WebTime.format(time)])
                guard db.changesCount == 1 else { continue }
                guard let state = try String.fetchOne(
                    db, sql: "SELECT state FROM case_file WHERE id = ?", arguments: [notice.task.caseID]
                ).flatMap(CaseState.init)
                else { continue }
                let (taskID, kind) = (notice.task.id, notice.kind.rawValue)
                try Self.recordCaseEvent(
                    caseID: notice.task.caseID, action: notice.kind == .reminder ? "task_reminder" : "task_escalation",
                    actor: "fundwatch/deadlines", at: time, from: state, to: state, detail: notice.message,
                    fields: [("task_id", String(notice.task.id))], trail: trail, db
                ) { index, db in
                    try db.execute(
                        sql: "UPDATE case_task_notice SET ledger_index = ? WHERE task_id = ? AND kind = ?",
                        arguments: [Int64(index), taskID, kind])
                }
                given.append(notice)
            }
            return given
        }
    }
}
