import CEL

/// Translates terms of rule conditions into ``ColumnPredicate``s and collects the columns they
/// read, with the literals each text column is coded against.
struct ColumnPlanner {
    private(set) var keys: [ColumnKey] = []
    private(set) var vocabularies: [[String]] = []
    private var positions: [ColumnKey: Int] = [:]

    /// The position of a column, added on first use.
    mutating func column(_ key: ColumnKey) -> Int {
        if let n = positions[key] { return n }
        positions[key] = keys.count
        keys.append(key)
        vocabularies.append([])
        return keys.count - 1
    }

    /// The code of a literal in a text column (added on first use); nil when the column already
    /// codes as many literals as a code can hold.
    mutating func code(_ column: Int, _ literal: String) -> Int8? {
        if let n = vocabularies[column].firstIndex(where: { RulePlan.sameBytes($0, literal) }) { return Int8(n) }
        guard vocabularies[column].count < Int(Int8.max) else { return nil }
        vocabularies[column].append(literal)
        return Int8(vocabularies[column].count - 1)
    }

    /// Functions of the person alone that columns hold (one value per person), read without
    /// the population index.
    static let personColumnFunctions: Set<String> = [
        "id_birth_date", "id_sex", "id_region_known", "retirement_period", "contribution_shortfall",
    ]

    /// The predicate of a term over a record of `list` (named by `recordNames`) and the person
    /// (named `person`); with no list, over the person alone. `maybe` for any shape not translated.
    mutating func predicate(_ expr: Expr, recordNames: Set<String>, list: TimelineList?) -> ColumnPredicate {
        func field(_ e: Expr) -> Int? {
            switch e.kind {
            case .select(let operand, let name, false):
                guard case .identifier(let variable) = operand.kind else { return nil }
                if let list, recordNames.contains(variable) {
                    guard list.nativeReader(name) != nil else { return nil }
                    return column(ColumnKey(list: list, field: name))
                }
                // The household needs the population index; columns are read without it.
                guard variable == "person", name != "household", BoundTimeline.nativePersonReader(name) != nil else { return nil }
                return column(ColumnKey(list: nil, field: name))
            case .call(let function, nil, let args):
                guard Self.personColumnFunctions.contains(function), args.count == 1,
                    case .identifier("person") = args[0].kind
                else { return nil }
                return column(ColumnKey(list: nil, field: function + "()"))
            default:
                return nil
            }
        }
        guard case .call(let function, nil, let args) = expr.kind, !Self.personColumnFunctions.contains(function) else {
            if let c = field(expr) { return .truth(column: c) }
            return .maybe
        }
        switch function {
        case "_&&_": return .all(args.map { predicate($0, recordNames: recordNames, list: list) })
        case "_||_": return .any(args.map { predicate($0, recordNames: recordNames, list: list) })
        case "!_" where args.count == 1: return .not(predicate(args[0], recordNames: recordNames, list: list))
        default: break
        }
        guard args.count == 2, let comparison = ColumnPredicate.Comparison(function) else { return .maybe }
        if let a = field(args[0]), let b = field(args[1]) {
            return .compareColumns(left: a, right: b, op: comparison)
        }
        var (c, literal, op) = (field(args[0]), args[1], comparison)
        if c == nil { (c, literal, op) = (field(args[1]), args[0], comparison.swapped) }
        guard let c, case .constant(let constant) = literal.kind else { return .maybe }
        switch (constant, op) {
        case (.string(let text), .equal), (.string(let text), .notEqual):
            guard let code = code(c, text) else { return .maybe }
            return .textEquals(column: c, code: code, equal: op == .equal)
        case (.null, .equal), (.null, .notEqual):
            return .isNull(column: c, null: op == .equal)
        case (.int(let value), _):
            return .intCompare(column: c, op: op, literal: value)
        case (.bool(let value), .equal), (.bool(let value), .notEqual):
            return value == (op == .equal) ? .truth(column: c) : .not(.truth(column: c))
        default:
            return .maybe
        }
    }
}
