/// String similarity and distance measures over Unicode scalar values, so that they treat a
/// Chinese character, an accented letter and an ASCII letter alike as one symbol.
public enum StringSimilarity {
    /// Jaro similarity in [0, 1].
    public static func jaro(_ a: UnsafeBufferPointer<UInt32>, _ b: UnsafeBufferPointer<UInt32>) -> Double {
        let n = a.count
        let m = b.count
        if n == 0 && m == 0 { return 1 }
        if n == 0 || m == 0 { return 0 }
        let window = max(0, max(n, m) / 2 - 1)
        // Flags on the stack for short strings; names and addresses are short.
        return withUnsafeTemporaryAllocation(of: Bool.self, capacity: n + m) { flags in
            flags.initialize(repeating: false)
            var matches = 0
            for i in 0..<n {
                let lo = max(0, i - window)
                let hi = min(m - 1, i + window)
                if lo > hi { continue }
                for j in lo...hi where !flags[n + j] && a[i] == b[j] {
                    flags[i] = true
                    flags[n + j] = true
                    matches += 1
                    break
                }
            }
            if matches == 0 { return 0 }
            var transpositions = 0
            var k = 0
            for i in 0..<n where flags[i] {
                while !flags[n + k] { k += 1 }
                if a[i] != b[k] { transpositions += 1 }
                k += 1
            }
            let md = Double(matches)
            return (md / Double(n) + md / Double(m) + (md - Double(transpositions / 2)) / md) / 3
        }
    }

    /// Jaro–Winkler similarity in [0, 1]: Jaro raised for a common prefix of up to four symbols
    /// (scale 0.1, as Winkler and Splink use).
    public static func jaroWinkler(
        _ a: UnsafeBufferPointer<UInt32>, _ b: UnsafeBufferPointer<UInt32>, prefixScale: Double = 0.1
    ) -> Double {
        let j = jaro(a, b)
        var prefix = 0
        while prefix < min(4, a.count, b.count) && a[prefix] == b[prefix] { prefix += 1 }
        return j + Double(prefix) * prefixScale * (1 - j)
    }

    /// Levenshtein distance (insertions, deletions, substitutions); stops early and returns
    /// `limit + 1` once the distance must exceed `limit`.
    public static func levenshtein(
        _ a: UnsafeBufferPointer<UInt32>, _ b: UnsafeBufferPointer<UInt32>, limit: Int = .max
    ) -> Int {
        editDistance(a, b, transpositions: false, limit: limit)
    }

    /// Damerau–Levenshtein distance in its optimal-string-alignment form: Levenshtein plus the
    /// swap of two adjacent symbols as one edit.
    public static func damerauLevenshtein(
        _ a: UnsafeBufferPointer<UInt32>, _ b: UnsafeBufferPointer<UInt32>, limit: Int = .max
    ) -> Int {
        editDistance(a, b, transpositions: true, limit: limit)
    }

    /// Whether the edit distance is at most one: equal, one substitution, one insertion or
    /// deletion, or (with `transpositions`) one swap of adjacent symbols. One pass, no table:
    /// the common ladder `levels: [1]` asks only this.
    public static func withinOneEdit(
        _ a: UnsafeBufferPointer<UInt32>, _ b: UnsafeBufferPointer<UInt32>, transpositions: Bool
    ) -> Bool {
        let (short, long) = a.count <= b.count ? (a, b) : (b, a)
        let n = short.count
        switch long.count - n {
        case 0:
            var i = 0
            while i < n && short[i] == long[i] { i += 1 }
            if i == n { return true }
            // First difference at i: a substitution, or a swap of i and i + 1.
            var j = i + 1
            while j < n && short[j] == long[j] { j += 1 }
            if j == n { return true }
            guard transpositions, j == i + 1, short[i] == long[j], short[j] == long[i] else { return false }
            j += 1
            while j < n && short[j] == long[j] { j += 1 }
            return j == n
        case 1:
            var i = 0
            while i < n && short[i] == long[i] { i += 1 }
            // Skip one symbol of the longer string; the rest must agree.
            while i < n && short[i] == long[i + 1] { i += 1 }
            return i == n
        default:
            return false
        }
    }

