import Testing

@Test func placeholderLedger() { #expect(Bool(true)) }
