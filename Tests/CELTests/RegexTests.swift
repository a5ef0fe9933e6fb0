import CEL
import Testing

@Suite struct RegexTests {
    @Test(arguments: [
        ("'abc'.matches('^a.c$')", true),
        ("'ABC'.matches('(?i)abc')", true),
        ("'a1b2'.matches('[0-9]')", true),
        ("'x'.matches('')", true),
        ("'aaa'.matches('a{2,3}')", true),
        ("'ab'.matches('(ab)+')", true),
        ("'a]b'.matches('[]a]+')", true),
        ("'1.5'.matches('^\\\\d+\\\\.\\\\d+$')", true),
        ("'hello world'.matches('\\\\bworld')", true),
        ("'abc'.matches('x|y')", false),
    ])
    func matchesLikeRE2(_ text: String, _ expected: Bool) throws {
        #expect(try evaluate(text) == .bool(expected))
    }

    @Test(arguments: [
        "'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!'.matches('(a+)+$')",
        "'aaaa'.matches('(a*)*b')",
        "'aa'.matches('(a)\\\\1')",
        "'ab'.matches('a(?=b)')",
        "'ab'.matches('(?<=a)b')",
        "'aaa'.matches('a++')",
        "'x'.matches('(')",
    ])
    func refusesPatternsRE2WouldRejectOrThatBacktrack(_ text: String) throws {
        let result = try evaluate(text)
        #expect(result.error?.code == .invalidRegex, "\(text) = \(result)")
    }
}
