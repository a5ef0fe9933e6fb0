public import Foundation

/// Deadlines, reminders and escalation for verification requests, configurable per kind.
///
/// The defaults follow the usual practice between bureaus: a status check that a department
/// answers from its registry within 5 working days (7 calendar days), a generic request within
/// 15; reminders 3 days and 1 day before the deadline; escalation to the sender's supervisor the
/// day after it, and to the level above a week later.
public struct VerificationPolicy: Sendable, Hashable {
    /// Days from sending to the deadline, by kind.
    public var deadlineDays: [VerificationKind: Int]
    /// How many days before the deadline each reminder goes out (descending).
    public var reminderDaysBefore: [Int]
    /// How many days after the deadline each escalation level starts (ascending; level 1 first).
    public var escalationDaysAfter: [Int]

    public init(deadlineDays: [VerificationKind: Int], reminderDaysBefore: [Int], escalationDaysAfter: [Int]) {
        self.deadlineDays = deadlineDays
        self.reminderDaysBefore = reminderDaysBefore.sorted(by: >)
        self.escalationDaysAfter = escalationDaysAfter.sorted()
    }

    /// The defaults described above.
    public static let standard = VerificationPolicy(
        deadlineDays: [.identityCheck: 7, .deathStatus: 7, .custodyStatus: 10, .generic: 15],
        reminderDaysBefore: [3, 1], escalationDaysAfter: [1, 7])

    /// The deadline of a request of `kind` sent at `sentAt`.
    public func deadline(for kind: VerificationKind, sentAt: Date) -> Date {
        sentAt.addingTimeInterval(TimeInterval(deadlineDays[kind] ?? 15) * 86_400)
    }
}
