/// A comparison bound to one run's column: every distinct value prepared once (symbols, grams,
/// dates, pinyin), so that comparing two records is a few array reads and one measure.
final class PreparedComparison: @unchecked Sendable {
    let comparison: Comparison
    let column: EncodedColumn
    /// The level index a null gets (one past else).
    let nullLevel: UInt8
    private let symbols: [[UInt32]]
    /// The symbols of every distinct value back to back, read through pointers in the hot loop
    /// (no reference counting shared between threads).
    private let flatSymbols: UnsafeMutableBufferPointer<UInt32>
    private let symbolStart: UnsafeMutableBufferPointer<Int>
    /// Which symbols each distinct value holds, one bit per symbol modulo 64: a symbol of one
    /// value whose bit the other lacks cannot be matched, which bounds Jaro from above and edit
    /// distance from below before either is computed (most candidate pairs of a date block
    /// share a birth date and nothing else).
    private let symbolMasks: UnsafeMutableBufferPointer<UInt64>
    private let codes: UnsafeMutableBufferPointer<Int32>
    /// Plain copies of the comparison's facts, so the hot loop touches no reference-counted storage.
    private let method: Comparison.Method
    private let elseLevel: UInt8
    private let levelList: UnsafeMutableBufferPointer<Comparison.Level>
    /// How many of `levelList` are levels: it holds one slot even when there are none (exact).
    private let listedLevels: Int
    /// The digits of each value packed four bits each (up to 16), with the digit count, for 1_digit.
    private let packedDigits: UnsafeMutableBufferPointer<UInt64>
    private let digitCounts: UnsafeMutableBufferPointer<UInt8>
    /// The thresholds when every level is a similarity (they decrease).
    private let similarityLadder: [Double]?
    /// The limits when every level is an edit distance (they increase).
    private let distanceLadder: [Int]?
    private let grams: [[UInt64]]
    private let numbers: [Double?]
    private let dates: [DateValue?]
    private let digits: [[UInt32]]
    private let idBodies: [[UInt32]?]
    private let simplifiedCodes: [Int32]
    private let pinyinCodes: [Int32]
    private let pinyinSymbols: [[UInt32]]

    init(_ comparison: Comparison, column: EncodedColumn) {
        self.comparison = comparison
        self.column = column
        self.nullLevel = UInt8(comparison.levelCount)
        let values = column.values
        var symbols = [[UInt32]]()
        var grams = [[UInt64]]()
        var numbers = [Double?]()
        var dates = [DateValue?]()
        var digits = [[UInt32]]()
        var idBodies = [[UInt32]?]()
        var simplifiedCodes = [Int32]()
        var pinyinCodes = [Int32]()
        var pinyinSymbols = [[UInt32]]()
        switch comparison.method {
        case .exact:
            break
        case .jaroWinkler, .jaro, .levenshtein, .damerauLevenshtein:
            symbols = values.map(StringSimilarity.symbols)
        case .jaccard:
            grams = values.map { StringSimilarity.qgrams(StringSimilarity.symbols($0), q: comparison.q) }
        case .numeric:
            numbers = values.map { Double($0.filter { $0 != "," && $0 != " " }) }
            digits = values.map { Array($0.unicodeScalars.filter { $0.properties.numericType != nil }.map(\.value)) }
        case .date:
            dates = values.map(DateValue.init(parsing:))
            digits = values.map { Array($0.unicodeScalars.filter { (0x30...0x39).contains($0.value) }.map(\.value)) }
        case .idNumber:
            idBodies = values.map(PreparedComparison.idBody)
            symbols = values.map(StringSimilarity.symbols)
        case .checkedCode:
            symbols = values.map(StringSimilarity.symbols)
        case .pinyin:
            var codeOf = [String: Int32]()
            func intern(_ s: String) -> Int32 {
                if let c = codeOf[s] { return c }
                let c = Int32(codeOf.count)
                codeOf[s] = c
                return c
            }
            for v in values {
                simplifiedCodes.append(intern("s:" + Hanzi.simplified(v).lowercased()))
                let key = Hanzi.pinyinKey(v)
                pinyinCodes.append(intern("p:" + key))
                pinyinSymbols.append(Array(key.unicodeScalars.map(\.value)))
            }
        }
        self.symbols = symbols
        self.grams = grams
        self.numbers = numbers
        self.dates = dates
        self.digits = digits
        self.idBodies = idBodies
        self.simplifiedCodes = simplifiedCodes
        self.pinyinCodes = pinyinCodes
        self.pinyinSymbols = pinyinSymbols
        let source = comparison.method == .pinyin ? pinyinSymbols : symbols
        let total = source.reduce(0) { $0 + $1.count }
        flatSymbols = .allocate(capacity: max(total, 1))
        symbolStart = .allocate(capacity: source.count + 1)
        symbolMasks = .allocate(capacity: max(source.count, 1))
        var at = 0
        for (v, syms) in source.enumerated() {
            symbolStart[v] = at
            var mask: UInt64 = 0
            for s in syms {
                flatSymbols[at] = s
                mask |= 1 << UInt64(s & 63)
                at += 1
            }
            symbolMasks[v] = mask
        }
        symbolStart[source.count] = at
        let similarities = comparison.levels.compactMap { if case .similarity(let s) = $0 { s } else { nil } }
        similarityLadder = similarities.count == comparison.levels.count && !similarities.isEmpty ? similarities : nil
        let distances = comparison.levels.compactMap { if case .distance(let d) = $0 { d } else { nil } }
        distanceLadder = distances.count == comparison.levels.count && !distances.isEmpty ? distances : nil
        method = comparison.method
        elseLevel = UInt8(comparison.levelCount - 1)
        levelList = .allocate(capacity: max(comparison.levels.count, 1))
        listedLevels = comparison.levels.count
        _ = levelList.initialize(from: comparison.levels)
        packedDigits = .allocate(capacity: max(digits.count, 1))
        digitCounts = .allocate(capacity: max(digits.count, 1))
        for (v, ds) in digits.enumerated() {
            var packed: UInt64 = 0
            for d in ds.prefix(16) { packed = packed << 4 | UInt64(d & 0xF) }
            packedDigits[v] = packed
            digitCounts[v] = ds.count <= 16 ? UInt8(ds.count) : 255
        }
        codes = .allocate(capacity: max(column.codes.count, 1))
        _ = codes.initialize(from: column.codes)
    }

