import CEL
import FundWatchCore

extension RulePlan {
    /// The rule's outcome for one person through its native condition: each record (or the
    /// person once) is decided natively, and only records it cannot decide go to the
    /// interpreter. Hits and undecided records become subjects in record order, so
    /// ``CompiledRule/outcome(_:_:)`` builds the same finding (or failure) as the interpreter
    /// running on every record.
    func evaluate(_ native: NativeCondition, _ bound: BoundTimeline, scratch: PlanScratch, only: Int?) -> RuleOutcome {
        // No record of the rule's kind, nothing to evaluate (most persons have no payment).
        if let list, only == nil, list.count(in: bound) == 0 { return .passes }
        let frame = scratch.frame(bound)
        // Records the record-only terms leave (all of them when there are none); a person with
        // none is done without the person gates.
        var candidates = scratch.takeCandidates()
        defer { scratch.returnCandidates(candidates) }
        if let list, !recordFilters.isEmpty {
            candidates.append(contentsOf: only.map { $0..<($0 + 1) } ?? 0..<list.count(in: bound))
            // One filter at a time over the records: each begins its own use of the frame.
            for filter in recordFilters {
                filter.begin(frame, bound)
                candidates.removeAll { filter.evaluate(frame, at: $0) == false }
                if candidates.isEmpty { return .passes }
            }
        }
        for gate in personGates {
            gate.begin(frame, bound)
            if gate.evaluate(frame, at: 0) == false { return .passes }
        }
        native.begin(frame, bound)
        guard let list else {
            switch native.evaluate(frame, at: 0) {
            case false?: return .passes
            case true?:
                return rule.outcome(bound, CollectionOfOne(CompiledRule.Subject(value: nil, id: nil, amount: 0, condition: .bool(true))))
            case nil:
                return rule.outcome(bound, CollectionOfOne(CompiledRule.Subject(value: nil, id: nil, amount: 0)))
            }
        }
        let positions = only.map { $0..<($0 + 1) } ?? 0..<list.count(in: bound)
        // Each entry: the position times two, plus one when the condition is known to be true.
        var subjects = scratch.takeCandidates()
        defer { scratch.returnCandidates(subjects) }
        func decide(_ position: Int) {
            switch native.evaluate(frame, at: position) {
            case false?: break
            case true?: subjects.append(position << 1 | 1)
            case nil: subjects.append(position << 1)
            }
        }
        if recordFilters.isEmpty {
            for position in positions { decide(position) }
        } else {
            for position in candidates { decide(position) }
        }
        if subjects.isEmpty { return .passes }
        return rule.outcome(
            bound,
            subjects.lazy.map { entry in
                var subject = Self.subject(bound, list, entry >> 1)
                if entry & 1 == 1 { subject.condition = .bool(true) }
                return subject
            })
    }
}
