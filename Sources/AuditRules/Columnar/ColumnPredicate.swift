import CEL

/// A boolean term of a rule's condition as a test over columns, answered per record (or per
/// person) as certainly false, certainly true, or maybe. Only shapes whose CEL meaning is
/// certain are translated (a field against a string, int or null literal, a flag, `!`, `&&`,
/// `||`); anything else is `maybe`, so a scan never rules out a record the interpreter would
/// not also rule out.
indirect enum ColumnPredicate: Sendable, Hashable {
    case maybe
    /// A text field equals (or, with `equal` false, differs from) the literal with this code.
    case textEquals(column: Int, code: Int8, equal: Bool)
    /// An int field compared with an int literal (`field <op> literal`).
    case intCompare(column: Int, op: Comparison, literal: Int64)
    /// The field is null (or, with `null` false, is not).
    case isNull(column: Int, null: Bool)
    /// A flag field itself.
    case truth(column: Int)
    /// Two fields compared (`enrollment.start_date < id_birth_date(person)`): numbers, dates or
    /// months of one kind, or (equality only) the texts of person columns.
    case compareColumns(left: Int, right: Int, op: Comparison)
    case not(ColumnPredicate)
    /// A term the columns cannot answer, decided per record (or person) by its natively compiled
    /// closure before any rule runs (``ColumnPlan/nativeTerms``, by position): the scan itself
    /// answers "maybe", the native pass then marks where it is false.
    case native(Int)
    case all([ColumnPredicate])
    case any([ColumnPredicate])

    enum Comparison: Sendable, Hashable {
        case less, lessOrEqual, greater, greaterOrEqual, equal, notEqual

        init?(_ function: String) {
            switch function {
            case "_<_": self = .less
            case "_<=_": self = .lessOrEqual
            case "_>_": self = .greater
            case "_>=_": self = .greaterOrEqual
            case "_==_": self = .equal
            case "_!=_": self = .notEqual
            default: return nil
            }
        }

        /// The comparison with its operands swapped (`1 < x` is `x > 1`).
        var swapped: Comparison {
            switch self {
            case .less: .greater
            case .lessOrEqual: .greaterOrEqual
            case .greater: .less
            case .greaterOrEqual: .lessOrEqual
            case .equal, .notEqual: self
            }
        }

        @inline(__always)
        func holds(_ a: Int64, _ b: Int64) -> Bool {
            switch self {
            case .less: a < b
            case .lessOrEqual: a <= b
            case .greater: a > b
            case .greaterOrEqual: a >= b
            case .equal: a == b
            case .notEqual: a != b
            }
        }
    }

    /// Whether the predicate can ever rule something out.
    var isInformative: Bool {
        switch self {
        case .maybe: false
        case .native: true
        case .not(let p): p.isInformative
        case .all(let ps): ps.contains { $0.isInformative }
        case .any(let ps): ps.allSatisfy { $0.isInformative }
        default: true
        }
    }
}

/// Three-valued answer of a ``ColumnPredicate``.
enum Certainty: UInt8, Sendable {
    case no, yes, maybe
}

extension ColumnPredicate {
    /// The predicate's answer for record `i` of person `p` (person columns are read at `p`; for
    /// a predicate of persons alone, `i` is `p`), read through the columns' views
    /// (``RecordColumn/withViews(_:_:)``; `columns` serves only the texts of person columns).
    func certainty(
        at i: Int, person p: Int, _ views: UnsafeBufferPointer<ColumnView>, _ columns: UnsafeBufferPointer<RecordColumn>
    ) -> Certainty {
        switch self {
        case .maybe, .native: return .maybe
        case .textEquals(let c, let code, let equal):
            let column = views[c]
            guard column.kind == .text || column.kind == nil else { return .maybe }
            let value = column.codes[column.ofPersons ? p : i]
            // null == 'text' is false in CEL (values of different kinds are unequal).
            let same = value == code
            return same == equal ? .yes : .no
        case .intCompare(let c, let op, let literal):
            let column = views[c]
            guard column.kind == .int else { return .maybe }
            let value = column.numbers[column.ofPersons ? p : i]
            if value == RecordColumn.null { return .maybe }
            return op.holds(value, literal) ? .yes : .no
        case .isNull(let c, let null):
            let column = views[c]
            guard let kind = column.kind, kind != .mixed else { return .maybe }
            let row = column.ofPersons ? p : i
            let isNull = kind == .text ? column.codes[row] == RecordColumn.absent : column.numbers[row] == RecordColumn.null
            return isNull == null ? .yes : .no
        case .truth(let c):
            let column = views[c]
            guard column.kind == .bool else { return .maybe }
            switch column.numbers[column.ofPersons ? p : i] {
            case 1: return .yes
            case 0: return .no
            default: return .maybe
            }
        case .compareColumns(let a, let b, let op):
            let (x, y) = (views[a], views[b])
            return Self.compare(x, x.ofPersons ? p : i, y, y.ofPersons ? p : i, op, columns, a, b)
        case .not(let term):
            switch term.certainty(at: i, person: p, views, columns) {
            case .no: return .yes
            case .yes: return .no
            case .maybe: return .maybe
            }
        case .all(let ps):
            // false && anything (an error included) is false in CEL.
            var result = Certainty.yes
            for term in ps {
                switch term.certainty(at: i, person: p, views, columns) {
                case .no: return .no
                case .maybe: result = .maybe
                case .yes: break
                }
            }
            return result
        case .any(let ps):
            // true || anything is true; false only when every side is false.
            var result = Certainty.no
            for term in ps {
                switch term.certainty(at: i, person: p, views, columns) {
                case .yes: return .yes
                case .maybe: result = .maybe
                case .no: break
                }
            }
            return result
        }
    }
}

