import AuditRules
import Benchmark
import Foundation
import FundWatchCore
import Storage

/// The rule library over an imported population: the nightly batch (persons/s) and the
/// pre-payment check (p50/p99 per payment). The population is a data folder made by
/// `Benchmarks/audit-bench.sh` (or `fundwatch simulate` + `fundwatch import`); set
/// FUNDWATCH_AUDIT_DATA to choose it. Run from Benchmarks/:
/// `FUNDWATCH_AUDIT_DATA=.peers/audit/fw swift package --allow-writing-to-package-directory benchmark --target AuditEvaluation`
let benchmarks: @Sendable () -> Void = {
    let batch = Benchmark.Configuration(
        metrics: [.wallClock, .throughput, .peakMemoryResident], timeUnits: .milliseconds, maxDuration: .seconds(20),
        maxIterations: 5)
    Benchmark("audit batch, whole library (indexed)", configuration: batch) { benchmark in
        guard let population = await AuditPopulation.shared() else { return }
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(population.engine.evaluate(population: population.timelines, index: population.index))
        }
    }
    Benchmark("audit batch, whole library (interpreter on every record)", configuration: batch) { benchmark in
        guard let population = await AuditPopulation.shared() else { return }
        let reference = RuleEngine(rules: population.engine.rules, indexed: false)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(reference.evaluate(population: population.timelines, index: population.index))
        }
    }

    let check = Benchmark.Configuration(
        metrics: [.wallClock, .throughput], timeUnits: .microseconds, maxDuration: .seconds(5), maxIterations: 100_000)
    Benchmark("check-payment, whole library", configuration: check) { benchmark in
        guard let population = await AuditPopulation.shared(), !population.pensioners.isEmpty else { return }
        var i = 0
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            let t = population.pensioners[i % population.pensioners.count]
            blackHole(population.engine.check(AuditPopulation.nextPension(t), timeline: t, index: population.index))
            i &+= 1
        }
    }
}

/// The imported population, loaded once per benchmark process.
final class AuditPopulation: Sendable {
    let timelines: [PersonTimeline]
    let index: PopulationIndex
    let engine: RuleEngine
    /// Timelines with a pension payment, for the pre-payment check.
    let pensioners: [PersonTimeline]

    init(timelines: [PersonTimeline], index: PopulationIndex, engine: RuleEngine) {
        self.timelines = timelines
        self.index = index
        self.engine = engine
        pensioners = timelines.filter { $0.payments.contains { $0.benefit == .pension } }
    }

    private static let loaded = Task<AuditPopulation?, Never> {
        let folder = ProcessInfo.processInfo.environment["FUNDWATCH_AUDIT_DATA"] ?? ".peers/audit/fw"
        do {
            let database = try FundWatchDatabase.open(dataFolder: URL(fileURLWithPath: folder))
            var builder = PopulationIndex.Builder()
            let timelines = try await database.allTimelines()
            for t in timelines { builder.add(t) }
            builder.add(staff: try await database.allStaff())
            let (rules, errors) = BuiltinRules.load()
            guard errors.isEmpty, !timelines.isEmpty else { return nil }
            return AuditPopulation(timelines: timelines, index: builder.build(), engine: RuleEngine(rules: rules))
        } catch {
            FileHandle.standardError.write(Data("cannot load \(folder): \(error); run Benchmarks/audit-bench.sh first\n".utf8))
            return nil
        }
    }

    static func shared() async -> AuditPopulation? { await loaded.value }

    /// The month after the person's last pension, as the next payment would be.
    static func nextPension(_ t: PersonTimeline) -> BenefitPayment {
        let last = t.payments.last { $0.benefit == .pension }!
        return BenefitPayment(
            paymentID: last.paymentID + "-next", idNumber: t.idNumber, benefit: .pension, period: last.period.adding(months: 1),
            amount: last.amount, payDate: last.payDate?.adding(months: 1), bankAccount: last.bankAccount,
            regionCode: last.regionCode, operatorID: last.operatorID)
    }
}
