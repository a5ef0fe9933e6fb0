import CEL
import CELConformance
import Testing

/// A small deterministic generator (SplitMix64) so fuzz failures reproduce.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Seeded random inputs: mutations of the conformance expressions and random token soups.
/// Every input must compile or fail with a positioned error, and evaluate without crashing;
/// runtime errors must carry a position.
@Suite struct FuzzTests {
    static let fragments = [
        "(", ")", "[", "]", "{", "}", ".", ",", ":", "?", "+", "-", "*", "/", "%", "==", "!=", "<", "<=", ">", ">=",
        "&&", "||", "!", " in ", "x", "y", "1", "0", "-1", "1u", "2.5", "'s'", "\"t\"", "b'\\x00'", "r'\\d'", "true",
        "null", "size", "has(", ".all(v, ", ".map(v, ", ".exists(v, ", "v", "int(", "string(", "timestamp('2024-01-01T00:00:00Z')",
        "duration('1h')", ".matches(", "'a.b'", "9223372036854775807", "0x7f", "'''", "\\", "`", "é", "\u{0}", "\n",
        "dyn(", "type(", ".format([", "%s", ".split(", ".substring(", "[x, y]", "{x: y}", "e", "1e", "..", "?:",
    ]

    static let seeds: [String] = {
        let files = ConformanceLoader.bundledFiles()
        var expressions: [String] = []
        for file in files {
            for testCase in (try? ConformanceLoader.load(file)) ?? [] { expressions.append(testCase.expression) }
        }
        return expressions
    }()

    func mutate(_ text: String, _ random: inout SplitMix64) -> String {
        var scalars = Array(text.unicodeScalars)
        let edits = Int.random(in: 1...4, using: &random)
        for _ in 0..<edits {
            let position = scalars.isEmpty ? 0 : Int.random(in: 0..<scalars.count, using: &random)
            switch Int.random(in: 0..<4, using: &random) {
            case 0 where !scalars.isEmpty: scalars.remove(at: position)
            case 1:
                let fragment = Self.fragments.randomElement(using: &random) ?? ""
                scalars.insert(contentsOf: fragment.unicodeScalars, at: position)
            case 2 where !scalars.isEmpty:
                let end = min(scalars.count, position + Int.random(in: 1...8, using: &random))
                scalars.removeSubrange(position..<end)
            default:
                if !scalars.isEmpty, let scalar = Unicode.Scalar(UInt32.random(in: 0x20...0x7E, using: &random)) {
                    scalars[position] = scalar
                }
            }
        }
        return String(String.UnicodeScalarView(scalars))
    }

    func soup(_ random: inout SplitMix64) -> String {
        (0..<Int.random(in: 1...25, using: &random)).map { _ in Self.fragments.randomElement(using: &random) ?? "" }
            .joined()
    }

    func exercise(_ text: String, checked: Bool) {
        var environment = CELEnvironment()
        environment.typeCheckingEnabled = checked
        environment.evaluationOptions.costLimit = 100_000
        environment.declareVariable("x", type: .dyn)
        environment.declareVariable("y", type: .list(.int))
        do {
            let program = try environment.compile(text)
            let result = program.evaluate(["x": .int(3), "y": .list([1, 2, 3])])
            if case .error(let error) = result {
                #expect(error.location != nil, "runtime error without position for \(text.debugDescription): \(error)")
            }
        } catch {
            #expect(error.location != nil, "compile error without position for \(text.debugDescription): \(error)")
        }
    }

    @Test func mutatedConformanceExpressionsNeverCrash() {
        var random = SplitMix64(state: 0xCE1_F00D)
        #expect(Self.seeds.count > 1000)
        for iteration in 0..<3000 {
            let seed = Self.seeds[iteration % Self.seeds.count]
            let text = mutate(seed, &random)
            exercise(text, checked: iteration % 2 == 0)
        }
    }

    @Test func randomTokenSoupsNeverCrash() {
        var random = SplitMix64(state: 42)
        for iteration in 0..<3000 {
            exercise(soup(&random), checked: iteration % 3 != 0)
        }
    }
}
