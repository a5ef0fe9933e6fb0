import CEL
import Testing

/// Evaluates an unchecked expression with dictionary bindings.
func evaluate(_ text: String, _ bindings: [String: CELValue] = [:], checked: Bool = false) throws -> CELValue {
    var environment = CELEnvironment()
    environment.typeCheckingEnabled = checked
    for name in bindings.keys { environment.declareVariable(name, type: .dyn) }
    return try environment.compile(text).evaluate(bindings)
}

@Suite struct EvaluatorTests {
    @Test(arguments: [
        ("1 + 2 * 3", CELValue.int(7)),
        ("7 / 2", .int(3)),
        ("-7 % 3", .int(-1)),
        ("7u / 2u", .uint(3)),
        ("1.5 * 2.0", .double(3.0)),
        ("'ab' + 'cd'", .string("abcd")),
        ("[1] + [2]", .list([.int(1), .int(2)])),
        ("1 == 1.0", .bool(true)),
        ("1u == 1", .bool(true)),
        ("1 < 1.5", .bool(true)),
        ("2u > -1", .bool(true)),
        ("[1, 2] == [1.0, 2u]", .bool(true)),
        ("{'a': 1} == {'a': 1.0}", .bool(true)),
        ("1 == 'a'", .bool(false)),
        ("2 in [1, 2, 3]", .bool(true)),
        ("'k' in {'k': 1}", .bool(true)),
        ("3.0 in {3u: 1}", .bool(true)),
        ("size('héllo')", .int(5)),
        ("'héllo'.size()", .int(5)),
        ("int('42') + int(3.9) + int(-3.9)", .int(42)),
        ("uint(42)", .uint(42)),
        ("double('1e2')", .double(100)),
        ("string(1.5)", .string("1.5")),
        ("string(b'\\xc3\\xa9')", .string("é")),
        ("bool('true')", .bool(true)),
        ("type(1) == int", .bool(true)),
        ("type([]) == list", .bool(true)),
        ("dyn(1) + 1", .int(2)),
        ("'hello'.contains('ell') && 'hello'.startsWith('he') && 'hello'.endsWith('lo')", .bool(true)),
        ("'abc123'.matches('^[a-z]+[0-9]+$')", .bool(true)),
        ("'abc'.matches('d')", .bool(false)),
        ("[1, 2, 3].all(x, x > 0)", .bool(true)),
        ("[1, 2, 3].exists(x, x > 2)", .bool(true)),
        ("[1, 2, 3].exists_one(x, x > 1)", .bool(false)),
        ("[1, 2, 3].map(x, x * 2)", .list([.int(2), .int(4), .int(6)])),
        ("[1, 2, 3].map(x, x > 1, x * 10)", .list([.int(20), .int(30)])),
        ("[1, 2, 3].filter(x, x % 2 == 1)", .list([.int(1), .int(3)])),
        ("{'a': 1, 'b': 2}.all(k, k.size() == 1)", .bool(true)),
        ("has({'a': 1}.a) && !has({'a': 1}.b)", .bool(true)),
        ("true ? 'y' : 'n'", .string("y")),
        ("false && (1 / 0 == 1)", .bool(false)),
        ("(1 / 0 == 1) || true", .bool(true)),
        ("timestamp('2009-02-13T23:31:30Z').getFullYear()", .int(2009)),
        ("timestamp('2023-12-31T20:00:00Z').getFullYear('Asia/Shanghai')", .int(2024)),
        ("timestamp('2023-06-01T00:30:00+02:00').getHours()", .int(22)),
        ("duration('1h30m').getMinutes()", .int(90)),
        ("timestamp('2024-01-01T00:00:00Z') - timestamp('2023-12-31T00:00:00Z') == duration('24h')", .bool(true)),
        ("timestamp('2024-02-28T00:00:00Z') + duration('48h') == timestamp('2024-03-01T00:00:00Z')", .bool(true)),
        ("'TacoCat'.lowerAscii() + 'x'.upperAscii()", .string("tacocatX")),
        ("'a,b,c'.split(',')", .list(["a", "b", "c"])),
        ("['a', 'b'].join('-')", .string("a-b")),
        ("'  x  '.trim()", .string("x")),
        ("'hello'.substring(1, 3) + 'hello'.charAt(4)", .string("elo")),
        ("'hello'.indexOf('l') + 'hello'.lastIndexOf('l')", .int(5)),
        ("'aaa'.replace('a', 'b', 2)", .string("bba")),
        ("'abc'.reverse()", .string("cba")),
        ("strings.quote('a\"b')", .string("\"a\\\"b\"")),
        ("'%s is %d years, %.2f%%'.format(['Ann', 42, 99.5])", .string("Ann is 42 years, 99.50%")),
    ])
    func evaluatesToValue(_ text: String, _ expected: CELValue) throws {
        let result = try evaluate(text)
        #expect(CELValue.celEquals(result, expected) && result.celType.runtimeName == expected.celType.runtimeName,
            "\(text) = \(result), expected \(expected)")
    }

    @Test(arguments: [
        ("9223372036854775807 + 1", CELError.Code.overflow),
        ("-9223372036854775808 - 1", .overflow),
        ("0u - 1u", .overflow),
        ("5000000000 * 5000000000", .overflow),
        ("-(-9223372036854775808)", .overflow),
        ("1 / 0", .divideByZero),
        ("1 % 0", .divideByZero),
        ("1u / 0u", .divideByZero),
        ("{'a': 1}['b']", .noSuchKey),
        ("{'a': 1}.b", .noSuchKey),
        ("[1][5]", .invalidArgument),
        ("{1: 1, 1u: 2}", .repeatedKey),
        ("{1.5: 1}", .unsupportedKeyType),
        ("int(1e20)", .outOfRange),
        ("uint(-1)", .outOfRange),
        ("int('x')", .conversion),
        ("timestamp('10000-01-01T00:00:00Z')", .outOfRange),
        ("duration('1y')", .outOfRange),
        ("'a' + 1", .noMatchingOverload),
        ("1 < 'a'", .noMatchingOverload),
        ("'x'.matches('(')", .invalidRegex),
        ("'abc'.substring(2, 1)", .invalidArgument),
        ("unknownFunction(1)", .undeclaredReference),
        ("missing + 1", .noSuchAttribute),
        ("1.size()", .noMatchingOverload),
    ])
    func evaluatesToErrorWithLocation(_ text: String, _ code: CELError.Code) throws {
        let result = try evaluate(text)
        guard case .error(let error) = result else {
            Issue.record("\(text) = \(result), expected an error")
            return
        }
        #expect(error.code == code, "\(text): \(error)")
        #expect(error.location != nil, "\(text): \(error)")
    }

    @Test func logicalOperatorsAbsorbErrorsCommutatively() throws {
        #expect(try evaluate("x && false", ["x": .error(CELError(code: .invalidArgument, reason: "boom"))]).error == nil)
        #expect(try evaluate("false && x", ["x": .error(CELError(code: .invalidArgument, reason: "boom"))]).error == nil)
        #expect(try evaluate("x || true", ["x": .error(CELError(code: .invalidArgument, reason: "boom"))]).error == nil)
        #expect(try evaluate("x && true", ["x": .error(CELError(code: .invalidArgument, reason: "boom"))]).error?.code == .invalidArgument)
        #expect(try evaluate("[1, 0].exists(x, 1 / x == 1)") == .bool(true))
        #expect(try evaluate("[0, 1].all(x, 1 / x == 2)") == .bool(false))
    }

    @Test func runtimeErrorLocationPointsAtOperator() throws {
        let result = try evaluate("1 +\n  2 / 0")
        #expect(result.error?.location?.line == 2)
        #expect(result.error?.location?.column == 5)
    }

    @Test func unicodeStringsCompareByCodePoint() throws {
        #expect(try evaluate("'a' < 'b' && 'B' < 'a' && 'é' > 'z'") == .bool(true))
    }
}


@Suite struct LogicalChainTests {
    static let boom = CELValue.error(CELError(code: .invalidArgument, reason: "boom"))

    @Test(arguments: [
        ("a && b && c", CELValue.bool(true), CELValue.bool(true), CELValue.bool(true), CELValue.bool(true)),
        ("a && b && c", boom, .bool(true), .bool(false), .bool(false)),
        ("a && b && c", .bool(true), boom, .bool(true), boom),
        ("a || b || c", boom, .bool(false), .bool(true), .bool(true)),
        ("a || b || c", .bool(false), .bool(false), boom, boom),
        ("a || b || c", .bool(false), .bool(false), .bool(false), .bool(false)),
        ("a && (b && c)", .bool(true), .string("x"), .bool(true), .error(CELError(code: .noMatchingOverload, reason: ""))),
    ])
    func chainsAreCommutativeAndAbsorbErrors(_ text: String, _ a: CELValue, _ b: CELValue, _ c: CELValue, _ expected: CELValue)
        throws
    {
        #expect(try evaluate(text, ["a": a, "b": b, "c": c]) == expected)
    }
}
