// The batch audit over canonical CSV files, without SQLite: reads the files the simulator wrote
// (the same files DuckDB reads in audit_peer.py), builds the timelines and the population
// index, then runs the whole rule library and prints the evaluation time after loading in the
// same line as `fundwatch audit`, so audit-bench.sh can read either.
//
//   swift build -c release --package-path Benchmarks --product AuditBatchBench
//   AuditBatchBench CSV_DIR [--json FILE] [--workers N] [--repeat N] [--rule-costs] [--check-latency] [--candidates]
//
// --repeat N evaluates N times and reports the fastest wall and CPU time (the findings of every
// run must be equal).
// --check-latency times the pre-payment check (`RuleEngine.check`) of one payment of every 25th
// person and prints its median and 99th percentile.
// --candidates prints how many persons each rule runs on after the column scan, and the native
// terms with the column kernel (if any) that decides each.
// --rule-costs then runs each rule alone over the same population on one thread (its column scan,
// native terms and runs on the candidates left) and prints its CPU time, most expensive first (audit-rule-costs.sh does the same through SQLite, paying the
// load once per rule).
// --json writes the findings as `fundwatch audit --json` does, so they can be compared with a
// `fundwatch` build's findings over the same data imported into SQLite.
import AuditRules
import Foundation
import FundWatchCore

let arguments = Array(CommandLine.arguments.dropFirst())
func option(_ name: String) -> String? {
    guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count else { return nil }
    return arguments[i + 1]
}
let jsonPath = option("--json")
let workers = option("--workers").flatMap(Int.init) ?? ProcessInfo.processInfo.activeProcessorCount
guard let folder = arguments.first, !folder.hasPrefix("--") else {
    FileHandle.standardError.write(Data("usage: AuditBatchBench CSV_DIR [--json FILE] [--workers N]\n".utf8))
    exit(2)
}

let (rules, errors) = BuiltinRules.load()
guard errors.isEmpty else {
    FileHandle.standardError.write(Data("the built-in rules do not load: \(errors)\n".utf8))
    exit(1)
}
let engine = RuleEngine(rules: rules)
for (id, reason) in engine.interpretedRules {
    FileHandle.standardError.write(Data("rule \(id) runs through the interpreter: \(reason)\n".utf8))
}
/// CPU seconds of the whole process so far (all threads): on a machine shared with other
/// builds the wall time of the evaluation says more about the load than about the engine.
func cpuSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

let start = Date()
let now = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: Date())
let today = CivilDate(year: now.year!, month: now.month!, day: now.day!)!
let loaded = CSVTimelines.load(folder: folder, today: today)
let timelines = loaded.timelines
let staff = loaded.staff
let rejected = loaded.rejected
var builder = PopulationIndex.Builder()
for t in timelines { builder.add(t) }
builder.add(staff: staff)
let index = builder.build()
// The columns the rules scan (record positions per person, packed fields): part of loading.
let prepareStart = Date()
let prepareCPUStart = cpuSeconds()
let population = engine.prepare(timelines, workers: workers)
let prepareSeconds = Date().timeIntervalSince(prepareStart)
let prepareCPU = cpuSeconds() - prepareCPUStart
let loadSeconds = Date().timeIntervalSince(start)
let loadCPU = cpuSeconds()

let cpuBefore = cpuSeconds()
let result = engine.evaluate(population, index: index, workers: workers)
var evaluationCPU = cpuSeconds() - cpuBefore
var evaluationSeconds = result.seconds
// --repeat N: the fastest of N evaluations (wall and CPU each), which on a machine shared with
// other builds says more about the engine than one run.
for run in 1..<max(1, option("--repeat").flatMap(Int.init) ?? 1) {
    if run == 1 { print(String(format: "evaluation 1: %.3f s, %.3f s CPU", result.seconds, evaluationCPU)) }
    let before = cpuSeconds()
    let again = engine.evaluate(population, index: index, workers: workers)
    print(String(format: "evaluation %d: %.3f s, %.3f s CPU", run + 1, again.seconds, cpuSeconds() - before))
    evaluationCPU = min(evaluationCPU, cpuSeconds() - before)
    evaluationSeconds = min(evaluationSeconds, again.seconds)
    guard again.findings == result.findings else { fatalError("a repeated evaluation gave other findings") }
}
print(
    String(
        format: "%d persons, %d findings, %d failures; loaded in %.2f s, evaluated in %.3f s (%.0f persons/s)",
        result.persons, result.findings.count, result.failures.count, loadSeconds, evaluationSeconds,
        Double(result.persons) / max(evaluationSeconds, 1e-9)))
