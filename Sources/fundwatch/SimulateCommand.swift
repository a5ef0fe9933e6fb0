import ArgumentParser
import Foundation
import FundWatchCore
import Simulation

/// `fundwatch simulate`: writes a synthetic population with planted, labelled fraud as canonical CSV.
struct SimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Simulate a population (模拟参保人群) with planted fraud, as canonical CSV files plus truth.csv.",
        discussion: """
            Writes one canonical CSV file per record type (person.csv, enrollment.csv, …) and truth.csv \
            (id_number, scheme, rule_ids, first_period) naming every planted fraud case and, under noise_ \
            schemes with no rule ids, the honest irregularities, and person_links.csv (record_kind, \
            record_key, id_number, noise) naming the true person of every record written with a \
            mistyped or missing ID number. Monthly rows (contributions, payments, tax \
            records) cover the audit window only; start dates reach back decades. The same seed gives \
            byte-identical files.

            Fraud schemes: \(FraudScheme.allCases.map(\.rawValue).joined(separator: ", ")).
            """)

    @Option(help: "Number of persons.")
    var persons: Int = 10_000

    @Option(help: "Seed for the random generator: the same seed gives the same files.")
    var seed: UInt64 = 1

    @Option(help: "Directory to write the CSV files into (created if needed).")
    var out: String = "simulated"

    @Option(help: "Region to simulate: a GB/T 2260 code or a name (370000 山东省, 371400 德州市, 371482 or 禹城).")
    var region: String = "370000"

    @Option(name: .customLong("window-end"), help: "Last month of the audit window (YYYY-MM).")
    var windowEnd: String = "2026-10"

    @Option(
        name: .customLong("window-months"), help: "Months in the audit window (monthly rows are generated for these).")
    var windowMonths: Int = 24

    @Option(name: .customLong("fraud-per-thousand"), help: "Planted cases of each fraud scheme per 1,000 persons.")
    var fraudPerThousand: Double = 2

    @Option(name: .customLong("noise-per-thousand"), help: "Honest irregularities of each kind per 1,000 persons.")
    var noisePerThousand: Double = 5

    @Option(
        name: .customLong("identity-noise-per-thousand"),
        help: "Death, custody and medical settlement records per 1,000 whose ID number another department keyed wrongly or left out (listed in person_links.csv; they need `fundwatch resolve`).")
    var identityNoisePerThousand: Double = 10

    @Option(
        name: .customLong("duplicate-persons-per-thousand"),
        help: "Persons per 1,000 registered a second time under another valid ID number (一人多号; the second rows are listed in person_links.csv for `fundwatch resolve persons --truth`).")
    var duplicatePersonsPerThousand: Double = 0

    @Option(
        name: .customLong("scheme-rate"),
        help: "Override one scheme's rate as scheme=per-thousand (repeatable), e.g. pension_after_death=10.")
    var schemeRates: [String] = []

    @Flag(help: "Print nothing but errors.")
    var quiet = false

    @Option(help: "canonical: one CSV per record type; departments: each department's own exports (CSV, GB18030, XLSX, JSON Lines) plus their specs in specs/.")
    var format: SimulationOutputFormat = .canonical

    func makeConfiguration() throws -> SimulationConfiguration {
        guard let end = Period(windowEnd) else {
            throw ValidationError("--window-end must be YYYY-MM, got '\(windowEnd)'")
        }
        var code = region
        if !(region.utf8.count == 6 && region.utf8.allSatisfy { (0x30...0x39).contains($0) }) {
            let matches = RegionCatalog.shared.lookup(name: region)
            guard matches.count == 1 else {
                throw ValidationError(
                    matches.isEmpty
                        ? "--region '\(region)' is neither a six-digit code nor a known region name"
                        : "--region '\(region)' is ambiguous: \(matches.map { "\($0.code) \($0.name)" }.joined(separator: ", "))"
                )
            }
            code = matches[0].code
        }
        var configuration = SimulationConfiguration(
            persons: persons, seed: seed, regionCode: code, windowEnd: end, windowMonths: windowMonths,
            fraudRate: fraudPerThousand / 1000, noiseRate: noisePerThousand / 1000,
            identityNoiseRate: identityNoisePerThousand / 1000, duplicatePersonRate: duplicatePersonsPerThousand / 1000)
        for override in schemeRates {
            let parts = override.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let rate = Double(parts[1]) else {
                throw ValidationError("--scheme-rate expects scheme=per-thousand, got '\(override)'")
            }
            if let scheme = FraudScheme(rawValue: parts[0]) {
                configuration.fraudRates[scheme] = rate / 1000
            } else if let noise = NoiseKind(rawValue: parts[0]) {
                configuration.noiseRates[noise] = rate / 1000
            } else {
                throw ValidationError(
                    "--scheme-rate: unknown scheme '\(parts[0])'; one of \((FraudScheme.allCases.map(\.rawValue) + NoiseKind.allCases.map(\.rawValue)).joined(separator: ", "))"
                )
            }
        }
        do {
            try configuration.validate()
        } catch {
            throw ValidationError(error.description)
        }
        return configuration
    }

    func validate() throws { _ = try makeConfiguration() }

    func run() async throws {
        let configuration = try makeConfiguration()
        let simulator = try Simulator(configuration: configuration)
        let directory = URL(fileURLWithPath: out, isDirectory: true)
        let clock = ContinuousClock()
        let start = clock.now
        let summary: SimulationSummary
        switch format {
        case .canonical:
            var sink = try DirectorySink(directory: directory)
            summary = try await simulator.run(into: &sink)
        case .departments:
            var sink = DepartmentSink(directory: directory)
            summary = try await simulator.run(into: &sink)
        }
        let elapsed = clock.now - start
        guard !quiet else { return }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let region = RegionCatalog.shared.region(configuration.regionCode)?.name ?? configuration.regionCode
        print(
            "Simulated \(configuration.persons) persons in \(region) (seed \(configuration.seed), window \(configuration.windowStart)…\(configuration.windowEnd)) into \(directory.path)"
        )
        var total = 0
        for file in SimulationFile.all {
            let n = summary.rows[file] ?? 0
            total += n
            print("  \(file.fileName.padding(toLength: 26, withPad: " ", startingAt: 0)) \(n)")
        }
        print("  total rows                 \(total)")
        print("Planted (truth.csv):")
        for (scheme, n) in summary.truth.sorted(by: { $0.key < $1.key }) {
            print("  \(scheme.padding(toLength: 34, withPad: " ", startingAt: 0)) \(n)")
        }
        print(String(format: "Took %.2f s (%.0f rows/s).", seconds, Double(total) / max(seconds, 1e-9)))
    }
}
