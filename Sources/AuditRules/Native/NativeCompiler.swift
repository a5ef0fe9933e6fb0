import CEL
import FundWatchCore

/// One node of a natively compiled expression.
typealias NativeExpr = @Sendable (NativeFrame) -> NativeValue

/// Compiles a rule's checked CEL syntax tree once into native closures (``NativeCondition``):
/// record fields read in place with their types, dates and months as integers, comprehensions
/// over timeline lists as loops over positions, domain functions on integers, and values that
/// depend only on the person computed once per person.
///
/// Generic over the CEL the rules are written in, never specific to a rule: a construct it does
/// not cover (a list literal, `has()`, an unknown function) makes the whole expression
/// unsupported, and the rule stays with the interpreter. Where a covered construct would give a
/// CEL error or a value the native types cannot hold, the result is ``NativeValue/unknown`` and
/// the interpreter decides that record.
struct NativeCompiler {
    /// The list of the record under evaluation (nil for person-scoped rules).
    let recordList: TimelineList?
    /// The names of the record under evaluation (`payment` and `record`, …).
    let recordNames: Set<String>
    /// Comprehension variables in scope, innermost last.
    private var scopes: [(name: String, list: TimelineList, slot: Int)] = []
    private(set) var localCount = 0
    private(set) var cacheCount = 0
    /// One-entry memos of person functions by argument (``NativeFrame/memoArgument``).
    var memoCount = 0
    /// Why the expression could not be compiled (the first construct not covered).
    private(set) var unsupported: String?

    init(recordList: TimelineList?, recordNames: Set<String>) {
        self.recordList = recordList
        self.recordNames = recordNames
    }

    /// Records the first construct that is not covered; returns nil for convenience.
    mutating func refuse(_ reason: String) -> NativeExpr? {
        if unsupported == nil { unsupported = reason }
        return nil
    }

    /// The names whose value changes between records of one person: the record and the
    /// comprehension variables in scope.
    private var varyingNames: Set<String> { recordNames.union(scopes.map(\.name)) }

    /// Whether `name` is bound by a comprehension in scope.
    private func isShadowed(_ name: String) -> Bool { scopes.contains { $0.name == name } }

    /// Compiles an expression; nil when some part of it is not covered.
    mutating func compile(_ expr: Expr) -> NativeExpr? {
        switch expr.kind {
        case .call, .comprehension:
            // Calls and loops that depend only on the person run once per person and rule.
            if !RulePlan.mentions(expr, varyingNames), !isConstant(expr) {
                guard let inner = compileNode(expr) else { return nil }
                return cached(inner)
            }
            return compileNode(expr)
        default:
            return compileNode(expr)
        }
    }

    private func isConstant(_ expr: Expr) -> Bool {
        if case .constant = expr.kind { return true }
        return false
    }

    /// A person-level value kept for the rest of the person's evaluation of this rule, with the
    /// cost it was charged, charged again at each use as the interpreter would.
    private mutating func cached(_ inner: @escaping NativeExpr) -> NativeExpr {
        let slot = cacheCount
        cacheCount += 1
        return { f in
            if f.cacheStamp[slot] == f.stamp {
                f.cost &+= f.cacheCost[slot]
                return f.cache[slot]
            }
            let before = f.cost
            let value = inner(f)
            f.cache[slot] = value
            f.cacheCost[slot] = f.cost &- before
            f.cacheStamp[slot] = f.stamp
            return value
        }
    }

    private mutating func compileNode(_ expr: Expr) -> NativeExpr? {
        switch expr.kind {
        case .constant(let constant):
            let value: NativeValue
            switch constant {
            case .null: value = .null
            case .bool(let b): value = .bool(b)
            case .int(let i): value = .int(i)
            case .double(let d): value = .double(d)
            case .string(let s): value = .string(s)
            case .uint, .bytes: return refuse("a uint or bytes literal")
            }
            return { _ in value }
        case .identifier(let name):
            return refuse("the variable '\(name)' as a value")
        case .select(let operand, let field, let testOnly):
            if testOnly { return refuse("has()") }
            return compileSelect(operand, field)
        case .call(let function, let target, let args):
            return compileCall(function, target, args)
        case .comprehension(let c):
            guard let loop = compileComprehension(c) else { return nil }
            return keyedByRecordField(expr, loop)
        case .list, .map, .message:
            return refuse("a list, map or message literal")
        }
    }

    /// The list and comprehension slot (nil: the record under evaluation) an identifier names.
    func recordReference(_ expr: Expr) -> (TimelineList, Int?)? {
        guard case .identifier(let name) = expr.kind else { return nil }
        if let scope = scopes.last(where: { $0.name == name }) { return (scope.list, scope.slot) }
        if recordNames.contains(name), let recordList { return (recordList, nil) }
        return nil
    }

    /// The timeline list a bare identifier names (`payments`), unless a comprehension hides it.
    func timelineList(_ expr: Expr) -> TimelineList? {
        guard case .identifier(let name) = expr.kind, !isShadowed(name), !recordNames.contains(name) else { return nil }
        return TimelineList(variable: name)
    }

    /// Whether the expression is the `person` variable.
    func isPerson(_ expr: Expr) -> Bool {
        guard case .identifier("person") = expr.kind else { return false }
        return !isShadowed("person") && !recordNames.contains("person")
    }

