/// Arithmetic operators with CEL's overflow and division rules.
enum Arithmetic {
    static func add(_ lhs: CELValue, _ rhs: CELValue) -> CELValue {
        switch (lhs, rhs) {
        case (.int(let a), .int(let b)):
            let (sum, overflow) = a.addingReportingOverflow(b)
            return overflow ? .error(.overflow("addition")) : .int(sum)
        case (.uint(let a), .uint(let b)):
            let (sum, overflow) = a.addingReportingOverflow(b)
            return overflow ? .error(.overflow("addition")) : .uint(sum)
        case (.double(let a), .double(let b)): return .double(a + b)
        case (.string(let a), .string(let b)): return .string(a + b)
        case (.bytes(let a), .bytes(let b)): return .bytes(a + b)
        case (.list(let a), .list(let b)): return .list(a + b)
        case (.duration(let a), .duration(let b)):
            guard let sum = a.adding(b) else { return .error(.range("duration out of range")) }
            return .duration(sum)
        case (.timestamp(let a), .duration(let b)), (.duration(let b), .timestamp(let a)):
            guard let sum = a.adding(b) else { return .error(.range("timestamp out of range")) }
            return .timestamp(sum)
        default: return noOverload("_+_", lhs, rhs)
        }
    }

    static func subtract(_ lhs: CELValue, _ rhs: CELValue) -> CELValue {
        switch (lhs, rhs) {
        case (.int(let a), .int(let b)):
            let (difference, overflow) = a.subtractingReportingOverflow(b)
            return overflow ? .error(.overflow("subtraction")) : .int(difference)
        case (.uint(let a), .uint(let b)):
            let (difference, overflow) = a.subtractingReportingOverflow(b)
            return overflow ? .error(.overflow("subtraction")) : .uint(difference)
        case (.double(let a), .double(let b)): return .double(a - b)
        case (.duration(let a), .duration(let b)):
            guard let negated = b.negated(), let result = a.adding(negated) else {
                return .error(.range("duration out of range"))
            }
            return .duration(result)
        case (.timestamp(let a), .duration(let b)):
            guard let negated = b.negated(), let result = a.adding(negated) else {
                return .error(.range("timestamp out of range"))
            }
            return .timestamp(result)
        case (.timestamp(let a), .timestamp(let b)):
            // Like cel-go, the difference must fit 64-bit nanoseconds (about ±292 years).
            guard let result = a.difference(b), result.totalNanoseconds != nil else {
                return .error(.range("duration out of range"))
            }
            return .duration(result)
        default: return noOverload("_-_", lhs, rhs)
        }
    }

    static func multiply(_ lhs: CELValue, _ rhs: CELValue) -> CELValue {
        switch (lhs, rhs) {
        case (.int(let a), .int(let b)):
            let (product, overflow) = a.multipliedReportingOverflow(by: b)
            return overflow ? .error(.overflow("multiplication")) : .int(product)
        case (.uint(let a), .uint(let b)):
            let (product, overflow) = a.multipliedReportingOverflow(by: b)
            return overflow ? .error(.overflow("multiplication")) : .uint(product)
        case (.double(let a), .double(let b)): return .double(a * b)
        default: return noOverload("_*_", lhs, rhs)
        }
    }

    static func divide(_ lhs: CELValue, _ rhs: CELValue) -> CELValue {
        switch (lhs, rhs) {
        case (.int(let a), .int(let b)):
            if b == 0 { return .error(.divideByZero()) }
            let (quotient, overflow) = a.dividedReportingOverflow(by: b)
            return overflow ? .error(.overflow("division")) : .int(quotient)
        case (.uint(let a), .uint(let b)):
            if b == 0 { return .error(.divideByZero()) }
            return .uint(a / b)
        case (.double(let a), .double(let b)): return .double(a / b)
        default: return noOverload("_/_", lhs, rhs)
        }
    }

    static func modulo(_ lhs: CELValue, _ rhs: CELValue) -> CELValue {
        switch (lhs, rhs) {
        case (.int(let a), .int(let b)):
            if b == 0 { return .error(.moduloByZero()) }
            let (remainder, overflow) = a.remainderReportingOverflow(dividingBy: b)
            return overflow ? .error(.overflow("modulus")) : .int(remainder)
        case (.uint(let a), .uint(let b)):
            if b == 0 { return .error(.moduloByZero()) }
            return .uint(a % b)
        default: return noOverload("_%_", lhs, rhs)
        }
    }

    static func negate(_ operand: CELValue) -> CELValue {
        switch operand {
        case .int(let a):
            let (result, overflow) = (0 as Int64).subtractingReportingOverflow(a)
            return overflow ? .error(.overflow("negation")) : .int(result)
        case .double(let a): return .double(-a)
        case .duration(let d):
            guard let result = d.negated() else { return .error(.range("duration out of range")) }
            return .duration(result)
        default: return noOverload("-_", operand)
        }
    }

    static func not(_ operand: CELValue) -> CELValue {
        if case .bool(let value) = operand { return .bool(!value) }
        return noOverload("!_", operand)
    }
}

/// The error value for a call whose arguments match no overload; propagates argument errors first.
func noOverload(_ function: String, _ arguments: CELValue...) -> CELValue {
    for argument in arguments where argument.isError { return argument }
    let types = arguments.map { $0.celType.description }.joined(separator: ", ")
    return .error(CELError(code: .noMatchingOverload, reason: "no such overload: \(function)(\(types))"))
}