    deinit {
        levelList.deallocate()
        packedDigits.deallocate()
        digitCounts.deallocate()
        flatSymbols.deallocate()
        symbolStart.deallocate()
        symbolMasks.deallocate()
        codes.deallocate()
    }

    /// The symbols of distinct value `v` (pinyin symbols for a pinyin comparison).
    @inline(__always)
    private func sym(_ v: Int) -> UnsafeBufferPointer<UInt32> {
        UnsafeBufferPointer(rebasing: flatSymbols[symbolStart[v]..<symbolStart[v + 1]])
    }

    /// The level of records `a` and `b`: 0 exact … levelCount-1 else, `nullLevel` for a null.
    @inline(__always)
    func level(_ a: Int, _ b: Int) -> UInt8 {
        let ca = codes[a]
        let cb = codes[b]
        if ca < 0 || cb < 0 { return nullLevel }
        if ca == cb { return 0 }
        return level(values: Int(ca), Int(cb))
    }

    /// The level of records `a` and `b`, remembering the levels of value pairs in `cache`:
    /// common values (given names, surnames) meet again and again within blocks.
    @inline(__always)
    func level(_ a: Int, _ b: Int, cache: inout LevelCache) -> UInt8 {
        let ca = codes[a]
        let cb = codes[b]
        if ca < 0 || cb < 0 { return nullLevel }
        if ca == cb { return 0 }
        let key = UInt64(UInt32(min(ca, cb))) << 32 | UInt64(UInt32(max(ca, cb)))
        if let known = cache.lookup(key) { return known }
        let level = level(values: Int(ca), Int(cb))
        cache.store(key, level)
        return level
    }

