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
    /// false; `owners` gives each record's person (empty for a predicate of persons, whose
    /// records are the persons). The simple shapes run as tight loops over the column; the
    /// others are answered a block at a time (``fill(_:_:_:_:_:scratch:block:)``).
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
            // Block by block: the answers of the whole block node by node (one read of each
            // node's case per block, not per record: reading an indirect enum's payload retains it).
            let block = Swift.min(range.count, Self.blockSize)
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: block * (depth + 1)) { scratch in
                var start = range.lowerBound
                while start < range.upperBound {
                    let end = Swift.min(range.upperBound, start + block)
                    let answers = UnsafeMutableBufferPointer(rebasing: scratch[0..<(end - start)])
                    fill(answers, start..<end, owners, views, columns, scratch: UnsafeMutableBufferPointer(rebasing: scratch[block...]), block: block)
                    for i in start..<end where answers[i - start] == Certainty.no.rawValue { out[i] |= bit }
                    start = end
                }
            }
        }
    }

    /// Records per block of ``fill(_:_:_:_:_:scratch:block:)``: small enough for its answers to
    /// stay in the first-level cache.
    static let blockSize = 2048

    /// How deep the predicate nests (a leaf is 0): the scratch blocks ``fill`` needs.
    var depth: Int {
        switch self {
        case .not(let p): 1 + p.depth
        case .all(let ps), .any(let ps): 1 + (ps.map(\.depth).max() ?? 0)
        default: 0
        }
    }

    /// Writes the predicate's answer for each record of `range` into `out` (its `Certainty` raw
    /// value, one byte per record, `out[0]` for `range.lowerBound`; person columns are read at
    /// the record's owner), leaves as tight loops over their columns and inner nodes by
    /// combining their terms' blocks (`false && x` is false and `true || x` true in CEL, an
    /// error included).
    /// `scratch` holds `block` bytes per level below this one.
    func fill(
        _ out: UnsafeMutableBufferPointer<UInt8>, _ range: Range<Int>, _ owners: UnsafeBufferPointer<Int32>,
        _ views: UnsafeBufferPointer<ColumnView>, _ columns: UnsafeBufferPointer<RecordColumn>,
        scratch: UnsafeMutableBufferPointer<UInt8>, block: Int
    ) {
        let (no, yes, maybe) = (Certainty.no.rawValue, Certainty.yes.rawValue, Certainty.maybe.rawValue)
        @inline(__always) func row(_ column: ColumnView, _ i: Int) -> Int {
            column.ofPersons && !owners.isEmpty ? Int(owners[i]) : i
        }
        let base = range.lowerBound
        switch self {
        case .not(let term):
            term.fill(out, range, owners, views, columns, scratch: UnsafeMutableBufferPointer(rebasing: scratch[block...]), block: block)
            // no ↔ yes, maybe stays.
            for k in 0..<range.count where out[k] != maybe { out[k] ^= 1 }
        case .all(let ps), .any(let ps):
            let isAll = if case .all = self { true } else { false }
            guard let first = ps.first else {
                // An empty conjunction is true, an empty disjunction false.
                for k in 0..<range.count { out[k] = isAll ? yes : no }
                return
            }
            let below = UnsafeMutableBufferPointer(rebasing: scratch[block...])
            first.fill(out, range, owners, views, columns, scratch: below, block: block)
            let other = UnsafeMutableBufferPointer(rebasing: scratch[0..<range.count])
            for term in ps.dropFirst() {
                term.fill(other, range, owners, views, columns, scratch: below, block: block)
                for k in 0..<range.count {
                    let (a, b) = (out[k], other[k])
                    // `false && x` is false, `true || x` is true; otherwise maybe wins over the
                    // neutral answer (no = 0 < yes = 1 < maybe = 2).
                    if isAll {
                        out[k] = a == no || b == no ? no : Swift.max(a, b)
                    } else {
                        out[k] = a == yes || b == yes ? yes : Swift.max(a, b)
                    }
                }
            }
        case .textEquals(let c, let code, let equal):
            let column = views[c]
            guard column.kind == .text || column.kind == nil else { return fillMaybe(out, range.count) }
            for i in range { out[i - base] = (column.codes[row(column, i)] == code) == equal ? yes : no }
        case .intCompare(let c, let op, let literal):
            let column = views[c]
            guard column.kind == .int else { return fillMaybe(out, range.count) }
            for i in range {
                let value = column.numbers[row(column, i)]
                out[i - base] = value == RecordColumn.null ? maybe : op.holds(value, literal) ? yes : no
            }
        case .isNull(let c, let null):
            let column = views[c]
            guard let kind = column.kind, kind != .mixed else { return fillMaybe(out, range.count) }
            for i in range {
                let r = row(column, i)
                let isNull = kind == .text ? column.codes[r] == RecordColumn.absent : column.numbers[r] == RecordColumn.null
                out[i - base] = isNull == null ? yes : no
            }
        case .truth(let c):
            let column = views[c]
            guard column.kind == .bool else { return fillMaybe(out, range.count) }
            for i in range {
                let value = column.numbers[row(column, i)]
                out[i - base] = value == 1 ? yes : value == 0 ? no : maybe
            }
        case .compareColumns(let a, let b, let op):
            let (x, y) = (views[a], views[b])
            for i in range {
                out[i - base] = Self.compare(x, row(x, i), y, row(y, i), op, columns, a, b).rawValue
            }
        case .maybe, .native:
            fillMaybe(out, range.count)
        }
    }

    @inline(__always)
    private func fillMaybe(_ out: UnsafeMutableBufferPointer<UInt8>, _ count: Int) {
        for k in 0..<count { out[k] = Certainty.maybe.rawValue }
    }
}
