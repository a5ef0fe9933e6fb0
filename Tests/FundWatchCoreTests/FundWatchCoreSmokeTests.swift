import Testing

@Test func placeholderFundWatchCore() { #expect(Bool(true)) }
