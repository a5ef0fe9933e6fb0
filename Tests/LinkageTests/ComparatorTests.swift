import Testing

@testable import Linkage

@Suite struct StringSimilarityTests {
    private func s(_ text: String) -> [UInt32] { StringSimilarity.symbols(text) }

    @Test(arguments: [
        ("MARTHA", "MARHTA", 0.961), ("DWAYNE", "DUANE", 0.840), ("DIXON", "DICKSONX", 0.813),
        ("JELLYFISH", "SMELLYFISH", 0.896),
    ])
    func jaroWinklerKnownValues(a: String, b: String, expected: Double) {
        #expect(abs(StringSimilarity.jaroWinkler(s(a), s(b)) - expected) < 0.0015)
    }

    @Test func jaroKnownValues() {
        #expect(abs(StringSimilarity.jaro(s("MARTHA"), s("MARHTA")) - 0.944) < 0.001)
        #expect(StringSimilarity.jaro(s("abc"), s("xyz")) == 0)
        #expect(StringSimilarity.jaro(s(""), s("")) == 1)
        // Chinese characters are single symbols.
        #expect(abs(StringSimilarity.jaroWinkler(s("王小明"), s("王晓明")) - 0.8) < 0.001)
    }

    @Test func editDistances() {
        #expect(StringSimilarity.levenshtein(s("kitten"), s("sitting")) == 3)
        #expect(StringSimilarity.levenshtein(s("ca"), s("ac")) == 2)
        #expect(StringSimilarity.damerauLevenshtein(s("ca"), s("ac")) == 1)
        #expect(StringSimilarity.damerauLevenshtein(s("abcdef"), s("abdcef")) == 1)
        #expect(StringSimilarity.levenshtein(s("kitten"), s("sitting"), limit: 1) == 2)
        #expect(StringSimilarity.levenshtein(s("flaw"), s("lawn")) == 2)
        #expect(StringSimilarity.levenshtein(s("北京市朝阳区"), s("北京朝阳区")) == 1)
    }

    @Test func jaccardOnBigrams() {
        let a = StringSimilarity.qgrams(s("night"), q: 2)
        let b = StringSimilarity.qgrams(s("nacht"), q: 2)
        #expect(abs(StringSimilarity.jaccard(a, b) - 1.0 / 7.0) < 1e-9)
        #expect(StringSimilarity.jaccard(a, a) == 1)
    }
}

@Suite struct ComparisonLevelTests {
    /// The level label two values get under a comparison (dedupe of a two-record table).
    private func level(_ a: String, _ b: String, _ comparison: Comparison) -> String {
        let column = EncodedColumn([a, b])
        let prepared = PreparedComparison(comparison, column: column)
        return comparison.label(ofLevel: Int(prepared.level(0, 1)))
    }

    @Test func dates() throws {
        let c = try Comparison(column: "dob", method: .date, levels: [.transposed, .oneDigit, .difference(365)])
        #expect(level("1990-03-04", "1990-03-04", c) == "exact")
        #expect(level("1990-03-04", "1990-04-03", c) == "date transposed")
        #expect(level("1990-03-04", "1990-03-05", c) == "date 1_digit")
        #expect(level("1990-03-04", "19900305", c) == "date 1_digit")
        #expect(level("1990-03-04", "1990-11-20", c) == "date <= 365")
        #expect(level("1990-03-04", "1980-11-20", c) == "else")
        #expect(level("1990-03-04", "", c) == "null")
    }

    @Test func idNumbers() throws {
        let c = try Comparison(column: "id", method: .idNumber)
        // The same person: 15-digit and 18-digit forms (GB 11643 example number).
        #expect(level("11010519491231002X", "110105491231002", c) == "id_number 15_18")
        #expect(level("11010519491231002X", "11010619491231002X", c) == "id_number 1_digit")
        #expect(level("11010519491231002X", "11010519492131002X", c) == "id_number transposed")
        #expect(level("11010519491231002X", "370102198001011234", c) == "else")
        // Same county and birthday, another order code: another person, not a typo.
        #expect(level("11010519491231002X", "110105194912310038", c) == "else")
    }

    @Test func checkedCodes() throws {
        let c = try Comparison(column: "tail", method: .checkedCode)
        // Order code 002 and check X (the GB 11643 example number's tail).
        #expect(level("002X", "002X", c) == "exact")
        // A typo before the check leaves the check in place.
        #expect(level("003X", "002X", c) == "checked_code typo")
        #expect(level("002x", "012X", c) == "checked_code typo")
        // Swaps, the check character included.
        #expect(level("0X20", "002X", c) == "else")
        #expect(level("00X2", "002X", c) == "checked_code transposed")
        #expect(level("020X", "002X", c) == "checked_code transposed")
        // The written number's neighbour in the sequence: same order code, another check.
        #expect(level("0027", "002X", c) == "checked_code check")
        #expect(level("0037", "002X", c) == "else")
        #expect(level("002", "002X", c) == "else")
        #expect(Comparison.parseLevel("typo", method: .checkedCode) == .keyedTypo)
        #expect(Comparison.parseLevel("check", method: .checkedCode) == .checkCharacter)
        #expect(Comparison.parseLevel("typo", method: .date) == nil)
    }

    @Test func chineseNames() throws {
        let c = try Comparison(column: "name", method: .pinyin, levels: [.simplified, .sameSound, .similarity(0.9)])
        #expect(level("张三", "张三", c) == "exact")
        #expect(level("張三", "张三", c) == "pinyin simplified")
        #expect(level("张三", "章三", c) == "pinyin pinyin")
        #expect(level("Zhang San", "张三", c) == "pinyin pinyin")
        #expect(level("张三丰", "张三峰", c) == "pinyin pinyin")
        #expect(level("zhangsanfeng", "zhangsanfen", c) == "pinyin >= 0.9")
        #expect(level("李四", "王五", c) == "else")
        #expect(Hanzi.pinyinKey("王晓明") == "wangxiaoming")
        #expect(Hanzi.simplified("陳國華") == "陈国华")
    }

    @Test func latinStrings() throws {
        let jw = try Comparison(column: "n", method: .jaroWinkler, levels: [.similarity(0.95), .similarity(0.88)])
        #expect(level("MARTHA", "MARHTA", jw) == "jaro_winkler >= 0.95")
        #expect(level("martha", "MARTHA", jw) == "jaro_winkler >= 0.95")
        #expect(level("DWAYNE", "DUANE", jw) == "else")
        let lev = try Comparison(column: "a", method: .levenshtein, levels: [.distance(1), .distance(3)])
        #expect(level("12 High Street", "12 High Stret", lev) == "levenshtein <= 1")
        #expect(level("12 High Street", "21 High Stret", lev) == "levenshtein <= 3")
        let num = try Comparison(column: "x", method: .numeric, levels: [.difference(1), .relativeDifference(0.1)])
        #expect(level("100", "100.5", num) == "numeric <= 1")
        #expect(level("100", "108", num) == "numeric <= 10%")
        let ex = try Comparison(column: "s", method: .exact)
        #expect(level("male", "female", ex) == "else")
    }

    @Test func badLevelsAreRejected() {
        #expect(throws: LinkageError(.badLevel, "")) {
            try Comparison(column: "n", method: .jaroWinkler, levels: [.similarity(0.8), .similarity(0.9)])
        }
        #expect(throws: LinkageError(.badLevel, "")) {
            try Comparison(column: "n", method: .levenshtein, levels: [.transposed])
        }
        #expect(Comparison.parseLevel("30d", method: .date) == .difference(30))
        #expect(Comparison.parseLevel("fuzzy", method: .date) == nil)
    }
}
