import CEL
import Testing

@Suite struct CheckerTests {
    func environment() -> CELEnvironment {
        var env = CELEnvironment()
        env.declareVariable("i", type: .int)
        env.declareVariable("s", type: .string)
        env.declareVariable("l", type: .list(.int))
        env.declareVariable("m", type: .map(.string, .double))
        env.declareVariable("d", type: .dyn)
        env.declareVariable("t", type: .timestamp)
        return env
    }

    @Test(arguments: [
        ("i + 1", CELType.int),
        ("s + 'x'", .string),
        ("l[0] * 2", .int),
        ("m['k'] > 1.0", .bool),
        ("m.k", .double),
        ("l.map(x, x * 2)", .list(.int)),
        ("l.filter(x, x > 1)", .list(.int)),
        ("l.all(x, x > 1)", .bool),
        ("d.anything + 1", .int),
        ("size(l) + s.size()", .int),
        ("[1, 'a']", .list(.dyn)),
        ("{'a': 1}", .map(.string, .int)),
        ("t.getFullYear('Asia/Shanghai')", .int),
        ("t - duration('1h')", .timestamp),
        ("i < 1.5 && 1u < i", .bool),
        ("type(i)", .type(.int)),
        ("true ? 1 : 'a'", .dyn),
        ("int", .type(.int)),
    ])
    func infersType(_ text: String, _ expected: CELType) throws {
        #expect(try environment().compile(text).resultType == expected)
    }

    @Test(arguments: [
        ("i + 's'", CELError.Code.noMatchingOverload, 3),
        ("unknown + 1", .undeclaredReference, 1),
        ("s.nope()", .undeclaredReference, 3),
        ("i.field", .typeMismatch, 2),
        ("l.exists(x, x)", .typeMismatch, 13),
        ("i && true", .noMatchingOverload, 1),
        ("size(i)", .noMatchingOverload, 1),
        ("{1.5: 1}", .unsupportedKeyType, 2),
        ("s.startsWith(1)", .noMatchingOverload, 3),
        ("i == 'a'", .noMatchingOverload, 3),
    ])
    func rejectsBeforeEvaluation(_ text: String, _ code: CELError.Code, _ column: Int) {
        do {
            _ = try environment().compile(text)
            Issue.record("expected a check error for \(text)")
        } catch {
            #expect(error.code == code, "\(text): \(error)")
            #expect(error.location?.line == 1)
            #expect(error.location?.column == column, "\(text): \(error)")
        }
    }

    @Test func uncheckedModeDefersErrorsToRuntime() throws {
        var env = environment()
        env.typeCheckingEnabled = false
        let program = try env.compile("i + 's'")
        #expect(program.evaluate(["i": 1]).error?.code == .noMatchingOverload)
    }

    @Test func containerResolvesQualifiedNames() throws {
        var env = CELEnvironment()
        env.container = "com.example"
        env.declareVariable("com.example.y", type: .int)
        env.declareVariable("y", type: .string)
        #expect(try env.compile("y").resultType == .int)
        #expect(try env.compile(".y").resultType == .string)
        #expect(try env.compile("y + 1").evaluate(["com.example.y": 41]) == .int(42))
    }
}