    /// The level of two different distinct values.
    func level(values a: Int, _ b: Int) -> UInt8 {
        // One measure per pair for the plain threshold ladders, not one per level.
        switch method {
        case .jaroWinkler, .jaro:
            if let thresholds = similarityLadder {
                let sa = sym(a)
                let sb = sym(b)
                // At most `m` symbols match: each symbol whose bit the other value lacks is
                // unmatched. Jaro cannot exceed (m/|a| + m/|b| + 1) / 3; Winkler adds at most 0.4
                // of the rest. Both bounds only ever let a pair through to the full measure.
                let (ma, mb) = (symbolMasks[a], symbolMasks[b])
                let m = min(sa.count - (ma & ~mb).nonzeroBitCount, sb.count - (mb & ~ma).nonzeroBitCount)
                if m <= 0 {
                    // No symbol in common: the similarity is 0.
                    for (k, t) in thresholds.enumerated() where 0 >= t { return UInt8(k + 1) }
                    return elseLevel
                }
                let bound = (Double(m) / Double(sa.count) + Double(m) / Double(sb.count) + 1) / 3
                if bound + 0.4 * (1 - bound) < thresholds.last! { return elseLevel }
                let sim = method == .jaro ? StringSimilarity.jaro(sa, sb) : StringSimilarity.jaroWinkler(sa, sb)
                for (k, t) in thresholds.enumerated() where sim >= t { return UInt8(k + 1) }
                return elseLevel
            }
        case .levenshtein, .damerauLevenshtein:
            if let limits = distanceLadder {
                let sa = sym(a)
                let sb = sym(b)
                let limit = limits.last!
                // Every distinct symbol of one value missing from the other costs an edit.
                let (ma, mb) = (symbolMasks[a], symbolMasks[b])
                let floor = max(abs(sa.count - sb.count), (ma & ~mb).nonzeroBitCount, (mb & ~ma).nonzeroBitCount)
                if floor > limit { return elseLevel }
                if limits.count == 1 && limit == 1 {
                    return StringSimilarity.withinOneEdit(sa, sb, transpositions: method == .damerauLevenshtein)
                        ? 1 : elseLevel
                }
                let d =
                    method == .levenshtein
                    ? StringSimilarity.levenshtein(sa, sb, limit: limit)
                    : StringSimilarity.damerauLevenshtein(sa, sb, limit: limit)
                for (k, t) in limits.enumerated() where d <= t { return UInt8(k + 1) }
                return elseLevel
            }
        default:
            break
        }
        for k in 0..<listedLevels where holds(levelList[k], a, b) { return UInt8(k + 1) }
        return elseLevel
    }

    private func holds(_ level: Comparison.Level, _ a: Int, _ b: Int) -> Bool {
        switch (method, level) {
        case (_, .exact):
            return false
        case (.jaroWinkler, .similarity(let s)):
            return StringSimilarity.jaroWinkler(sym(a), sym(b)) >= s
        case (.jaro, .similarity(let s)):
            return StringSimilarity.jaro(sym(a), sym(b)) >= s
        case (.jaccard, .similarity(let s)):
            return StringSimilarity.jaccard(grams[a], grams[b]) >= s
        case (.pinyin, .similarity(let s)):
            return StringSimilarity.jaroWinkler(sym(a), sym(b)) >= s
        case (.levenshtein, .distance(let d)):
            return StringSimilarity.levenshtein(sym(a), sym(b), limit: d) <= d
        case (.damerauLevenshtein, .distance(let d)):
            return StringSimilarity.damerauLevenshtein(sym(a), sym(b), limit: d) <= d
        case (.numeric, .difference(let d)):
            guard let x = numbers[a], let y = numbers[b] else { return false }
            return abs(x - y) <= d
        case (.numeric, .relativeDifference(let r)):
            guard let x = numbers[a], let y = numbers[b] else { return false }
            return abs(x - y) <= r * max(abs(x), abs(y))
        case (.numeric, .oneDigit), (.date, .oneDigit):
            let n = digitCounts[a]
            guard n == digitCounts[b], n != 255 else { return false }
            var x = packedDigits[a] ^ packedDigits[b]
            var differing = 0
            while x != 0 {
                if x & 0xF != 0 { differing += 1 }
                x >>= 4
            }
            return differing == 1
        case (.date, .difference(let d)):
            guard let x = dates[a]?.dayNumber, let y = dates[b]?.dayNumber else { return false }
            return Double(abs(x - y)) <= d
        case (.date, .transposed):
            guard let x = dates[a], let y = dates[b] else { return false }
            return x.year == y.year && x.month == y.day && x.day == y.month
        case (.date, .sameYearMonth):
            guard let x = dates[a], let y = dates[b] else { return false }
            return x.year == y.year && x.month == y.month
        case (.date, .sameYear):
            guard let x = dates[a], let y = dates[b] else { return false }
            return x.year == y.year
        case (.idNumber, .fifteenEighteen):
            guard let x = idBodies[a], let y = idBodies[b] else { return false }
            return x == y
        case (.idNumber, .oneDigit):
            if let x = idBodies[a], let y = idBodies[b] {
                return StringSimilarity.hamming(x, y) == 1 && !PreparedComparison.differOnlyInOrderCode(x, y)
            }
            return StringSimilarity.hamming(symbols[a], symbols[b]) == 1
        case (.idNumber, .transposed):
            if let x = idBodies[a], let y = idBodies[b] {
                return StringSimilarity.isAdjacentTransposition(x, y) && !PreparedComparison.differOnlyInOrderCode(x, y)
            }
            return StringSimilarity.isAdjacentTransposition(symbols[a], symbols[b])
        case (.checkedCode, .keyedTypo):
            guard let differing = PreparedComparison.onlyDifference(sym(a), sym(b)) else { return false }
            return differing < sym(a).count - 1
        case (.checkedCode, .checkCharacter):
            guard let differing = PreparedComparison.onlyDifference(sym(a), sym(b)) else { return false }
            return differing == sym(a).count - 1
        case (.checkedCode, .transposed):
            return StringSimilarity.isAdjacentTransposition(symbols[a], symbols[b])
        case (.pinyin, .simplified):
            return simplifiedCodes[a] == simplifiedCodes[b]
        case (.pinyin, .sameSound):
            return pinyinCodes[a] == pinyinCodes[b]
        default:
            return false
        }
    }