extension ColumnPredicate {
    /// Two column values compared as CEL compares them, when that is certain.
    /// The columns come as the buffer and two positions: passing a column itself copied it (a
    /// retain of each of its arrays) for every record compared.
    static func compare(
        _ x: ColumnView, _ i: Int, _ y: ColumnView, _ j: Int, _ op: Comparison, _ columns: UnsafeBufferPointer<RecordColumn>,
        _ a: Int, _ b: Int
    ) -> Certainty {
        guard let kind = x.kind, kind == y.kind else { return .maybe }
        switch kind {
        case .int, .date, .period:
            let (a, b) = (x.numbers[i], y.numbers[j])
            if a == RecordColumn.null || b == RecordColumn.null {
                // A missing date equals only another missing one; ordering it is an error.
                switch op {
                case .equal: return (a == b) ? .yes : .no
                case .notEqual: return (a != b) ? .yes : .no
                default: return .maybe
                }
            }
            return op.holds(a, b) ? .yes : .no
        case .text:
            guard columns[a].keepsText, columns[b].keepsText, op == .equal || op == .notEqual else { return .maybe }
            let (nullA, nullB) = (x.codes[i] == RecordColumn.absent, y.codes[j] == RecordColumn.absent)
            let same = nullA || nullB ? nullA == nullB : RulePlan.sameBytes(columns[a].texts[i], columns[b].texts[j])
            return same == (op == .equal) ? .yes : .no
        case .bool, .mixed:
            return .maybe
        }
    }
}

extension ColumnPredicate {
    /// Sets `bit` in `out[i]` for each record `i` of `range` where the predicate is certainly
    /// false (``certainty(at:person:_:_:)`` is `.no`); `owners` gives each record's person (empty
    /// for a predicate of persons, whose records are the persons). The simple shapes run as
    /// tight loops over the column; the others ask ``certainty(at:person:_:_:)`` per record.
    func markFalse(
        _ bit: UInt64, _ range: Range<Int>, _ owners: UnsafeBufferPointer<Int32>, _ views: UnsafeBufferPointer<ColumnView>,
        _ columns: UnsafeBufferPointer<RecordColumn>, _ out: UnsafeMutableBufferPointer<UInt64>
    ) {
        @inline(__always) func row(_ column: ColumnView, _ i: Int) -> Int {
            column.ofPersons && !owners.isEmpty ? Int(owners[i]) : i
        }
        switch self {
        case .textEquals(let c, let code, let equal):
            let column = views[c]
            guard column.kind == .text || column.kind == nil else { return }
            for i in range where (column.codes[row(column, i)] == code) != equal { out[i] |= bit }
        case .intCompare(let c, let op, let literal):
            let column = views[c]
            guard column.kind == .int else { return }
            for i in range {
                let value = column.numbers[row(column, i)]
                if value != RecordColumn.null && !op.holds(value, literal) { out[i] |= bit }
            }
        case .isNull(let c, let null):
            let column = views[c]
            guard let kind = column.kind, kind != .mixed else { return }
            for i in range {
                let r = row(column, i)
                let isNull = kind == .text ? column.codes[r] == RecordColumn.absent : column.numbers[r] == RecordColumn.null
                if isNull != null { out[i] |= bit }
            }
        case .truth(let c):
            let column = views[c]
            guard column.kind == .bool else { return }
            for i in range where column.numbers[row(column, i)] == 0 { out[i] |= bit }
        case .maybe, .native:
            return
        case .all(let ps):
            // False where any of them is (`false && anything` is false).
            for p in ps { p.markFalse(bit, range, owners, views, columns, out) }
        default:
            for i in range where certainty(at: i, person: owners.isEmpty ? i : Int(owners[i]), views, columns) == .no {
                out[i] |= bit
            }
        }
    }
}
