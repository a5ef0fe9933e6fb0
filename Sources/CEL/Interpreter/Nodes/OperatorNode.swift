/// Arithmetic and comparison operators with inline fast paths for same-kind operands;
/// everything else goes through the general implementations.
final class OperatorNode: Node, @unchecked Sendable {
    enum Operation {
        case add, subtract, multiply, divide, modulo
        case equals, notEquals, less, lessEquals, greater, greaterEquals
    }

    let lhs: Node
    let rhs: Node
    let operation: Operation
    /// The right operand when it is a literal (saves a node call per evaluation).
    let constant: CELValue?
    /// The left operand when it is a literal.
    let leftConstant: CELValue?

    init(_ operation: Operation, _ lhs: Node, _ rhs: Node, location: SourceLocation) {
        self.operation = operation
        self.lhs = lhs
        self.rhs = rhs
        self.constant = (rhs as? ConstantNode)?.value
        self.leftConstant = (lhs as? ConstantNode)?.value
        super.init(location: location)
    }

    static func operation(for function: String) -> Operation? {
        switch function {
        case Operator.add: return .add
        case Operator.subtract: return .subtract
        case Operator.multiply: return .multiply
        case Operator.divide: return .divide
        case Operator.modulo: return .modulo
        case Operator.equals: return .equals
        case Operator.notEquals: return .notEquals
        case Operator.less: return .less
        case Operator.lessEquals: return .lessEquals
        case Operator.greater: return .greater
        case Operator.greaterEquals: return .greaterEquals
        default: return nil
        }
    }

    override func eval(_ frame: inout Frame) -> CELValue {
        let left: CELValue
        if let leftConstant {
            left = leftConstant
        } else {
            left = lhs.eval(&frame)
            if left.isError { return left }
        }
        let right: CELValue
        if let constant {
            right = constant
        } else {
            right = rhs.eval(&frame)
            if right.isError { return right }
        }
        if let fast = OperatorNode.fast(operation, left, right) { return fast }
        let result = OperatorNode.general(operation, left, right)
        if operation == .add, let error = frame.charge(result.sizeCost) { return fail(error) }
        return located(result)
    }

    /// The operator on two values, exactly as an expression computes it (without cost charges
    /// or source locations).
    static func apply(_ operation: Operation, _ left: CELValue, _ right: CELValue) -> CELValue {
        if left.isError { return left }
        if right.isError { return right }
        return fast(operation, left, right) ?? general(operation, left, right)
    }

    /// Same-kind operands that need no general dispatch.
    @inline(__always)
    static func fast(_ operation: Operation, _ left: CELValue, _ right: CELValue) -> CELValue? {
        if case .double(let a) = left, case .double(let b) = right {
            switch operation {
            case .add: return .double(a + b)
            case .subtract: return .double(a - b)
            case .multiply: return .double(a * b)
            case .divide: return .double(a / b)
            case .less: return .bool(a < b)
            case .lessEquals: return .bool(a <= b)
            case .greater: return .bool(a > b)
            case .greaterEquals: return .bool(a >= b)
            case .equals: return .bool(a == b)
            case .notEquals: return .bool(a != b)
            case .modulo: break
            }
        } else if case .int(let a) = left, case .int(let b) = right {
            switch operation {
            case .less: return .bool(a < b)
            case .lessEquals: return .bool(a <= b)
            case .greater: return .bool(a > b)
            case .greaterEquals: return .bool(a >= b)
            case .equals: return .bool(a == b)
            case .notEquals: return .bool(a != b)
            case .add:
                let (sum, overflow) = a.addingReportingOverflow(b)
                if !overflow { return .int(sum) }
            case .subtract:
                let (difference, overflow) = a.subtractingReportingOverflow(b)
                if !overflow { return .int(difference) }
            default: break
            }
        } else if case .string(let a) = left, case .string(let b) = right {
            switch operation {
            case .equals: return .bool(CELValue.stringsEqual(a, b))
            case .notEquals: return .bool(!CELValue.stringsEqual(a, b))
            case .less: return .bool(CELValue.utf8Order(a, b) < 0)
            case .lessEquals: return .bool(CELValue.utf8Order(a, b) <= 0)
            case .greater: return .bool(CELValue.utf8Order(a, b) > 0)
            case .greaterEquals: return .bool(CELValue.utf8Order(a, b) >= 0)
            default: break
            }
        }
        return nil
    }

    private static func general(_ operation: Operation, _ left: CELValue, _ right: CELValue) -> CELValue {
        switch operation {
        case .add: return Arithmetic.add(left, right)
        case .subtract: return Arithmetic.subtract(left, right)
        case .multiply: return Arithmetic.multiply(left, right)
        case .divide: return Arithmetic.divide(left, right)
        case .modulo: return Arithmetic.modulo(left, right)
        case .equals: return .bool(CELValue.celEquals(left, right))
        case .notEquals: return .bool(!CELValue.celEquals(left, right))
        case .less: return Builtins.compare("_<_", left, right) { $0 < 0 }
        case .lessEquals: return Builtins.compare("_<=_", left, right) { $0 <= 0 }
        case .greater: return Builtins.compare("_>_", left, right) { $0 > 0 }
        case .greaterEquals: return Builtins.compare("_>=_", left, right) { $0 >= 0 }
        }
    }
}