print(String(format: "evaluation CPU time %.3f s over %d threads (%.0f persons per CPU second)", evaluationCPU, workers,
    Double(result.persons) / max(evaluationCPU, 1e-9)))
print(String(format: "loading CPU time %.2f s (reading the CSVs on %d threads, timelines, population index, columns)", loadCPU, ProcessInfo.processInfo.activeProcessorCount))
print(String(format: "columns prepared in %.3f s, %.3f s CPU (part of loading)", prepareSeconds, prepareCPU))
if rejected > 0 { print("\(rejected) rows not read (invalid in canonical form)") }

if arguments.contains("--check-latency") {
    // The pre-payment check in-process, as `check-payment` runs it: one of each sampled person's
    // payments checked against their timeline and the population index, timed one by one.
    var samples = [Double]()
    for (n, t) in timelines.enumerated() where n % 25 == 0 {
        guard let payment = t.payments.last else { continue }
        let begin = DispatchTime.now().uptimeNanoseconds
        _ = engine.check(payment, timeline: t, index: index)
        samples.append(Double(DispatchTime.now().uptimeNanoseconds - begin) / 1000)
    }
    samples.sort()
    if !samples.isEmpty {
        func percentile(_ p: Double) -> Double { samples[min(samples.count - 1, Int(Double(samples.count) * p))] }
        print(String(format: "payment check: %d checks, p50 %.0f µs, p99 %.0f µs, max %.0f µs", samples.count, percentile(0.5),
            percentile(0.99), samples.last!))
    }
}

if arguments.contains("--candidates") {
    // The persons each rule runs on after the column scan, most first.
    for (id, persons) in engine.candidateCounts(population, index: index).sorted(by: { $0.persons > $1.persons }) {
        print(String(format: "%8d candidate persons  ", persons) + id)
    }
    // The native terms, and which are decided by a column kernel rather than closure by record.
    for (term, kernel, users) in engine.nativeTermKernels {
        print("native term \(kernel.map { "[kernel: \($0)]" } ?? "[closure]") \(term)  (\(users.joined(separator: ", ")))")
    }
}

if arguments.contains("--rule-costs") {
    var costs = [(String, Double, Int)]()
    for rule in engine.rules {
        // The rule alone through the column scan, its own columns prepared first (not timed).
        let single = RuleEngine(rules: [rule])
        let alone = single.prepare(timelines, workers: 1)
        let before = cpuSeconds()
        let run = single.evaluate(alone, index: index, workers: 1)
        costs.append((rule.spec.id, cpuSeconds() - before, run.findings.count))
    }
    for (id, seconds, findings) in costs.sorted(by: { $0.1 > $1.1 }) {
        print(String(format: "%8.3f s CPU  %6d findings  ", seconds, findings) + id)
    }
}

if let jsonPath {
    struct Item: Encodable {
        let rule_id: String
        let rule_version: Int
        let severity: String
        let kind: String
        let id_number: String
        let records: [String]
        let amount_at_risk: Int64
        let score: Double
        let risk_score: Double
        let explanation: String
        let shadow: Bool
        let region_code: String?
    }
    var regionOf = [String: String]()
    for t in timelines { if let code = t.person?.regionCode { regionOf[t.idNumber.value] = code } }
    let items = result.findings.map { f in
        Item(
            rule_id: f.ruleID, rule_version: f.ruleVersion, severity: f.severity.rawValue, kind: f.kind.rawValue,
            id_number: f.idNumber, records: f.records, amount_at_risk: f.amountAtRisk.fen, score: f.score,
            risk_score: f.riskScore, explanation: f.explanation, shadow: f.shadow, region_code: regionOf[f.idNumber])
    }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    try encoder.encode(items).write(to: URL(fileURLWithPath: jsonPath))
}