    /// The position of the one symbol in which two equally long codes differ, or nil when they
    /// differ in none or more than one, or in length.
    static func onlyDifference(_ x: UnsafeBufferPointer<UInt32>, _ y: UnsafeBufferPointer<UInt32>) -> Int? {
        guard x.count == y.count else { return nil }
        var found: Int?
        for i in 0..<x.count where x[i] != y[i] {
            if found != nil { return nil }
            found = i
        }
        return found
    }

    /// Whether two 17-digit bodies agree on region and birth date and differ only in the order
    /// code (digits 15–17). Two people born on one day in one county have exactly such numbers,
    /// so that difference is no evidence of a typo: it falls to "else".
    static func differOnlyInOrderCode(_ x: [UInt32], _ y: [UInt32]) -> Bool {
        guard x.count == 17, y.count == 17 else { return false }
        return x[0..<14] == y[0..<14]
    }

    /// The 17-digit body of an ID number (the 15-digit form upgraded with century 19), or nil
    /// when the text is neither 15 digits nor 17 digits and a check character.
    static func idBody(_ text: String) -> [UInt32]? {
        let u = Array(
            text.unicodeScalars.compactMap { s -> UInt32? in
                switch s.value {
                case 0x20, 0x3000: nil
                case 0xFF10...0xFF19: s.value - 0xFF10 + 0x30
                default: s.value
                }
            })
        let isDigit = { (v: UInt32) in v >= 0x30 && v <= 0x39 }
        if u.count == 18, u[0..<17].allSatisfy(isDigit) { return Array(u[0..<17]) }
        if u.count == 15, u.allSatisfy(isDigit) { return Array(u[0..<6]) + [0x31, 0x39] + Array(u[6..<15]) }
        return nil
    }
}

/// A calendar date read from text, kept even when it is not a real date (month 13 is a typo
/// worth comparing), with a day number when it is one.
struct DateValue: Sendable, Hashable {
    let year: Int
    let month: Int
    let day: Int
    /// Days since 1970-01-01 for a real date.
    let dayNumber: Int?

    /// Reads `YYYY-MM-DD`, `YYYY/MM/DD`, `YYYY.MM.DD`, `YYYY年MM月DD日` and `YYYYMMDD`.
    init?(parsing text: String) {
        var parts = [Int]()
        var current = -1
        var digitCount = 0
        for s in text.unicodeScalars {
            if s.value >= 0x30 && s.value <= 0x39 {
                current = (current < 0 ? 0 : current) * 10 + Int(s.value - 0x30)
                digitCount += 1
            } else if current >= 0 {
                parts.append(current)
                current = -1
            }
        }
        if current >= 0 { parts.append(current) }
        if parts.count == 1 && digitCount == 8 {
            let v = parts[0]
            parts = [v / 10000, v / 100 % 100, v % 100]
        }
        guard parts.count == 3, parts[0] >= 1000 else { return nil }
        year = parts[0]
        month = parts[1]
        day = parts[2]
        if (1...12).contains(month), (1...31).contains(day) {
            // Days from civil (Howard Hinnant's algorithm).
            let y = month <= 2 ? year - 1 : year
            let era = (y >= 0 ? y : y - 399) / 400
            let yoe = y - era * 400
            let mp = (month + 9) % 12
            let doy = (153 * mp + 2) / 5 + day - 1
            let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
            dayNumber = era * 146097 + doe - 719468
        } else {
            dayNumber = nil
        }
    }
}

/// A direct-mapped cache of value-pair levels, one per thread and comparison.
struct LevelCache {
    private var keys: [UInt64]
    private var levels: [UInt8]
    private let mask: Int

    init(bits: Int = 16) {
        keys = [UInt64](repeating: .max, count: 1 << bits)
        levels = [UInt8](repeating: 0, count: 1 << bits)
        mask = (1 << bits) - 1
    }

    @inline(__always)
    private func slot(_ key: UInt64) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask }

    @inline(__always)
    func lookup(_ key: UInt64) -> UInt8? {
        let i = slot(key)
        return keys[i] == key ? levels[i] : nil
    }

    @inline(__always)
    mutating func store(_ key: UInt64, _ level: UInt8) {
        let i = slot(key)
        keys[i] = key
        levels[i] = level
    }
}
