/// One comparison of a column between two records, in levels: level 0 is an exact match, then
/// the configured levels in order (the first that holds wins), then "else". A null on either
/// side is a level of its own that carries no evidence (Bayes factor 1).
public struct Comparison: Sendable, Hashable {
    /// How values are compared.
    public enum Method: String, Sendable, Hashable, CaseIterable {
        case exact
        case jaroWinkler = "jaro_winkler"
        case jaro
        case levenshtein
        case damerauLevenshtein = "damerau_levenshtein"
        case jaccard
        case numeric
        case date
        case idNumber = "id_number"
        /// A code whose last character is a check character (an ID number, a bank card number,
        /// or the order code and check of one): levels tell how a keying error spoils it.
        case checkedCode = "checked_code"
        case pinyin

        /// The levels used when a comparison names none.
        public var defaultLevels: [Level] {
            switch self {
            case .exact: []
            case .jaroWinkler, .jaro, .jaccard: [.similarity(0.9), .similarity(0.7)]
            case .levenshtein, .damerauLevenshtein: [.distance(1), .distance(2)]
            case .numeric: [.difference(1)]
            case .date: [.transposed, .oneDigit]
            case .idNumber: [.fifteenEighteen, .oneDigit, .transposed]
            case .checkedCode: [.keyedTypo, .transposed, .checkCharacter]
            case .pinyin: [.simplified, .sameSound]
            }
        }

        /// What its levels may be, for error messages.
        var levelHelp: String {
            switch self {
            case .exact: "none (exact has only exact and else)"
            case .jaroWinkler, .jaro, .jaccard: "similarities between 0 and 1, decreasing (e.g. [0.95, 0.88])"
            case .levenshtein, .damerauLevenshtein: "whole edit distances of 1 or more, increasing (e.g. [1, 3])"
            case .numeric: "absolute differences (e.g. 1, 10), percentages (\"5%\") or 1_digit"
            case .date:
                "exact, transposed (day and month swapped), 1_digit, year_month, year, or a distance in days (30, \"30d\", \"6m\", \"1y\")"
            case .idNumber:
                "exact, 15_18 (same number in 15- and 18-digit form or only the check character differs), 1_digit, transposed"
            case .checkedCode:
                "exact, typo (one character before the check differs, the check agrees), transposed (two adjacent characters swapped, the check included), check (only the check character differs)"
            case .pinyin:
                "exact, simplified (Traditional/Simplified equal), pinyin (same sound), or a Jaro-Winkler similarity of the pinyin (e.g. 0.9)"
            }
        }
    }

    /// One level of a comparison.
    public enum Level: Sendable, Hashable, CustomStringConvertible {
        /// Values are identical (after trimming).
        case exact
        /// A similarity at least this high (Jaro, Jaro-Winkler, Jaccard; for pinyin, Jaro-Winkler of the pinyin).
        case similarity(Double)
        /// An edit distance at most this large (Levenshtein, Damerau-Levenshtein).
        case distance(Int)
        /// A numeric difference at most this large; for dates, in days.
        case difference(Double)
        /// A numeric difference at most this share of the larger value.
        case relativeDifference(Double)
        /// Dates with day and month swapped; adjacent characters swapped in an ID number.
        case transposed
        /// The same length and exactly one digit different.
        case oneDigit
        /// Dates in the same year and month.
        case sameYearMonth
        /// Dates in the same year.
        case sameYear
        /// ID numbers equal once 15-digit numbers are upgraded (or that differ only in the check character).
        case fifteenEighteen
        /// Checked codes of one length differing in one character before the check character,
        /// the check characters equal: what a one-character typo does to the code it was keyed
        /// from (the check then fails), and rare between two real codes, whose checks differ.
        case keyedTypo
        /// Checked codes that differ only in the check character: a typo in the check itself,
        /// or, as often, two real codes next to each other in a sequence.
        case checkCharacter
        /// Equal once Traditional characters are made Simplified.
        case simplified
        /// The same toneless pinyin (张/章).
        case sameSound

        public var description: String {
            switch self {
            case .exact: "exact"
            case .similarity(let s): ">= \(s)"
            case .distance(let d): "<= \(d)"
            case .difference(let d): "<= \(d.formattedShort)"
            case .relativeDifference(let r): "<= \((r * 100).formattedShort)%"
            case .transposed: "transposed"
            case .oneDigit: "1_digit"
            case .sameYearMonth: "year_month"
            case .sameYear: "year"
            case .fifteenEighteen: "15_18"
            case .keyedTypo: "typo"
            case .checkCharacter: "check"
            case .simplified: "simplified"
            case .sameSound: "pinyin"
            }
        }
    }

