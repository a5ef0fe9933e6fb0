import CEL
import Foundation
import Testing

struct Payment: CELObject, Equatable {
    static let celTypeName = "test.Payment"
    var amount: Double
    var benefit: String
    var period: Int64
    var paidAt: Date

    func field(named name: String) -> CELValue? {
        switch name {
        case "amount": return .double(amount)
        case "benefit": return .string(benefit)
        case "period": return .int(period)
        case "paid_at": return CELTimestamp(paidAt).map(CELValue.timestamp)
        default: return nil
        }
    }
}

/// An object that counts how many fields are read, to prove fields are read lazily.
final class CountingObject: CELObject, @unchecked Sendable {
    static let celTypeName = "test.Counting"
    let lock = NSLock()
    var reads = 0
    func field(named name: String) -> CELValue? {
        lock.lock()
        reads += 1
        lock.unlock()
        return name == "x" ? .int(1) : (name == "big" ? .list(Array(repeating: .int(1), count: 100_000)) : nil)
    }
}

@Suite struct HostBindingTests {
    static let payment = Payment(amount: 1200, benefit: "pension", period: 202_405, paidAt: Date(timeIntervalSince1970: 1_700_000_000))

    func environment() -> CELEnvironment {
        var env = CELEnvironment()
        env.declareObject(
            Payment.celTypeName,
            fields: ["amount": .double, "benefit": .string, "period": .int, "paid_at": .timestamp])
        env.declareVariable("p", type: .object(Payment.celTypeName))
        env.declareVariable("mean", type: .double)
        env.register(CELFunction("months_between", overloads: [
            .init(id: "months_between_int_int", parameters: [.int, .int], result: .int) { args in
                guard case .int(let a) = args[0], case .int(let b) = args[1] else { return .error(CELError(code: .invalidArgument, reason: "bad")) }
                return .int((b / 100 - a / 100) * 12 + (b % 100 - a % 100))
            },
        ]))
        env.register(CELFunction("twice", overloads: [
            .init(id: "string_twice", parameters: [.string], result: .string, isMember: true) { args in
                guard case .string(let s) = args[0] else { return .null }
                return .string(s + s)
            },
            .init(id: "int_twice", parameters: [.int], result: .int, isMember: true) { args in
                guard case .int(let i) = args[0] else { return .null }
                return .int(i * 2)
            },
        ]))
        return env
    }

    @Test func readsHostFields() throws {
        let program = try environment().compile("p.amount > mean * 2.0 && p.benefit == 'pension' && p.paid_at.getFullYear() == 2023")
        #expect(program.resultType == .bool)
        #expect(program.evaluate(["p": .object(Self.payment), "mean": 500.0]) == .bool(true))
        var variables = program.makeVariables()
        variables["p"] = .object(Self.payment)
        variables["mean"] = 700.0
        #expect(program.evaluate(variables) == .bool(false))
    }

    @Test func checksHostFieldNamesAndTypes() {
        #expect(throws: CELError.self) { try environment().compile("p.missing") }
        #expect(throws: CELError.self) { try environment().compile("p.amount + 'x'") }
    }

    @Test func callsCustomFunctionsByOverload() throws {
        let env = environment()
        #expect(try env.compile("months_between(202401, p.period)").evaluate(["p": .object(Self.payment)]) == .int(4))
        #expect(try env.compile("'ab'.twice() + string(3.twice())").evaluate([:]) == .string("abab6"))
        #expect(throws: CELError.self) { try env.compile("months_between('a', 1)") }
    }

    @Test func readsOnlyTheFieldsUsed() throws {
        var env = CELEnvironment()
        env.declareVariable("o", type: .dyn)
        let object = CountingObject()
        #expect(try env.compile("o.x == 1 || size(o.big) > 0").evaluate(["o": .object(object)]) == .bool(true))
        #expect(object.reads == 1)
    }

    @Test func programIsSharedAcrossConcurrentEvaluations() async throws {
        let program = try environment().compile("p.amount > mean")
        let results = await withTaskGroup(of: Bool.self) { group in
            for index in 0..<64 {
                group.addTask {
                    let mean = Double(index * 40)
                    let expected = 1200 > mean
                    return program.evaluate(["p": .object(Self.payment), "mean": .double(mean)]) == .bool(expected)
                }
            }
            var all: [Bool] = []
            for await result in group { all.append(result) }
            return all
        }
        #expect(results.count == 64 && results.allSatisfy { $0 })
    }
}

@Suite struct ValueConversionTests {
    struct Claim: CELObject, CELValueConvertible {
        static let celTypeName = "test.Claim"
        let id: Int
        let tags: [String]
        let limits: [String: Double]
        let closedAt: Date?
        var celValue: CELValue { .object(self) }
        func field(named name: String) -> CELValue? {
            switch name {
            case "id": return CELValue(id)
            case "tags": return CELValue(tags)
            case "limits": return CELValue(limits)
            case "closed_at": return CELValue(closedAt)
            default: return nil
            }
        }
    }

    @Test func convertsSwiftCollectionsAndDates() throws {
        let claims = [
            Claim(id: 1, tags: ["a", "b"], limits: ["monthly": 100], closedAt: nil),
            Claim(id: 2, tags: [], limits: [:], closedAt: Date(timeIntervalSince1970: 0)),
        ]
        var env = CELEnvironment()
        env.declareVariable("claims", type: .list(.dyn))
        let program = try env.compile(
            "claims.filter(c, c.closed_at == null).map(c, c.id) == [1] && claims[0].limits.monthly == 100.0 && 'b' in claims[0].tags && claims[1].closed_at.getFullYear() == 1970")
        #expect(program.evaluate(["claims": CELValue(claims)]) == .bool(true))
    }
}

@Suite struct MessageConstructionTests {
    @Test func buildsRecordsOfDeclaredTypes() throws {
        var env = CELEnvironment()
        env.container = "fundwatch"
        env.declareObject("fundwatch.Limit", fields: ["amount": .double, "currency": .string])
        let program = try env.compile("Limit{amount: 3.0}.amount == 3.0 && !has(Limit{amount: 1.0}.currency) && type(Limit{}) == fundwatch.Limit")
        #expect(program.resultType == .bool)
        #expect(program.evaluate([:]) == .bool(true))
        #expect(throws: CELError.self) { try env.compile("Limit{amount: 'x'}") }
        #expect(throws: CELError.self) { try env.compile("Limit{nope: 1}") }
        #expect(throws: CELError.self) { try env.compile("Unknown{a: 1}") }
    }
}
