import Testing

@testable import Linkage

@Suite struct ExactComparisonTests {
    /// An exact comparison has no levels between exact and else; two different values must land
    /// on else (it once read an uninitialised level slot and crashed).
    @Test func differentValuesAreElseAndNullIsNull() throws {
        let c = try Comparison(column: "sex", method: .exact)
        let prepared = PreparedComparison(c, column: EncodedColumn(["male", "female", "male", ""]))
        #expect(c.label(ofLevel: Int(prepared.level(0, 1))) == "else")
        #expect(c.label(ofLevel: Int(prepared.level(0, 2))) == "exact")
        #expect(c.label(ofLevel: Int(prepared.level(0, 3))) == "null")
        var cache = LevelCache()
        #expect(c.label(ofLevel: Int(prepared.level(1, 2, cache: &cache))) == "else")
    }
}
