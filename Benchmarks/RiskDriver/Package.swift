// swift-tools-version: 6.1
import PackageDescription

// A release driver for the risk models alone: it links RiskModels (and what RiskModels
// needs: FundWatchCore, swift-crypto) but not the web app or storage, so a release build
// takes minutes instead of the whole program's half hour. `Benchmarks/risk-bench.sh` and
// `perf record` run it.
let package = Package(
    name: "RiskDriver",
    platforms: [.macOS(.v14)],
    dependencies: [.package(name: "FundWatch", path: "../..")],
    targets: [
        .executableTarget(
            name: "RiskDriver",
            dependencies: [.product(name: "RiskModels", package: "FundWatch")],
            swiftSettings: [
                .enableUpcomingFeature("ExistentialAny"),
                .enableUpcomingFeature("MemberImportVisibility"),
                .enableUpcomingFeature("InternalImportsByDefault"),
            ]
        )
    ]
)
