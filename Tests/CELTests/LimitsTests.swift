import CEL
import Foundation
import Testing

@Suite struct LimitsTests {
    @Test func rejectsLongExpressions() {
        var env = CELEnvironment()
        env.parserOptions.maxExpressionLength = 100
        #expect(throws: CELError.self) { try env.compile(String(repeating: "1 + ", count: 30) + "1") }
        do {
            _ = try env.compile(String(repeating: "1 + ", count: 30) + "1")
        } catch {
            #expect(error.code == .expressionTooLarge)
        }
    }

    static let deep: [String: String] = [
        "parentheses": String(repeating: "(", count: 500) + "1" + String(repeating: ")", count: 500),
        "lists": String(repeating: "[", count: 500) + String(repeating: "]", count: 500),
        "additions": String(repeating: "1 + ", count: 5000) + "1",
        "nots": String(repeating: "!", count: 5000) + "true",
        "negations": String(repeating: "-", count: 5000) + "1",
        "selects": String(repeating: "a.", count: 5000) + "b",
        "conditionals": String(repeating: "true ? 1 : ", count: 2000) + "0",
        "indexes": "x" + String(repeating: "[0]", count: 5000),
        "calls": String(repeating: "f(", count: 500) + String(repeating: ")", count: 500),
        "ands": String(repeating: "true && ", count: 5000) + "true",
    ]

    @Test(arguments: deep.keys.sorted())
    func rejectsDeepNesting(_ kind: String) {
        let text = Self.deep[kind] ?? ""
        do {
            _ = try CELEnvironment().compile(text)
            Issue.record("expected nestingTooDeep")
        } catch {
            #expect(error.code == .nestingTooDeep || error.code == .expressionTooLarge, "\(error)")
            #expect(error.location != nil)
        }
    }

    @Test func acceptsNestingWithinLimit() throws {
        let text = String(repeating: "(", count: 50) + "1" + String(repeating: ")", count: 50)
        #expect(try CELEnvironment().compile(text).evaluate([:]) == .int(1))
    }

    @Test func stopsWhenCostBudgetIsSpent() throws {
        var env = CELEnvironment()
        env.evaluationOptions.costLimit = 10_000
        let program = try env.compile("[1,2,3,4,5,6,7,8,9,10].map(a, [1,2,3,4,5,6,7,8,9,10].map(b, [1,2,3,4,5,6,7,8,9,10].map(c, [1,2,3,4,5,6,7,8,9,10].all(d, true))))")
        let result = program.evaluate([:])
        #expect(result.error?.code == .costLimitExceeded)
        #expect(result.error?.location != nil)
        env.evaluationOptions.costLimit = 1_000_000
        #expect(try env.compile("[1,2,3].map(a, a * 2)").evaluate([:]) == .list([2, 4, 6]))
    }
}

@Suite struct GrowthLimitTests {
    @Test func chainedReplaceStopsAtCostBudget() throws {
        var env = CELEnvironment()
        env.evaluationOptions.costLimit = 20_000
        let grow = ".replace('', '0123456789')"
        let program = try env.compile("'ab'" + String(repeating: grow, count: 12))
        #expect(program.evaluate([:]).error?.code == .costLimitExceeded)
        #expect(try env.compile("'ab'.replace('', '-')").evaluate([:]) == .string("-a-b-"))
        #expect(try env.compile("'aé'.replace('', '-', 2)").evaluate([:]) == .string("-a-é"))
        #expect(try env.compile("'aXbXc'.replace('X', 'é')").evaluate([:]) == .string("aébéc"))
    }
}

@Suite struct StackDepthTests {
    /// Expressions at the default nesting limit must compile and evaluate on a thread with a
    /// 2 MiB stack even in debug builds (release builds need about a quarter of that).
    @Test func maximumNestingFitsInTwoMebibyteStack() async {
        let depth = ParserOptions().maxNestingDepth - 5
        let expressions = [
            String(repeating: "(", count: depth) + "1" + String(repeating: ")", count: depth),
            String(repeating: "[", count: depth) + "1" + String(repeating: "]", count: depth),
            String(repeating: "-", count: depth) + "1",
            String(repeating: "1 + ", count: depth) + "1",
            String(repeating: "[1].map(x, ", count: depth / 10) + "x" + String(repeating: ")", count: depth / 10),
        ]
        let completed = await withCheckedContinuation { (continuation: CheckedContinuation<Int, Never>) in
            let thread = Thread {
                var count = 0
                for text in expressions {
                    if let program = try? CELEnvironment().compile(text), !program.evaluate([:]).isError { count += 1 }
                }
                continuation.resume(returning: count)
            }
            thread.stackSize = 2 << 20
            thread.start()
        }
        #expect(completed == expressions.count)
    }
}
