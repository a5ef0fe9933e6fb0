public import Foundation

/// Which tasks need a reminder (due soon) or an escalation (overdue), and which supervised
/// cases are past their supervision deadline: a pure function of the tasks and an injected
/// time, so a scheduler can run it on any clock and tests on a fixed one.
public struct TaskMonitor: Sendable {
    /// How long before the deadline a reminder goes out.
    public var remindBefore: TimeInterval

    public init(remindBefore: TimeInterval = 3 * 86_400) {
        self.remindBefore = remindBefore
    }

    /// A notice about one task.
    public struct Notice: Sendable, Hashable {
        public enum Kind: String, Sendable, Hashable, Codable {
            /// 到期提醒: due within `remindBefore`; goes to the assignee.
            case reminder
            /// 超期督促: past due; goes to the assignee's supervisor.
            case escalation
        }

        public var kind: Notice.Kind
        public var task: CaseTask
        /// Seconds until the deadline (negative once overdue).
        public var secondsLeft: TimeInterval
        /// The notice as staff read it.
        public var message: String
    }

    /// The notices due at `now` for the open tasks, most urgent first.
    public func notices(for tasks: [CaseTask], at now: Date) -> [Notice] {
        var out = [Notice]()
        for task in tasks where task.isOpen {
            let left = task.due.timeIntervalSince(now)
            let who = task.assignee ?? "未分派"
            if left <= 0 {
                let days = Int((-left / 86_400).rounded(.up))
                out.append(
                    Notice(
                        kind: .escalation, task: task, secondsLeft: left,
                        message: "案件 \(task.caseID) 的“\(task.title)”已超期 \(max(days, 1)) 天（承办人：\(who)），请督促办理"))
            } else if left <= remindBefore {
                let days = Int((left / 86_400).rounded(.up))
                out.append(
                    Notice(
                        kind: .reminder, task: task, secondsLeft: left,
                        message: "案件 \(task.caseID) 的“\(task.title)”将于 \(days) 天内到期（承办人：\(who)）"))
            }
        }
        return out.sorted { ($0.secondsLeft, $0.task.id) < ($1.secondsLeft, $1.task.id) }
    }
}