    /// The column compared.
    public let column: String
    /// How it is compared.
    public let method: Method
    /// The levels between exact and else, in the order they are tried.
    public let levels: [Level]
    /// Whether an exact match is weighed by how common the value is.
    public let termFrequencyAdjusted: Bool
    /// The gram length of a Jaccard comparison.
    public let q: Int

    /// A comparison; throws `badLevel` when a level does not suit the method or the order is wrong.
    public init(
        column: String, method: Method, levels: [Level]? = nil, termFrequencyAdjusted: Bool = false, q: Int = 2
    ) throws(LinkageError) {
        var levels = levels ?? method.defaultLevels
        if levels.first == .exact { levels.removeFirst() }
        self.column = column
        self.method = method
        self.levels = levels
        self.termFrequencyAdjusted = termFrequencyAdjusted
        self.q = max(1, q)
        try validate()
    }

    private func validate() throws(LinkageError) {
        func bad(_ what: String) -> LinkageError {
            LinkageError(
                .badLevel, "comparison of \(column) (\(method.rawValue)): \(what); levels may be \(method.levelHelp)")
        }
        var previous: Level?
        for level in levels {
            let fits: Bool
            switch (method, level) {
            case (.jaroWinkler, .similarity(let s)), (.jaro, .similarity(let s)), (.jaccard, .similarity(let s)),
                (.pinyin, .similarity(let s)):
                fits = s > 0 && s <= 1
                if case .similarity(let p) = previous, p <= s {
                    throw bad("similarity levels must decrease, \(p) then \(s)")
                }
            case (.levenshtein, .distance(let d)), (.damerauLevenshtein, .distance(let d)):
                fits = d >= 1
                if case .distance(let p) = previous, p >= d {
                    throw bad("distance levels must increase, \(p) then \(d)")
                }
            case (.numeric, .difference(let d)), (.date, .difference(let d)):
                fits = d >= 0
            case (.numeric, .relativeDifference(let r)):
                fits = r >= 0
            case (.numeric, .oneDigit), (.date, .transposed), (.date, .oneDigit), (.date, .sameYearMonth),
                (.date, .sameYear), (.idNumber, .fifteenEighteen), (.idNumber, .oneDigit), (.idNumber, .transposed),
                (.checkedCode, .keyedTypo), (.checkedCode, .transposed), (.checkedCode, .checkCharacter),
                (.pinyin, .simplified), (.pinyin, .sameSound):
                fits = true
            default:
                fits = false
            }
            if !fits { throw bad("level \(level) does not fit") }
            previous = level
        }
    }

    /// The number of levels, null excluded: exact, the configured ones, else.
    public var levelCount: Int { levels.count + 2 }

    /// A label for level `index` (0 exact, last else).
    public func label(ofLevel index: Int) -> String {
        if index == 0 { return "exact" }
        if index == levelCount - 1 { return "else" }
        if index >= levelCount { return "null" }
        return "\(method.rawValue) \(levels[index - 1])"
    }

    /// Parses one level as written in a configuration (a number or a word) for `method`.
    public static func parseLevel(_ text: String, method: Method) -> Level? {
        let t = text.lowercased()
        switch t {
        case "exact": return .exact
        case "transposed": return method == .date || method == .idNumber || method == .checkedCode ? .transposed : nil
        case "typo": return method == .checkedCode ? .keyedTypo : nil
        case "check": return method == .checkedCode ? .checkCharacter : nil
        case "1_digit", "one_digit": return .oneDigit
        case "year_month": return .sameYearMonth
        case "year": return .sameYear
        case "15_18": return .fifteenEighteen
        case "simplified": return .simplified
        case "pinyin", "same_sound": return .sameSound
        default: break
        }
        switch method {
        case .jaroWinkler, .jaro, .jaccard, .pinyin:
            return Double(t).map { .similarity($0) }
        case .levenshtein, .damerauLevenshtein:
            guard let d = Int(t) else { return nil }
            return .distance(d)
        case .numeric:
            if t.hasSuffix("%"), let p = Double(t.dropLast()) { return .relativeDifference(p / 100) }
            return Double(t).map { .difference($0) }
        case .date:
            if let d = Double(t) { return .difference(d) }
            let units: [(String, Double)] = [("_days", 1), ("d", 1), ("m", 30.44), ("y", 365.25)]
            for (suffix, days) in units where t.hasSuffix(suffix) {
                if let n = Double(t.dropLast(suffix.count)) { return .difference((n * days).rounded()) }
            }
            return nil
        case .exact, .idNumber, .checkedCode:
            return nil
        }
    }
}

extension Double {
    /// Whole numbers without ".0".
    var formattedShort: String { self == rounded() && abs(self) < 1e15 ? String(Int(self)) : String(self) }
}
