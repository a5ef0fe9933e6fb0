import CEL
import FundWatchCore

// Operators and functions. Each closure gives the interpreter's value where its operands have
// the shapes it handles, and `unknown` elsewhere (where CEL gives an error or the operands are
// of a kind it does not reproduce), so the interpreter decides those records.

extension NativeCompiler {
    mutating func compileCall(_ function: String, _ target: Expr?, _ args: [Expr]) -> NativeExpr? {
        if target == nil, args.count == 2, let binary = compileBinary(function, args[0], args[1]) {
            return binary
        }
        switch (function, target, args.count) {
        case ("!_", nil, 1):
            guard let x = compile(args[0]) else { return nil }
            return { f in
                if case .bool(let b) = x(f) { return .bool(!b) }
                return .unknown
            }
        case ("-_", nil, 1):
            guard let x = compile(args[0]) else { return nil }
            return { f in
                switch x(f) {
                case .int(let i): return i == .min ? .unknown : .int(-i)
                case .double(let d): return .double(-d)
                default: return .unknown
                }
            }
        case ("_?_:_", nil, 3):
            guard let c = compile(args[0]), let yes = compile(args[1]), let no = compile(args[2]) else { return nil }
            return { f in
                guard case .bool(let b) = c(f) else { return .unknown }
                return b ? yes(f) : no(f)
            }
        case ("double", nil, 1):
            guard let x = compile(args[0]) else { return nil }
            return { f in
                switch x(f) {
                case .int(let i): return .double(Double(i))
                case .double(let d): return .double(d)
                default: return .unknown
                }
            }
        case ("size", let target?, 0):
            return compileSize(target)
        case ("size", nil, 1):
            return compileSize(args[0])
        case ("startsWith", let target?, 1):
            guard let s = compile(target), let p = compile(args[0]) else { return nil }
            return { f in
                guard case .string(let text) = s(f), case .string(let prefix) = p(f) else { return .unknown }
                return .bool(text.utf8.starts(with: prefix.utf8))
            }
        default:
            guard target == nil else { return refuse("the method '\(function)'") }
            return compileDomainFunction(function, args)
        }
    }

    /// The native value of a literal, nil for uint and bytes (which the compiler refuses).
    static func nativeConstant(_ constant: Expr.Constant) -> NativeValue? {
        switch constant {
        case .null: .null
        case .bool(let b): .bool(b)
        case .int(let i): .int(i)
        case .double(let d): .double(d)
        case .string(let s): .string(s)
        case .uint, .bytes: nil
        }
    }

    /// `a && b && c …` as one node: the terms in order, stopping at the first false, with CEL's
    /// commutative, error-absorbing `&&` (false wins wherever it is; all true is true; anything
    /// else is unknown), so the same value and cost as the nested pairs, without a call per pair.
    private mutating func compileConjunction(_ terms: [Expr]) -> NativeExpr? {
        var parts = [NativeExpr]()
        for term in terms {
            guard let part = compile(term) else { return nil }
            parts.append(part)
        }
        switch parts.count {
        case 2:
            let (a, b) = (parts[0], parts[1])
            return { f in
                let x = a(f)
                if case .bool(false) = x { return x }
                let y = b(f)
                if case .bool(false) = y { return y }
                if case .bool(true) = x, case .bool(true) = y { return .bool(true) }
                return .unknown
            }
        case 3:
            let (a, b, c) = (parts[0], parts[1], parts[2])
            return { f in
                var known = true
                let x = a(f)
                if case .bool(let v) = x { if !v { return x } } else { known = false }
                let y = b(f)
                if case .bool(let v) = y { if !v { return y } } else { known = false }
                let z = c(f)
                if case .bool(let v) = z { if !v { return z } } else { known = false }
                return known ? .bool(true) : .unknown
            }
        default:
            let all = ContiguousArray(parts)
            return { f in
                var known = true
                for part in all {
                    let x = part(f)
                    if case .bool(let v) = x { if !v { return x } } else { known = false }
                }
                return known ? .bool(true) : .unknown
            }
        }
    }

    /// `record.field == 'literal'` for a field holding a code (benefit, visit kind, insurance,
    /// custody kind, check method, death source): the code compared as an enum case, without
    /// making its text. Nil for any other shape.
    private func compileCodeTest(_ field: Expr, _ literal: Expr) -> (@Sendable (NativeFrame) -> Bool)? {
        guard let text = Self.stringLiteral(literal), case .select(let operand, let name, false) = field.kind,
            let (list, slot) = recordReference(operand), let test = list.nativeCodeTest(name, equals: text)
        else { return nil }
        if let slot {
            return { f in
                let position = f.locals[slot]
                return f.withBound { test($0, position) }
            }
        }
        return { f in
            let position = f.record
            return f.withBound { test($0, position) }
        }
    }

    static func stringLiteral(_ expr: Expr) -> String? {
        if case .constant(.string(let s)) = expr.kind { return s }
        return nil
    }

    private mutating func compileSize(_ operand: Expr) -> NativeExpr? {
        if let list = timelineList(operand) {
            return { f in .int(Int64(list.count(in: f.bound))) }
        }
        if case .comprehension(let c) = operand.kind, c.macro == .filter {
            guard let count = compileFilterCount(c) else { return nil }
            return keyedByRecordField(operand, count)
        }
        return refuse("size() of something else than a timeline list or a filter of one")
    }

