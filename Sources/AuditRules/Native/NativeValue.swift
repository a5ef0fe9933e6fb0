import FundWatchCore
import Foundation

/// A value of the native evaluator (``NativeCondition``): CEL's values as the rules use them,
/// with dates and months kept as integers instead of text, and `unknown` for anything whose CEL
/// value the evaluator does not reproduce exactly (an error, a value of another shape). An
/// unknown result sends the record back to the interpreter, so the native path never changes
/// a rule's outcome.
enum NativeValue: Sendable {
    case unknown
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    /// A date, packed as `yyyymmdd` (ordered and compared like its `YYYY-MM-DD` text).
    case date(Int32)
    /// A month as ``Period/index`` (ordered and compared like its `YYYY-MM` text).
    case period(Int32)

    @inline(__always)
    static func date(_ d: CivilDate) -> NativeValue { .date(Int32(truncatingIfNeeded: d.year * 10_000 + d.month * 100 + d.day)) }

    @inline(__always)
    static func date(_ d: CivilDate?) -> NativeValue { d.map { date($0) } ?? .null }

    @inline(__always)
    static func period(_ p: Period) -> NativeValue { .period(Int32(truncatingIfNeeded: p.index)) }

    /// The date a packed value stands for (always a real date: it was packed from one).
    @inline(__always)
    static func civilDate(_ packed: Int32) -> CivilDate {
        let v = Int(packed)
        return CivilDate(year: v / 10_000, month: v / 100 % 100, day: v % 100)!
    }

    /// The month a packed date falls in, as a ``Period/index``.
    @inline(__always)
    static func periodIndex(ofPacked packed: Int32) -> Int32 {
        let v = packed
        return (v / 10_000) * 12 + (v / 100 % 100) - 1
    }

    /// Whether both values are of the same case (equal values of different cases, a date and
    /// its text, can still read differently as function arguments).
    func hasSameKind(as other: NativeValue) -> Bool {
        switch (self, other) {
        case (.unknown, .unknown), (.null, .null), (.bool, .bool), (.int, .int), (.double, .double), (.string, .string),
            (.date, .date), (.period, .period):
            true
        default: false
        }
    }

    /// The CEL text of a date, month or string (dates and months are strings in CEL).
    var text: String? {
        switch self {
        case .string(let s): s
        case .date(let packed): Self.civilDate(packed).celText
        case .period(let index): Period(index: Int(index)).celText
        default: nil
        }
    }
}

extension NativeValue {
    /// CEL `==` where the native values reproduce it; nil when the interpreter must decide.
    static func equals(_ a: NativeValue, _ b: NativeValue) -> Bool? {
        switch (a, b) {
        case (.unknown, _), (_, .unknown): return nil
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.int(let x), .int(let y)): return x == y
        case (.double(let x), .double(let y)): return x == y
        case (.string(let x), .string(let y)): return sameBytes(x, y)
        case (.date(let x), .date(let y)): return x == y
        case (.period(let x), .period(let y)): return x == y
        case (.int, .double), (.double, .int): return nil
        default:
            // Text against text (a date against a string, a month against a date): compare the text.
            if let x = a.text, let y = b.text { return sameBytes(x, y) }
            // Values of different kinds (null against a string, …) are unequal in CEL.
            return false
        }
    }

    /// CEL ordering (-1, 0, 1) where the native values reproduce it; nil when the interpreter
    /// must decide (an error in CEL: null, different kinds, NaN).
    static func compare(_ a: NativeValue, _ b: NativeValue) -> Int? {
        switch (a, b) {
        case (.int(let x), .int(let y)): return x < y ? -1 : (x == y ? 0 : 1)
        case (.double(let x), .double(let y)):
            if x.isNaN || y.isNaN { return nil }
            return x < y ? -1 : (x == y ? 0 : 1)
        case (.date(let x), .date(let y)): return x < y ? -1 : (x == y ? 0 : 1)
        case (.period(let x), .period(let y)): return x < y ? -1 : (x == y ? 0 : 1)
        case (.bool(let x), .bool(let y)): return x == y ? 0 : (!x ? -1 : 1)
        case (.string, _), (.date, _), (.period, _):
            guard let x = a.text, let y = b.text else { return nil }
            return utf8Order(x, y)
        default: return nil
        }
    }

    /// Byte-for-byte string equality, as CEL compares strings.
    static func sameBytes(_ a: String, _ b: String) -> Bool {
        var a = a
        var b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in x.count == y.count && (x.count == 0 || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0) }
        }
    }

    /// ``utf8Order(_:_:)`` of `a1 + a2` and `b1 + b2`, without building either text (the
    /// bytes of a concatenation are the bytes of its parts, in turn).
    static func utf8Order(_ a1: String, _ a2: String, _ b1: String, _ b2: String) -> Int {
        var (a, aTail) = (a1.utf8.makeIterator(), a2.utf8.makeIterator())
        var (b, bTail) = (b1.utf8.makeIterator(), b2.utf8.makeIterator())
        while true {
            // An exhausted iterator keeps answering nil, so the tail takes over.
            switch (a.next() ?? aTail.next(), b.next() ?? bTail.next()) {
            case (nil, nil): return 0
            case (nil, _): return -1
            case (_, nil): return 1
            case let (x?, y?): if x != y { return x < y ? -1 : 1 }
            }
        }
    }

    /// Code-point (UTF-8 byte) order, as CEL orders strings.
    static func utf8Order(_ a: String, _ b: String) -> Int {
        var a = a
        var b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in
                let common = min(x.count, y.count)
                if common > 0 {
                    let order = memcmp(x.baseAddress!, y.baseAddress!, common)
                    if order != 0 { return order < 0 ? -1 : 1 }
                }
                return x.count == y.count ? 0 : (x.count < y.count ? -1 : 1)
            }
        }
    }
}
