/// order, then a type name.
final class NameNode: Node, @unchecked Sendable {
    struct Candidate {
        let variable: String
        let fields: [String]
    }
    let candidates: [Candidate]
    let typeValue: CELValue?
    let display: String
    init(candidates: [Candidate], typeValue: CELValue?, display: String, location: SourceLocation) {
        self.candidates = candidates
        self.typeValue = typeValue
        self.display = display
        super.init(location: location)
    }
    override func eval(_ frame: inout Frame) -> CELValue {
        for candidate in candidates {
            guard var value = frame.activation?.resolve(candidate.variable) else { continue }
            for field in candidate.fields { value = SelectNode.select(value, field) }
            return located(value)
        }
        if let typeValue { return typeValue }
        return fail(CELError(code: .noSuchAttribute, reason: "undeclared reference to '\(display)' (unknown variable)"))
    }
}
