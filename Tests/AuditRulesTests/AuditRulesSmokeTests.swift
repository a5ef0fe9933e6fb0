import Testing

@Test func placeholderAuditRules() { #expect(Bool(true)) }
