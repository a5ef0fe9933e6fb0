import CEL

/// Resolves the variables of a rule for the engine: `person`, the record lists (built once per
/// person by ``BoundTimeline``) and the record under evaluation. A class, so that one instance
/// serves every record a rule looks at for a person (the record is swapped in) and handing it
/// to the interpreter as `any CELActivation` allocates nothing.
///
/// Like ``BoundTimeline``, an instance belongs to one evaluation thread.
final class TimelineActivation: CELActivation, @unchecked Sendable {
    let bound: BoundTimeline
    let recordVariable: String?
    var record: CELValue?

    init(bound: BoundTimeline, recordVariable: String?, record: CELValue? = nil) {
        self.bound = bound
        self.recordVariable = recordVariable
        self.record = record
    }

    func resolve(_ name: String) -> CELValue? {
        switch name {
        case "person": return bound.person
        case "record": return record
        default:
            if name == recordVariable { return record }
            return bound.list(name)
        }
    }
}