    /// `&&`, `||`, comparisons and arithmetic; nil when `function` is none of them.
    private mutating func compileBinary(_ function: String, _ left: Expr, _ right: Expr) -> NativeExpr? {
        let known: Set<String> = ["_&&_", "_||_", "_==_", "_!=_", "_<_", "_<=_", "_>_", "_>=_", "_+_", "_-_", "_*_", "_/_"]
        guard known.contains(function) else { return nil }
        if function == "_&&_" { return compileConjunction(RuleTrigger.conjuncts(left) + RuleTrigger.conjuncts(right)) }
        if function == "_==_" || function == "_!=_", let test = compileCodeTest(left, right) ?? compileCodeTest(right, left) {
            let negated = function == "_!=_"
            return { f in .bool(test(f) != negated) }
        }
        guard let l = compile(left), let r = compile(right) else { return nil }
        if ["_<_", "_<=_", "_>_", "_>=_"].contains(function), case .constant(let c) = right.kind, let constant = Self.nativeConstant(c) {
            // Against a literal (`payment.amount > 0`): the literal is not a node to call.
            switch function {
            case "_<_": return { f in NativeValue.compare(l(f), constant).map { .bool($0 < 0) } ?? .unknown }
            case "_<=_": return { f in NativeValue.compare(l(f), constant).map { .bool($0 <= 0) } ?? .unknown }
            case "_>_": return { f in NativeValue.compare(l(f), constant).map { .bool($0 > 0) } ?? .unknown }
            default: return { f in NativeValue.compare(l(f), constant).map { .bool($0 >= 0) } ?? .unknown }
            }
        }
        switch function {
        case "_&&_":
            // False decides whatever the other side is (CEL's commutative, error-absorbing `&&`).
            return { f in
                let x = l(f)
                if case .bool(false) = x { return x }
                let y = r(f)
                if case .bool(false) = y { return y }
                if case .bool(true) = x, case .bool(true) = y { return .bool(true) }
                return .unknown
            }
        case "_||_":
            return { f in
                let x = l(f)
                if case .bool(true) = x { return x }
                let y = r(f)
                if case .bool(true) = y { return y }
                if case .bool(false) = x, case .bool(false) = y { return .bool(false) }
                return .unknown
            }
        case "_==_", "_!=_":
            let negated = function == "_!=_"
            // Against a string literal (`payment.benefit == 'pension'`, the commonest test): Swift's
            // `==` on strings of the same UTF-8 length equals byte equality when one is ASCII.
            if let literal = Self.stringLiteral(right) ?? Self.stringLiteral(left), literal.utf8.allSatisfy({ $0 < 0x80 }) {
                let other = Self.stringLiteral(right) != nil ? l : r
                let length = literal.utf8.count
                return { f in
                    let x = other(f)
                    if case .string(let s) = x { return .bool((s.utf8.count == length && s == literal) != negated) }
                    return NativeValue.equals(x, .string(literal)).map { .bool($0 != negated) } ?? .unknown
                }
            }
            if negated { return { f in NativeValue.equals(l(f), r(f)).map { .bool(!$0) } ?? .unknown } }
            return { f in NativeValue.equals(l(f), r(f)).map { .bool($0) } ?? .unknown }
        case "_<_":
            return { f in NativeValue.compare(l(f), r(f)).map { .bool($0 < 0) } ?? .unknown }
        case "_<=_":
            return { f in NativeValue.compare(l(f), r(f)).map { .bool($0 <= 0) } ?? .unknown }
        case "_>_":
            return { f in NativeValue.compare(l(f), r(f)).map { .bool($0 > 0) } ?? .unknown }
        case "_>=_":
            return { f in NativeValue.compare(l(f), r(f)).map { .bool($0 >= 0) } ?? .unknown }
        case "_+_":
            return { f in
                let x = l(f)
                let y = r(f)
                switch (x, y) {
                case (.int(let a), .int(let b)):
                    let (sum, overflow) = a.addingReportingOverflow(b)
                    return overflow ? .unknown : .int(sum)
                case (.double(let a), .double(let b)): return .double(a + b)
                default:
                    guard let a = x.text, let b = y.text else { return .unknown }
                    let joined = a + b
                    // The interpreter charges a concatenation its length.
                    f.cost &+= joined.utf8.count
                    return .string(joined)
                }
            }
        case "_-_":
            return { f in
                switch (l(f), r(f)) {
                case (.int(let a), .int(let b)):
                    let (difference, overflow) = a.subtractingReportingOverflow(b)
                    return overflow ? .unknown : .int(difference)
                case (.double(let a), .double(let b)): return .double(a - b)
                default: return .unknown
                }
            }
        case "_*_":
            return { f in
                switch (l(f), r(f)) {
                case (.int(let a), .int(let b)):
                    let (product, overflow) = a.multipliedReportingOverflow(by: b)
                    return overflow ? .unknown : .int(product)
                case (.double(let a), .double(let b)): return .double(a * b)
                default: return .unknown
                }
            }
        default:  // "_/_"
            return { f in
                switch (l(f), r(f)) {
                case (.int(let a), .int(let b)):
                    if b == 0 || (a == .min && b == -1) { return .unknown }
                    return .int(a / b)
                case (.double(let a), .double(let b)): return .double(a / b)
                default: return .unknown
                }
            }
        }
    }
}
