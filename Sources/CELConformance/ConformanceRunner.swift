import CEL
public import Foundation

/// Runs conformance cases against the engine.
public enum ConformanceRunner {
    /// The result of one case.
    public enum Status: Sendable {
        case passed
        case failed(expected: String, got: String)
        case skipped(reason: String)
    }

    /// One case with its status.
    public struct Outcome: Sendable {
        /// The case that ran.
        public let testCase: ConformanceCase
        /// How it went.
        public let status: Status
    }

    /// Results of a run.
    public struct Report: Sendable {
        /// Every case in file order.
        public var outcomes: [Outcome] = []
        /// Number of passing cases.
        public var passed: Int { outcomes.filter { if case .passed = $0.status { true } else { false } }.count }
        /// The failing cases.
        public var failed: [Outcome] { outcomes.filter { if case .failed = $0.status { true } else { false } } }
        /// The skipped cases.
        public var skipped: [Outcome] { outcomes.filter { if case .skipped = $0.status { true } else { false } } }
        /// The final summary line: `N passed, M failed, K skipped`.
        public var summary: String { "\(passed) passed, \(failed.count) failed, \(skipped.count) skipped" }
    }

    /// Runs every case of the given files (default: the bundled cel-spec suite).
    public static func run(files: [URL] = ConformanceLoader.bundledFiles()) throws -> Report {
        var report = Report()
        for file in files {
            for testCase in try ConformanceLoader.load(file) {
                report.outcomes.append(Outcome(testCase: testCase, status: run(testCase)))
            }
        }
        return report
    }

    /// Runs one case.
    public static func run(_ testCase: ConformanceCase) -> Status {
        if let reason = testCase.skipReason { return .skipped(reason: reason) }
        var environment = CELEnvironment()
        environment.container = testCase.container
        environment.typeCheckingEnabled = !testCase.disableCheck
        environment.parserOptions.macrosEnabled = !testCase.disableMacros
        for (name, type) in testCase.declarations { environment.declareVariable(name, type: type) }
        let result: CELValue
        do {
            let program = try environment.compile(testCase.expression)
            result = program.evaluate(testCase.bindings)
        } catch {
            if case .error = testCase.expectation { return .passed }
            return .failed(expected: describe(testCase.expectation), got: "compile error: \(error)")
        }
        switch (testCase.expectation, result) {
        case (.error, .error): return .passed
        case (.value(let expected), _):
            if matches(expected, result) { return .passed }
            return .failed(expected: describe(testCase.expectation), got: result.description)
        default:
            return .failed(expected: describe(testCase.expectation), got: result.description)
        }
    }

    static func describe(_ expectation: ConformanceCase.Expectation) -> String {
        switch expectation {
        case .value(let value): return value.description
        case .error(let message): return "error(\(message))"
        }
    }

    /// Strict comparison: same kinds (an int never matches a uint), NaN matches NaN.
    static func matches(_ expected: CELValue, _ actual: CELValue) -> Bool {
        switch (expected, actual) {
        case (.double(let a), .double(let b)): return (a.isNaN && b.isNaN) || (a == b && a.sign == b.sign) || (a == b && a == 0 && b == 0 && a.sign == b.sign)
        case (.list(let a), .list(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { matches($0, $1) }
        case (.map(let a), .map(let b)):
            guard a.count == b.count else { return false }
            for (key, value) in a.entries {
                guard let other = b[key], matches(value, other) else { return false }
            }
            return true
        case (.int, .int), (.uint, .uint), (.bool, .bool), (.string, .string), (.bytes, .bytes), (.null, .null),
            (.type, .type), (.duration, .duration), (.timestamp, .timestamp):
            return CELValue.celEquals(expected, actual)
        default: return false
        }
    }
}
