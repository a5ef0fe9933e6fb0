import Testing

@testable import Linkage

/// The shortcuts of the hot loop (symbol-mask bounds, the one-edit check) give the very levels
/// the full measures give, on every pair of a set of look-alike strings.
@Suite struct PruningTests {
    /// Short strings over a small alphabet (many near misses), with Latin capitals and Chinese.
    static let values: [String] = {
        var rng = SplitMix(seed: 7)
        let alphabet = Array("aeinrstlAE王芳明")
        var out = Set<String>()
        while out.count < 300 {
            let n = 1 + Int(rng.next() % 7)
            out.insert(String((0..<n).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }))
        }
        // Classic near misses.
        out.formUnion(["martha", "marhta", "dwayne", "duane", "dixon", "dicksonx", "jones", "johnson", "ab", "ba", "abc", "acb"])
        return out.sorted()
    }()

    /// The level the ladder gives from the full measure.
    static func expected(_ comparison: Comparison, _ a: String, _ b: String) -> UInt8 {
        let (x, y) = (StringSimilarity.symbols(a), StringSimilarity.symbols(b))
        for (k, level) in comparison.levels.enumerated() {
            switch (comparison.method, level) {
            case (.jaroWinkler, .similarity(let s)): if StringSimilarity.jaroWinkler(x, y) >= s { return UInt8(k + 1) }
            case (.levenshtein, .distance(let d)): if StringSimilarity.levenshtein(x, y) <= d { return UInt8(k + 1) }
            case (.damerauLevenshtein, .distance(let d)):
                if StringSimilarity.damerauLevenshtein(x, y) <= d { return UInt8(k + 1) }
            default: Issue.record("unexpected level \(level)")
            }
        }
        return UInt8(comparison.levelCount - 1)
    }

    @Test(arguments: [
        (Comparison.Method.jaroWinkler, [Comparison.Level.similarity(0.95), .similarity(0.88)]),
        (.jaroWinkler, [.similarity(0.7)]),
        (.levenshtein, [.distance(1)]),
        (.damerauLevenshtein, [.distance(1)]),
        (.levenshtein, [.distance(1), .distance(3)]),
    ])
    func shortcutsAgreeWithTheFullMeasure(method: Comparison.Method, levels: [Comparison.Level]) throws {
        let comparison = try Comparison(column: "v", method: method, levels: levels)
        let column = EncodedColumn(Self.values)
        let prepared = PreparedComparison(comparison, column: column)
        var mismatches = 0
        for a in column.values.indices {
            for b in column.values.indices where a != b {
                let got = prepared.level(values: a, b)
                let want = Self.expected(comparison, column.values[a], column.values[b])
                if got != want {
                    mismatches += 1
                    if mismatches < 5 { Issue.record("\(column.values[a]) ~ \(column.values[b]): \(got), want \(want)") }
                }
            }
        }
        #expect(mismatches == 0)
    }

    @Test func oneEditCheck() {
        func within(_ a: String, _ b: String, _ t: Bool) -> Bool {
            StringSimilarity.symbols(a).withUnsafeBufferPointer { x in
                StringSimilarity.symbols(b).withUnsafeBufferPointer { y in StringSimilarity.withinOneEdit(x, y, transpositions: t) }
            }
        }
        #expect(within("abc", "abc", false))
        #expect(within("abc", "abd", false))
        #expect(within("abc", "ab", false) && within("bc", "abc", false) && within("ac", "abc", false))
        #expect(!within("abc", "acb", false) && within("abc", "acb", true))
        #expect(!within("abcd", "badc", true))
        #expect(!within("abc", "a", false) && !within("abc", "xbz", true))
        #expect(within("", "a", false) && within("", "", true))
    }
}

/// A small deterministic generator for test data.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
