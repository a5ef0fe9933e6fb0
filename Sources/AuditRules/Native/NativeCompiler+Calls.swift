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

    static func stringLiteral(_ expr: Expr) -> String? {
        if case .constant(.string(let s)) = expr.kind { return s }
        return nil
    }

    private mutating func compileSize(_ operand: Expr) -> NativeExpr? {
        if let list = timelineList(operand) {
            return { f in .int(Int64(list.count(in: f.bound))) }
        }
        if case .comprehension(let c) = operand.kind, c.macro == .filter {
            return compileFilterCount(c)
        }
        return refuse("size() of something else than a timeline list or a filter of one")
    }

    /// `&&`, `||`, comparisons and arithmetic; nil when `function` is none of them.
    private mutating func compileBinary(_ function: String, _ left: Expr, _ right: Expr) -> NativeExpr? {
        let known: Set<String> = ["_&&_", "_||_", "_==_", "_!=_", "_<_", "_<=_", "_>_", "_>=_", "_+_", "_-_", "_*_", "_/_"]
        guard known.contains(function) else { return nil }
        guard let l = compile(left), let r = compile(right) else { return nil }
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
