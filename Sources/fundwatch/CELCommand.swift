import ArgumentParser
import CEL
import CELConformance
import Foundation

/// `fundwatch cel …`: the CEL engine's conformance runner and an expression evaluator.
struct CELCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cel",
        abstract: "Common Expression Language tools.",
        subcommands: [Conformance.self, Eval.self]
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
            do {
                let program = try environment.compile(expression)
                let result = program.evaluate(bindings)
                output = result.isError ? result.jsonObject : ["value": result.jsonObject]
            } catch {
                FileHandle.standardError.write(Data((error.formatted(source: expression) + "\n").utf8))
                var object: [String: Any] = ["error": error.reason, "code": error.code.description]
                if let location = error.location { object["line"] = location.line; object["column"] = location.column }
                output = object
            }
            let data = try JSONSerialization.data(withJSONObject: output, options: [.sortedKeys, .fragmentsAllowed])
            print(String(decoding: data, as: UTF8.self))
        }
    }
}
