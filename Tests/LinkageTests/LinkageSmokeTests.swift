import Testing

@Test func placeholderLinkage() { #expect(Bool(true)) }
