/// A fold over a list (elements) or map (keys). Standard macros run as direct loops;
/// other comprehensions follow the general accumulate/condition/step/result scheme.
final class ComprehensionNode: Node, @unchecked Sendable {
    enum Kind {
        case all(predicate: Node)
        case exists(predicate: Node)
        case existsOne(predicate: Node)
        case map(transform: Node, filter: Node?)
        case filter(predicate: Node)
        case general(initial: Node, condition: Node, step: Node, result: Node, accumulator: Int)
    }

    let range: Node
    let variable: Int
    let kind: Kind

    init(range: Node, variable: Int, kind: Kind, location: SourceLocation) {
        self.range = range
        self.variable = variable
        self.kind = kind
        super.init(location: location)
    }

    override func eval(_ frame: inout Frame) -> CELValue {
        let rangeValue = range.eval(&frame)
        let items: [CELValue]
        switch rangeValue {
        case .list(let elements): items = elements
        case .map(let map): items = map.keys
        case .error: return rangeValue
        default: return fail(.noMatchingOverload("comprehension over \(rangeValue.celType)"))
        }
        switch kind {
        case .all(let predicate):
            var firstError: CELValue?
            for item in items {
                if let error = frame.charge(1) { return fail(error) }
                frame.locals[variable] = item
                switch predicate.eval(&frame) {
                case .bool(false): return .bool(false)
                case .bool(true): continue
                case let other where other.isError: if firstError == nil { firstError = other }
                default: if firstError == nil { firstError = fail(.noMatchingOverload("_&&_")) }
                }
            }
            return firstError ?? .bool(true)
        case .exists(let predicate):
            var firstError: CELValue?
            for item in items {
                if let error = frame.charge(1) { return fail(error) }
                frame.locals[variable] = item
                switch predicate.eval(&frame) {
                case .bool(true): return .bool(true)
                case .bool(false): continue
                case let other where other.isError: if firstError == nil { firstError = other }
                default: if firstError == nil { firstError = fail(.noMatchingOverload("_||_")) }
                }
            }
            return firstError ?? .bool(false)
        case .existsOne(let predicate):
            var count = 0
            for item in items {
                if let error = frame.charge(1) { return fail(error) }
                frame.locals[variable] = item
                switch predicate.eval(&frame) {
                case .bool(true): count += 1
                case .bool(false): continue
                case let other where other.isError: return other
                default: return fail(.noMatchingOverload("_?_:_"))
                }
            }
            return .bool(count == 1)
        case .map(let transform, let filter):
            var output: [CELValue] = []
            output.reserveCapacity(items.count)
            for item in items {
                if let error = frame.charge(1) { return fail(error) }
                frame.locals[variable] = item
                if let filter {
                    switch filter.eval(&frame) {
                    case .bool(true): break
                    case .bool(false): continue
                    case let other where other.isError: return other
                    default: return fail(.noMatchingOverload("_?_:_"))
                    }
                }
                let value = transform.eval(&frame)
                if value.isError { return value }
                output.append(value)
            }
            return .list(output)
        case .filter(let predicate):
            var output: [CELValue] = []
            for item in items {
                if let error = frame.charge(1) { return fail(error) }
                frame.locals[variable] = item
                switch predicate.eval(&frame) {
                case .bool(true): output.append(item)
                case .bool(false): continue
                case let other where other.isError: return other
                default: return fail(.noMatchingOverload("_?_:_"))
                }
            }
            return .list(output)
        case .general(let initial, let condition, let step, let result, let accumulator):
            frame.locals[accumulator] = initial.eval(&frame)
            for item in items {
                if let error = frame.charge(1) { return fail(error) }
                frame.locals[variable] = item
                guard case .bool(true) = condition.eval(&frame) else { break }
                frame.locals[accumulator] = step.eval(&frame)
            }
            return result.eval(&frame)
        }
    }
}