    private mutating func compileSelect(_ operand: Expr, _ field: String) -> NativeExpr? {
        if let (list, slot) = recordReference(operand) {
            guard let read = list.nativeReader(field) else { return refuse("the field '\(field)'") }
            if let slot {
                return { f in
                    let position = f.locals[slot]
                    return f.withBound { read($0, position) }
                }
            }
            return { f in
                let position = f.record
                return f.withBound { read($0, position) }
            }
        }
        if isPerson(operand) {
            guard let read = BoundTimeline.nativePersonReader(field) else { return refuse("person.\(field)") }
            return { f in f.withBound(read) }
        }
        if case .call("baseline", nil, let args) = operand.kind {
            return compileBaseline(args, field: field)
        }
        return refuse("a field of a computed value")
    }

    /// A comprehension at the top of the condition (inside no other) whose value depends on the
    /// record only through one field (`contributions.filter(c, … c.paid_date ==
    /// contribution.paid_date)`): its value for the person and that field's value, kept for the
    /// next record while the field's value stays the same (records are in time order, so records
    /// of one day or month follow each other), with its cost charged again at each use as the
    /// interpreter would. Otherwise the comprehension as compiled.
    mutating func keyedByRecordField(_ expr: Expr, _ inner: @escaping NativeExpr) -> NativeExpr {
        guard scopes.isEmpty, let recordList, RulePlan.mentions(expr, recordNames),
            let fields = RulePlan.recordFields(expr, recordNames), fields.count == 1,
            let read = recordList.nativeReader(fields[0])
        else { return inner }
        let memo = memoCount
        memoCount += 1
        let costSlot = cacheCount
        cacheCount += 1
        return { f in
            let position = f.record
            let key = f.withBound { read($0, position) }
            if f.memoStamp[memo] == f.stamp, NativeValue.equals(f.memoArgument[memo], key) == true,
                f.memoArgument[memo].hasSameKind(as: key)
            {
                f.cost &+= f.cacheCost[costSlot]
                return f.memoValue[memo]
            }
            let before = f.cost
            let value = inner(f)
            f.memoStamp[memo] = f.stamp
            f.memoArgument[memo] = key
            f.memoValue[memo] = value
            f.cacheCost[costSlot] = f.cost &- before
            return value
        }
    }

    private mutating func compileComprehension(_ c: Expr.Comprehension) -> NativeExpr? {
        guard let macro = c.macro, [.exists, .all, .existsOne].contains(macro) else {
            return refuse("a comprehension other than exists, all or exists_one")
        }
        guard let list = timelineList(c.range) else { return refuse("a comprehension over something else than a timeline list") }
        guard let (slot, predicate) = compileLoopBody(c) else { return nil }
        switch macro {
        case .exists:
            return { f in
                var sawUnknown = false
                for position in 0..<f.withBound({ list.count(in: $0) }) {
                    f.cost &+= 1
                    f.locals[slot] = position
                    switch predicate(f) {
                    case .bool(true): return .bool(true)
                    case .bool(false): continue
                    default: sawUnknown = true
                    }
                }
                return sawUnknown ? .unknown : .bool(false)
            }
        case .all:
            return { f in
                var sawUnknown = false
                for position in 0..<f.withBound({ list.count(in: $0) }) {
                    f.cost &+= 1
                    f.locals[slot] = position
                    switch predicate(f) {
                    case .bool(false): return .bool(false)
                    case .bool(true): continue
                    default: sawUnknown = true
                    }
                }
                return sawUnknown ? .unknown : .bool(true)
            }
        default:
            return { f in
                var count = 0
                for position in 0..<f.withBound({ list.count(in: $0) }) {
                    f.cost &+= 1
                    f.locals[slot] = position
                    switch predicate(f) {
                    case .bool(true): count += 1
                    case .bool(false): continue
                    default: return .unknown
                    }
                }
                return .bool(count == 1)
            }
        }
    }

    /// `list.filter(v, p).size()`: how many records pass, without building the list.
    mutating func compileFilterCount(_ c: Expr.Comprehension) -> NativeExpr? {
        guard let list = timelineList(c.range) else { return refuse("a filter over something else than a timeline list") }
        guard let (slot, predicate) = compileLoopBody(c) else { return nil }
        return { f in
            var count: Int64 = 0
            for position in 0..<f.withBound({ list.count(in: $0) }) {
                f.cost &+= 1
                f.locals[slot] = position
                switch predicate(f) {
                case .bool(true): count += 1
                case .bool(false): continue
                default: return .unknown
                }
            }
            return .int(count)
        }
    }

    /// Compiles a macro's predicate with its variable bound to a new slot.
    private mutating func compileLoopBody(_ c: Expr.Comprehension) -> (Int, NativeExpr)? {
        guard let list = timelineList(c.range), let predicateExpr = c.macroArguments.first else {
            _ = refuse("a comprehension's shape")
            return nil
        }
        let slot = localCount
        localCount += 1
        scopes.append((c.iterationVariable, list, slot))
        defer { scopes.removeLast() }
        guard let predicate = compile(predicateExpr) else { return nil }
        return (slot, predicate)
    }
}
