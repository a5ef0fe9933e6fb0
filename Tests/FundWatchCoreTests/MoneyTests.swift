import FundWatchCore
import Testing

@Suite struct MoneyTests {
    @Test(arguments: [
        ("1,234.50", Int64(123_450)), ("¥1234.5", 123_450), ("１２３４．５０", 123_450), ("￥ 1,234", 123_400),
        ("0.05", 5), ("-12", -1200), ("1234元", 123_400), ("+3.1", 310), ("1，234.00", 123_400),
    ])
    func parsesYuanAsPeopleWriteIt(text: String, fen: Int64) throws {
        #expect(try Money(yuanText: text).fen == fen)
    }

    @Test(arguments: ["", "abc", "1.234", "1.2.3", "12-3", "99999999999999999999", "¥", "1元2"])
    func rejectsWhatIsNotAnAmount(text: String) {
        #expect(throws: MoneyParseError.self) { try Money(yuanText: text) }
    }

    @Test func formatsWithSeparatorsAndTwoDecimals() {
        #expect(Money(fen: 123_456_789).description == "1,234,567.89")
        #expect(Money(fen: -5).description == "-0.05")
        #expect(Money(fen: 0).description == "0.00")
        #expect(Money(yuan: 3) + Money(fen: 50) == Money(fen: 350))
    }
}
