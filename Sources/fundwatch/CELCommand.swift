import ArgumentParser
import CEL
import CELConformance
import Foundation

/// `fundwatch cel …`: the CEL engine's conformance runner and an expression evaluator.
struct CELCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cel",
        abstract: "Common Expression Language tools.",
        subcommands: [Conformance.self, Eval.self, Bench.self]
    )
}

extension CELCommand {
    /// Runs the cel-spec conformance suite.
    struct Conformance: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run CEL conformance tests (default: the bundled cel-spec tests/simple suite).")

        @Argument(help: "Conformance JSON files or directories holding them.")
        var paths: [String] = []

        @Flag(help: "Also list skipped tests with their reasons.")
        var showSkipped = false

        func run() async throws {
            var files: [URL] = []
            for path in paths {
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                    throw ValidationError("no such file or directory: \(path)")
                }
                let url = URL(fileURLWithPath: path)
                files += isDirectory.boolValue ? ConformanceLoader.jsonFiles(in: url) : [url]
            }
            if paths.isEmpty { files = ConformanceLoader.bundledFiles() }
            let report = try ConformanceRunner.run(files: files)
            for outcome in report.outcomes {
                switch outcome.status {
                case .failed(let expected, let got):
                    print("FAIL \(outcome.testCase.identifier): expected \(expected), got \(got)")
                case .skipped(let reason) where showSkipped:
                    print("SKIP \(outcome.testCase.identifier): \(reason)")
                default: break
                }
            }
            var perFile: [(String, Int, Int, Int)] = []
            for outcome in report.outcomes {
                if perFile.last?.0 != outcome.testCase.file { perFile.append((outcome.testCase.file, 0, 0, 0)) }
                switch outcome.status {
                case .passed: perFile[perFile.count - 1].1 += 1
                case .failed: perFile[perFile.count - 1].2 += 1
                case .skipped: perFile[perFile.count - 1].3 += 1
                }
            }
            for (file, passed, failed, skipped) in perFile {
                print("\(file): \(passed) passed, \(failed) failed, \(skipped) skipped")
            }
            print(report.summary)
            if !report.failed.isEmpty { throw ExitCode(1) }
        }
    }

    /// Evaluates one expression.
    struct Eval: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Evaluate a CEL expression and print the result as JSON.")

        @Argument(help: "The expression.")
        var expression: String

        @Option(name: .customLong("var"), help: "A variable as name=JSON (repeatable).")
        var variables: [String] = []

        func run() async throws {
            var bindings: [String: CELValue] = [:]
            var environment = CELEnvironment()
            for variable in variables {
                guard let equals = variable.firstIndex(of: "=") else {
                    throw ValidationError("--var expects name=JSON, got '\(variable)'")
                }
                let name = String(variable[..<equals])
                let text = String(variable[variable.index(after: equals)...])
                guard let json = try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
                else { throw ValidationError("--var \(name): not valid JSON: \(text)") }
                bindings[name] = CELValue(json: json)
                environment.declareVariable(name, type: .dyn)
            }
            let output: Any
            var failed = false
            do {
                let program = try environment.compile(expression)
                let result = program.evaluate(bindings)
                failed = result.isError
                output = result.isError ? result.jsonObject : ["value": result.jsonObject]
            } catch {
                FileHandle.standardError.write(Data((error.formatted(source: expression) + "\n").utf8))
                var object: [String: Any] = ["error": error.reason, "code": error.code.description]
                if let location = error.location { object["line"] = location.line; object["column"] = location.column }
                output = object
                failed = true
            }
            let data = try JSONSerialization.data(withJSONObject: output, options: [.sortedKeys, .fragmentsAllowed])
            print(String(decoding: data, as: UTF8.self))
            if failed { throw ExitCode(1) }
        }
    }
}

extension CELCommand {
    /// Times rule evaluation and compilation (build with `-c release` for meaningful figures);
    /// Benchmarks/cel-peer.py compares the output with cel-python.
    struct Bench: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Time CEL rule evaluation against a Swift closure, and parse+check throughput.")

        @Option(help: "Number of evaluations.")
        var evaluations = 5_000_000

        @Option(help: "Number of compilations.")
        var compiles = 100_000

        @Flag(help: "Print one JSON object instead of text.")
        var json = false

        static func seconds(_ body: () -> Void) -> Double {
            let start = DispatchTime.now().uptimeNanoseconds
            body()
            return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        }

        func run() async throws {
            let environment = RuleFixtures.environment()
            let program = try environment.compile(RuleFixtures.rule)
            let payments = RuleFixtures.payments
            let values = RuleFixtures.paymentValues
            let death = RuleFixtures.death
            var variables = program.makeVariables()
            let slot = variables.slot(of: "p") ?? 0
            variables["d"] = .object(death)
            variables["mean"] = 1000.0
            variables["sigma"] = 300.0
            var celHits = 0
            let count = evaluations
            let celSeconds = Self.seconds {
                for index in 0..<count {
                    variables.set(values[index & 1023], slot: slot)
                    if case .bool(true) = program.evaluate(variables) { celHits += 1 }
                }
            }
            let closure = RuleFixtures.closure
            var closureHits = 0
            let closureSeconds = Self.seconds {
                for index in 0..<count where closure(payments[index & 1023], death, 1000.0, 300.0) { closureHits += 1 }
            }
            guard celHits == closureHits else { throw ValidationError("CEL and closure disagree") }
            let compileCount = compiles
            let compileSeconds = Self.seconds {
                for index in 0..<compileCount {
                    _ = try? environment.compile(RuleFixtures.rules[index % RuleFixtures.rules.count])
                }
            }
            let evalRate = Double(count) / celSeconds
            let closureRate = Double(count) / closureSeconds
            let compileRate = Double(compileCount) / compileSeconds
            if json {
                let object: [String: Any] = [
                    "eval_per_s": evalRate, "closure_per_s": closureRate, "compile_per_s": compileRate,
                ]
                let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
                print(String(decoding: data, as: UTF8.self))
            } else {
                print("rule: \(RuleFixtures.rule)")
                print("CEL evaluation:        \(Int(evalRate)) evals/s (\(Int(1e9 / evalRate)) ns each)")
                print("Swift closure:         \(Int(closureRate)) evals/s (closure/CEL = \((closureRate / evalRate * 10).rounded() / 10)x)")
                print("parse+check+plan:      \(Int(compileRate)) expressions/s")
            }
        }
    }
}
