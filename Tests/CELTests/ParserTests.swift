@testable import CEL
import Testing

@Suite struct ParserTests {
    @Test(arguments: [
        ("1 + 2 * 3", "_+_(1, _*_(2, 3))"),
        ("(1 + 2) * 3", "_*_(_+_(1, 2), 3)"),
        ("a && b || c", "_||_(_&&_(a, b), c)"),
        ("a || b && c", "_||_(a, _&&_(b, c))"),
        ("!a", "!_(a)"),
        ("--1", "-_(-1)"),
        ("-x", "-_(x)"),
        ("-9223372036854775808", "-9223372036854775808"),
        ("a ? b : c ? d : e", "_?_:_(a, b, _?_:_(c, d, e))"),
        ("a.b.c", "a.b.c"),
        ("a[0]['k']", "_[_](_[_](a, 0), \"k\")"),
        ("x in [1, 2u, 3.5]", "@in(x, [1, 2u, 3.5])"),
        ("{'a': 1, 2: b}", "{\"a\": 1, 2: b}"),
        ("has(a.b)", "a.b~test-only"),
        ("s.startsWith('x')", "s.startsWith(\"x\")"),
        ("f(1, 2)", "f(1, 2)"),
        (".y", ".y"),
        ("0x1F", "31"),
        ("0x1Fu", "31u"),
        ("1e3", "1000.0"),
        (".5", "0.5"),
        ("b'\\x00\\377'", "b\"\\x00\\xff\""),
        ("r'\\n'", "\"\\\\n\""),
        ("'''a\nb'''", "\"a\\nb\""),
        ("a <= b != c > d", "_>_(_!=_(_<=_(a, b), c), d)"),
        ("{'x': 1}.`x-y`", "{\"x\": 1}.x-y"),
        ("a.if()", "a.if()"),
        ("[1, 2,]", "[1, 2]"),
        ("Msg{f: 1}", "Msg{f: 1}"),
        ("l.all(x, x > 0)", "__comprehension__(x, l, @result, true, @not_strictly_false(@result), _&&_(@result, _>_(x, 0)), @result)"),
    ])
    func parsesToTree(_ input: String, _ expected: String) throws {
        let expr = try Parser.parse(input)
        #expect(expr.dump == expected)
    }

    @Test(arguments: [
        ("1 +", 1, 4, "mismatched input"),
        ("a.b(", 1, 5, "mismatched input"),
        ("'abc", 1, 1, "unterminated"),
        ("1 = 2", 1, 3, "=="),
        ("a &b", 1, 3, "&&"),
        ("if", 1, 1, "reserved"),
        ("9223372036854775808", 1, 1, "out of range"),
        ("18446744073709551616u", 1, 1, "out of range"),
        ("x\n  + )", 2, 5, "mismatched input"),
        ("'\\q'", 1, 2, "escape"),
        ("has(a)", 1, 5, "has()"),
        ("l.all(1, true)", 1, 7, "simple name"),
        ("'é' + #", 1, 7, "token recognition"),
        ("'line\nbreak'", 1, 6, "newline"),
    ])
    func reportsErrorsWithPosition(_ input: String, _ line: Int, _ column: Int, _ fragment: String) {
        do {
            _ = try Parser.parse(input)
            Issue.record("expected a syntax error for \(input)")
        } catch {
            #expect(error.code == .syntax)
            #expect(error.location?.line == line, "\(error)")
            #expect(error.location?.column == column, "\(error)")
            #expect(error.reason.contains(fragment), "\(error.reason)")
        }
    }

    @Test func formattedErrorHasCaret() {
        do {
            _ = try Parser.parse("a +\n  * b")
            Issue.record("expected an error")
        } catch {
            let text = error.formatted(source: "a +\n  * b")
            #expect(text == "ERROR: <input>:2:3: Syntax error: mismatched input '*' expecting an expression\n |   * b\n | ..^")
        }
    }

    @Test func macrosCanBeDisabled() throws {
        var options = ParserOptions()
        options.macrosEnabled = false
        #expect(try Parser.parse("has(a.b)", options: options).dump == "has(a.b)")
        #expect(try Parser.parse("l.all(x, x)", options: options).dump == "l.all(x, x)")
    }
}
