import CEL

/// Resolves the variables of a rule: `person`, the record lists (built once per person, on
/// first use) and the record under evaluation.
struct RuleActivation: CELActivation {
    let bound: BoundTimeline
    let recordVariable: String?
    let record: CELValue?

    func resolve(_ name: String) -> CELValue? {
        switch name {
        case "person": return .object(PersonObject(bound: bound))
        case "record": return record
        default:
            if name == recordVariable { return record }
            return bound.list(name)
        }
    }
}
