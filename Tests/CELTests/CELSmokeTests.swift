import Testing

@Test func placeholderCEL() { #expect(Bool(true)) }
