import FundWatchCore

/// Where a column's values come from: one field of every record of a timeline list, or (with no
/// list) one field of every person.
struct ColumnKey: Hashable, Sendable {
    /// The list whose records the column holds; nil for a column of persons.
    let list: TimelineList?
    let field: String
}

/// One field of every record of a list (or of every person) of a population, in person order,
/// packed for scans: a text field as a small code (which of the literals rules compare it with
/// it equals, or none), a number, flag, date or month as an `Int64` (dates `yyyymmdd`, months
/// as ``Period/index``, flags 0 or 1).
///
/// The values are those of the native field readers (``TimelineList/nativeReader(_:)``), the
/// table both the native evaluator and the interpreter's record objects read, so a scan cannot
/// disagree with either about a field.
struct RecordColumn: Sendable {
    /// What kind of value the field holds (the reader's case for every record).
    enum Kind: Sendable {
        case text, int, bool, date, period
        /// The field held values of more than one kind (or of a kind columns do not pack):
        /// every test on it answers "maybe".
        case mixed
    }

    let key: ColumnKey
    /// The literals rules compare this text field with; a record's code is its literal's position.
    let vocabulary: [String]
    private(set) var kind: Kind?
    /// Text codes (text columns): a position in ``vocabulary``, ``other`` or ``absent``.
    private(set) var codes: [Int8] = []
    /// Values of the other kinds, ``null`` for a missing one; for text, a hash of the value
    /// (different hashes: certainly different texts), so two text fields can be joined.
    private(set) var numbers: [Int64] = []
    /// The text values themselves, kept for person columns only (a person's sex is compared
    /// with the sex the ID number encodes); empty otherwise.
    private(set) var texts: [String] = []
    let keepsText: Bool

    /// The code of a string equal to none of the literals.
    static let other: Int8 = -1
    /// The code of a null (a missing value).
    static let absent: Int8 = -2
    /// A missing date, month or number.
    static let null = Int64.min

    /// An empty column of the field, coding text against `vocabulary`.
    init(key: ColumnKey, vocabulary: [String], capacity: Int = 0) {
        self.key = key
        self.vocabulary = vocabulary
        keepsText = key.list == nil
        codes.reserveCapacity(capacity)
        numbers.reserveCapacity(capacity)
    }

    /// Appends the value of the next record (or person).
    mutating func append(_ value: NativeValue) {
        var code = Self.absent
        var number = Self.null
        switch value {
        case .null: break
        case .string(let s):
            note(.text)
            number = Self.hash(s)
            code = Self.other
            for (n, literal) in vocabulary.enumerated() where RulePlan.sameBytes(s, literal) {
                code = Int8(n)
                break
            }
        case .int(let v):
            note(.int)
            number = v
        case .bool(let b):
            note(.bool)
            number = b ? 1 : 0
        case .date(let packed):
            note(.date)
            number = Int64(packed)
        case .period(let month):
            note(.period)
            number = Int64(month)
        case .double, .unknown:
            kind = .mixed
        }
        codes.append(code)
        numbers.append(number)
        if keepsText {
            if case .string(let text) = value { texts.append(text) } else { texts.append("") }
        }
    }

    /// FNV-1a of the UTF-8 bytes (never ``null``).
    static func hash(_ s: String) -> Int64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in s.utf8 {
            h = (h ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        let value = Int64(bitPattern: h)
        return value == null ? value &+ 1 : value
    }

    /// Records the kind of a value; two kinds in one column make it `mixed`.
    private mutating func note(_ k: Kind) {
        if kind == nil { kind = k } else if kind != k { kind = .mixed }
    }

    /// Appends the values a worker read for the next persons (and their kinds).
    mutating func append(contentsOf part: RecordColumn) {
        codes += part.codes
        numbers += part.numbers
        texts += part.texts
        if let k = part.kind {
            if kind == nil { kind = k } else if kind != k { kind = .mixed }
        }
    }
}

/// A column's packed values as a scan reads them, without reference counting: its kind, whether
/// it holds persons, and its codes and numbers. Valid only inside ``RecordColumn/withViews(_:_:)``.
struct ColumnView {
    let kind: RecordColumn.Kind?
    let ofPersons: Bool
    let codes: UnsafeBufferPointer<Int8>
    let numbers: UnsafeBufferPointer<Int64>
}

extension RecordColumn {
    /// Runs `body` with a view of each column, in order (each column's storage pinned meanwhile).
    static func withViews<R>(_ columns: [RecordColumn], _ body: (UnsafeBufferPointer<ColumnView>) -> R) -> R {
        var views = [ColumnView]()
        views.reserveCapacity(columns.count)
        func nest(_ c: Int) -> R {
            if c == columns.count { return views.withUnsafeBufferPointer(body) }
            return columns[c].codes.withUnsafeBufferPointer { codes in
                columns[c].numbers.withUnsafeBufferPointer { numbers in
                    views.append(ColumnView(kind: columns[c].kind, ofPersons: columns[c].key.list == nil, codes: codes, numbers: numbers))
                    return nest(c + 1)
                }
            }
        }
        return nest(0)
    }
}
