import FundWatchCore
import Testing

@Suite struct IDNumberTests {
    let today = CivilDate(year: 2026, month: 11, day: 25)!

    @Test func validEighteenDigitNumberGivesBirthSexAndRegion() throws {
        let id = try IDNumber("11010519491231002X", today: today)
        #expect(id.value == "11010519491231002X")
        #expect(id.birthDate == CivilDate(year: 1949, month: 12, day: 31))
        #expect(id.sex == .female)
        #expect(id.issuingRegion == "110105")
        #expect(!id.wasUpgraded)
    }

    @Test func lowerCaseXAndFullWidthDigitsAreNormalised() throws {
        #expect(try IDNumber("11010519491231002x", today: today).value == "11010519491231002X")
        #expect(try IDNumber(" １１０１０５１９４９１２３１００２Ｘ ", today: today).value == "11010519491231002X")
    }

    @Test func fifteenDigitNumberIsUpgraded() throws {
        let id = try IDNumber("371482650115001", today: today)
        #expect(id.value == "371482196501150014")
        #expect(id.wasUpgraded)
        #expect(id.sex == .male)
        #expect(id.fifteenDigitForm == "371482650115001")
        // The same person's number, however it was written.
        let long = try IDNumber("371482196501150014", today: today)
        #expect(id == long)
        #expect(Set([id, long]).count == 1)
    }

    @Test func builtNumbersCarryTheirCheckCharacter() throws {
        let id = IDNumber(region: "371482", birthDate: CivilDate(year: 1980, month: 2, day: 29)!, sequence: 123)
        #expect(try IDNumber(id.value, today: today) == id)
        #expect(id.sex == .male)
    }

    @Test(arguments: [
        ("", IDNumberError.Reason.empty),
        ("1101051949123100", .length),
        ("1101051949123100211", .length),
        ("11010519491231A02X", .characters),
        ("X10105194912310021", .characters),
        ("11010519491231002Y", .characters),
        ("001051949123100211", .region),
        ("110105194902300020", .birthDate),  // 1949-02-30 does not exist
        ("110105188001010020", .birthDate),  // before 1890
        ("110105203001010020", .birthDate),  // in the future
        ("110105194912310021", .checkDigit),
        ("371482651315001", .birthDate),  // 15 digits, month 13
    ])
    func eachFailureHasItsReason(input: String, reason: IDNumberError.Reason) {
        #expect(throws: IDNumberError.self) { try IDNumber(input, today: today) }
        do {
            _ = try IDNumber(input, today: today)
        } catch {
            #expect(error.reason == reason, "\(input)")
            #expect(!error.reason.chinese.isEmpty && !error.reason.english.isEmpty)
            // Errors never carry a whole ID number.
            #expect(input.count < 11 || !error.description.contains(input))
        }
    }

    @Test func maskingKeepsRegionAndLastFour() {
        #expect(IDNumber.mask("11010519491231002X") == "110105********002X")
    }
}