    private static func editDistance(
        _ a: UnsafeBufferPointer<UInt32>, _ b: UnsafeBufferPointer<UInt32>, transpositions: Bool, limit: Int
    ) -> Int {
        let n = a.count
        let m = b.count
        if abs(n - m) > limit { return limit == .max ? abs(n - m) : limit + 1 }
        if n == 0 { return m }
        if m == 0 { return n }
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 3 * (m + 1)) { buffer in
            var previous2 = UnsafeMutableBufferPointer(rebasing: buffer[0...m])
            var previous = UnsafeMutableBufferPointer(rebasing: buffer[(m + 1)...(2 * m + 1)])
            var current = UnsafeMutableBufferPointer(rebasing: buffer[(2 * m + 2)...])
            for j in 0...m {
                previous[j] = j
                previous2[j] = 0
            }
            for i in 1...n {
                current[0] = i
                var rowMin = i
                for j in 1...m {
                    let cost = a[i - 1] == b[j - 1] ? 0 : 1
                    var d = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                    if transpositions, i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                        d = min(d, previous2[j - 2] + 1)
                    }
                    current[j] = d
                    rowMin = min(rowMin, d)
                }
                if rowMin > limit { return limit + 1 }
                (previous2, previous, current) = (previous, current, previous2)
            }
            return previous[m]
        }
    }

    /// Jaro similarity of two arrays of symbols.
    public static func jaro(_ a: [UInt32], _ b: [UInt32]) -> Double {
        a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in jaro(a, b) } }
    }

    /// Jaro–Winkler similarity of two arrays of symbols.
    public static func jaroWinkler(_ a: [UInt32], _ b: [UInt32]) -> Double {
        a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in jaroWinkler(a, b) } }
    }

    /// Levenshtein distance of two arrays of symbols.
    public static func levenshtein(_ a: [UInt32], _ b: [UInt32], limit: Int = .max) -> Int {
        a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in levenshtein(a, b, limit: limit) } }
    }

    /// Damerau–Levenshtein (optimal string alignment) distance of two arrays of symbols.
    public static func damerauLevenshtein(_ a: [UInt32], _ b: [UInt32], limit: Int = .max) -> Int {
        a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in damerauLevenshtein(a, b, limit: limit) } }
    }

    /// The sorted distinct q-grams of a string, each packed into a hash; a string shorter than
    /// `q` is one gram.
    public static func qgrams(_ s: [UInt32], q: Int) -> [UInt64] {
        if s.isEmpty { return [] }
        var grams = [UInt64]()
        let span = max(1, s.count - q + 1)
        grams.reserveCapacity(span)
        for start in 0..<span {
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            for k in start..<min(s.count, start + q) {
                h = (h ^ UInt64(s[k])) &* 0x0000_0100_0000_01B3
            }
            grams.append(h)
        }
        grams.sort()
        var out = [UInt64]()
        out.reserveCapacity(grams.count)
        for g in grams where out.last != g { out.append(g) }
        return out
    }

    /// Jaccard similarity of two sorted gram sets.
    public static func jaccard(_ a: [UInt64], _ b: [UInt64]) -> Double {
        if a.isEmpty && b.isEmpty { return 1 }
        var i = 0
        var j = 0
        var common = 0
        while i < a.count && j < b.count {
            if a[i] == b[j] {
                common += 1
                i += 1
                j += 1
            } else if a[i] < b[j] {
                i += 1
            } else {
                j += 1
            }
        }
        return Double(common) / Double(a.count + b.count - common)
    }

    /// The number of positions at which two equally long sequences differ (nil when lengths differ).
    static func hamming(_ a: [UInt32], _ b: [UInt32]) -> Int? {
        guard a.count == b.count else { return nil }
        var d = 0
        for i in a.indices where a[i] != b[i] { d += 1 }
        return d
    }

    /// Whether `b` is `a` with exactly one pair of adjacent symbols swapped.
    static func isAdjacentTransposition(_ a: [UInt32], _ b: [UInt32]) -> Bool {
        guard a.count == b.count else { return false }
        var first = -1
        for i in a.indices where a[i] != b[i] {
            first = i
            break
        }
        guard first >= 0, first + 1 < a.count else { return false }
        guard a[first] == b[first + 1], a[first + 1] == b[first] else { return false }
        for i in (first + 2)..<a.count where a[i] != b[i] { return false }
        return a[first] != a[first + 1]
    }

    /// A string as the symbols comparators use: Unicode scalars, letters lower-cased.
    public static func symbols(_ s: String) -> [UInt32] {
        var out = [UInt32]()
        out.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            if scalar.isASCII {
                var v = scalar.value
                if v >= 0x41 && v <= 0x5A { v += 0x20 }
                out.append(v)
            } else {
                for lower in scalar.properties.lowercaseMapping.unicodeScalars { out.append(lower.value) }
            }
        }
        return out
    }
}
