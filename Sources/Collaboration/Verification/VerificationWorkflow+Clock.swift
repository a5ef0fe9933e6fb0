public import Foundation

extension VerificationWorkflow {
    /// The events the clock makes due for a request at `time`: reminders before the deadline,
    /// the deadline itself, and each escalation level after it, in the order they apply.
    ///
    /// A pure function of the request and the injected time, so a sweep that runs late (or twice)
    /// catches up exactly once: reminders that are past are folded into the newest one.
    public func dueEvents(for request: VerificationRequest, at time: Date) -> [Event] {
        guard let deadline = request.deadline else { return [] }
        var events = [Event]()
        var state = request.state
        if state == .sent {
            if time >= deadline {
                events.append(.deadlinePassed)
                state = .overdue
            } else {
                // Reminders whose moment has come, counted from the earliest (the largest lead).
                let reached = policy.reminderDaysBefore.filter {
                    time >= deadline.addingTimeInterval(-TimeInterval($0) * 86_400)
                }.count
                if reached > request.remindersSent { events.append(.remind) }
            }
        }
        if state == .overdue {
            let reached = policy.escalationDaysAfter.filter {
                time >= deadline.addingTimeInterval(TimeInterval($0) * 86_400)
            }.count
            if reached > request.escalationLevel {
                for level in (request.escalationLevel + 1)...reached { events.append(.escalate(level: level)) }
            }
        }
        return events
    }

    /// Applies every due event in turn: the transitions to store, in order (empty when nothing is due).
    public func tick(_ request: VerificationRequest, at time: Date) -> [Transition] {
        var current = request
        var out = [Transition]()
        for event in dueEvents(for: request, at: time) {
            guard case .success(let transition) = apply(event, to: current, at: time) else { break }
            if case .remind = event {
                // All reminders already due count as sent by this one.
                var t = transition
                t.request.remindersSent = policy.reminderDaysBefore.filter {
                    time >= (request.deadline ?? time).addingTimeInterval(-TimeInterval($0) * 86_400)
                }.count
                out.append(t)
                current = t.request
            } else {
                out.append(transition)
                current = transition.request
            }
        }
        return out
    }
}
