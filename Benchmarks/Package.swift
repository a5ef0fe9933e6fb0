// swift-tools-version: 6.1
// Benchmarks live in their own package so that `swift test` on the main package never
// builds ordo-one/benchmark. Run with: swift package --allow-writing-to-package-directory benchmark
import PackageDescription

let benchmarkDependencies: [Target.Dependency] = [
    .product(name: "Benchmark", package: "benchmark")
]
let benchmarkPlugins: [Target.PluginUsage] = [.plugin(name: "BenchmarkPlugin", package: "benchmark")]

let package = Package(
    name: "FundWatchBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        // Named, because a path package is otherwise known by its folder name (the checkout's).
        .package(name: "FundWatch", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        .executableTarget(
            name: "CELEvaluation",
            dependencies: benchmarkDependencies + [
                .product(name: "CEL", package: "FundWatch"), .product(name: "CELConformance", package: "FundWatch"),
            ],
            path: "Benchmarks/CELEvaluation",
            plugins: benchmarkPlugins
        ),
        .executableTarget(
            name: "AuditEvaluation",
            dependencies: benchmarkDependencies + [
                .product(name: "AuditRules", package: "FundWatch"), .product(name: "Storage", package: "FundWatch"),
                .product(name: "FundWatchCore", package: "FundWatch"),
            ],
            path: "Benchmarks/AuditEvaluation",
            plugins: benchmarkPlugins
        ),
        // A plain executable (not ordo-one): audit-bench.sh runs it (BATCH_BIN) beside DuckDB.
        .executableTarget(
            name: "AuditBatchBench",
            dependencies: [
                .product(name: "AuditRules", package: "FundWatch"), .product(name: "FundWatchCore", package: "FundWatch"),
            ],
            path: "AuditBatchBench"
        ),
        // A plain executable (not ordo-one): dashboard-bench.sh runs it beside the sqlite3 CLI.
        .executableTarget(
            name: "DashboardBench",
            dependencies: [
                .product(name: "Dashboard", package: "FundWatch"), .product(name: "Storage", package: "FundWatch"),
                .product(name: "FundWatchCore", package: "FundWatch"), .product(name: "GRDB", package: "GRDB.swift"),
            ],
            path: "Benchmarks/DashboardBench"
        ),
        // A plain executable (not ordo-one): linkage-bench.sh runs it for the dedupe figure. It runs
        // the same LinkJob as `fundwatch link` and links only Linkage, so its release build is quick.
        .executableTarget(
            name: "LinkBench",
            dependencies: [.product(name: "Linkage", package: "FundWatch")],
            path: "LinkBench"
        ),
        .executableTarget(
            name: "LedgerAppend",
            dependencies: benchmarkDependencies + [.product(name: "Ledger", package: "FundWatch")],
            path: "Benchmarks/LedgerAppend",
            plugins: benchmarkPlugins
        ),
    ]
)
