import Benchmark
import CEL
import CELConformance

/// Evaluation of a compiled rule over host objects, the same predicate as a Swift closure
/// (for the ratio), and parse+check throughput. Run from Benchmarks/:
/// `swift package --allow-writing-to-package-directory benchmark --target CELEvaluation`
let benchmarks: @Sendable () -> Void = {
    let configuration = Benchmark.Configuration(
        metrics: [.throughput, .wallClock], scalingFactor: .kilo, maxDuration: .seconds(3), maxIterations: 1_000_000)

    Benchmark("CEL rule evaluation (host objects, slot variables)", configuration: configuration) { benchmark in
        guard let program = try? RuleFixtures.environment().compile(RuleFixtures.rule) else { return }
        var variables = program.makeVariables()
        guard let slot = variables.slot(of: "p") else { return }
        variables["d"] = .object(RuleFixtures.death)
        variables["mean"] = 1000.0
        variables["sigma"] = 300.0
        var index = 0
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            variables.set(RuleFixtures.paymentValues[index & 1023], slot: slot)
            blackHole(program.evaluate(variables))
            index &+= 1
        }
    }

    Benchmark("Swift closure (same predicate)", configuration: configuration) { benchmark in
        var index = 0
        for _ in benchmark.scaledIterations {
            blackHole(RuleFixtures.closure(RuleFixtures.payments[index & 1023], RuleFixtures.death, 1000.0, 300.0))
            index &+= 1
        }
    }

    Benchmark("CEL rule evaluation (dictionary activation)", configuration: configuration) { benchmark in
        guard let program = try? RuleFixtures.environment().compile(RuleFixtures.rule) else { return }
        var index = 0
        for _ in benchmark.scaledIterations {
            let bindings: [String: CELValue] = [
                "p": RuleFixtures.paymentValues[index & 1023], "d": .object(RuleFixtures.death),
                "mean": .double(1000.0), "sigma": .double(300.0),
            ]
            blackHole(program.evaluate(bindings))
            index &+= 1
        }
    }

    Benchmark("CEL parse + check + plan (typical rules)", configuration: configuration) { benchmark in
        let environment = RuleFixtures.environment()
        var index = 0
        for _ in benchmark.scaledIterations {
            blackHole(try? environment.compile(RuleFixtures.rules[index % RuleFixtures.rules.count]))
            index &+= 1
        }
    }
}
