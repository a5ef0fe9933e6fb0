// swift-tools-version: 6.1
import PackageDescription

/// Settings shared by every target: Swift 6 language mode with the upcoming features
/// that the Hummingbird and swift-certificates packages turn on.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "FundWatch",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "fundwatch", targets: ["fundwatch"]),
        .library(name: "FundWatchCore", targets: ["FundWatchCore"]),
        .library(name: "CEL", targets: ["CEL"]),
        .library(name: "CELConformance", targets: ["CELConformance"]),
        .library(name: "Ledger", targets: ["Ledger"]),
        .library(name: "Simulation", targets: ["Simulation"]),
        .library(name: "Storage", targets: ["Storage"]),
        .library(name: "Linkage", targets: ["Linkage"]),
        .library(name: "AuditRules", targets: ["AuditRules"]),
        .library(name: "Ingestion", targets: ["Ingestion"]),
        .library(name: "Dashboard", targets: ["Dashboard"]),
        .library(name: "WebApp", targets: ["WebApp"]),
        .library(name: "RiskModels", targets: ["RiskModels"]),
        .library(name: "RiskFeatures", targets: ["RiskFeatures"]),
        .library(name: "Casework", targets: ["Casework"]),
        .library(name: "Collaboration", targets: ["Collaboration"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        .target(
            name: "FundWatchCore",
            resources: [.copy("Resources/regions.csv")],
            swiftSettings: swiftSettings
        ),
        .target(name: "CEL", swiftSettings: swiftSettings),
        .target(
            name: "CELConformance", dependencies: ["CEL"], resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Ledger",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Simulation", dependencies: ["FundWatchCore", "Ingestion", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "AuditRules",
            dependencies: ["FundWatchCore", "CEL", .product(name: "Yams", package: "Yams")],
            resources: [.copy("Rules")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Linkage",
            dependencies: ["FundWatchCore", .product(name: "Yams", package: "Yams")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Ingestion",
            dependencies: [
                "FundWatchCore", .product(name: "Yams", package: "Yams"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "RiskModels",
            dependencies: ["FundWatchCore", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        .target(name: "RiskFeatures", dependencies: ["FundWatchCore", "RiskModels"], swiftSettings: swiftSettings),
        .target(name: "Casework", dependencies: ["FundWatchCore"], swiftSettings: swiftSettings),
        .target(name: "Collaboration", dependencies: ["FundWatchCore"], swiftSettings: swiftSettings),
        .target(
            name: "Storage",
            dependencies: [
                "FundWatchCore", "Ledger", "Ingestion", "Linkage", "Casework", "Collaboration",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Dashboard",
            dependencies: ["FundWatchCore", "Storage", "Ledger", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "WebApp",
            dependencies: [
                "FundWatchCore", "AuditRules", "Ledger", "Storage", "Linkage", "Dashboard", "Casework", "Collaboration",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            resources: [.copy("Resources")],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "fundwatch",
            dependencies: [
                "FundWatchCore", "CEL", "CELConformance", "Ledger", "Simulation", "Storage", "Linkage", "AuditRules",
                "Ingestion", "Dashboard", "WebApp", "RiskModels", "RiskFeatures",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "FundWatchCoreTests", dependencies: ["FundWatchCore"], swiftSettings: swiftSettings),
        .testTarget(
            name: "CELTests", dependencies: ["CEL", "CELConformance"], swiftSettings: swiftSettings
        ),
        // A child process that the ledger's crash tests kill -9 at random points.
        .executableTarget(
            name: "LedgerCrashChild",
            dependencies: ["Ledger", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LedgerTests",
            dependencies: ["Ledger", "LedgerCrashChild", .product(name: "Crypto", package: "swift-crypto")],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AuditRulesTests", dependencies: ["AuditRules", "FundWatchCore", "CEL"], swiftSettings: swiftSettings
        ),
        .testTarget(name: "CaseworkTests", dependencies: ["Casework", "FundWatchCore"], swiftSettings: swiftSettings),
        .testTarget(
            name: "CollaborationTests",
            dependencies: ["Collaboration", "FundWatchCore", "Storage", "Ledger", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "RiskModelsTests", dependencies: ["RiskModels", "FundWatchCore"], swiftSettings: swiftSettings),
        .testTarget(
            name: "RiskFeaturesTests", dependencies: ["RiskFeatures", "RiskModels", "FundWatchCore"],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "LinkageTests", dependencies: ["Linkage", "FundWatchCore"], swiftSettings: swiftSettings),
        .testTarget(
            name: "SimulationTests", dependencies: ["Simulation", "FundWatchCore"], swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "IngestionTests",
            dependencies: [
                "Ingestion", "Storage", "Simulation", "FundWatchCore", "Ledger",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DashboardTests",
            dependencies: [
                "Dashboard", "Storage", "FundWatchCore", .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "StorageTests",
            dependencies: [
                "Storage", "Simulation", "FundWatchCore", "Casework", "Ledger", .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "WebAppTests",
            dependencies: [
                "WebApp", "Dashboard", "Storage", "FundWatchCore", "AuditRules", "Ledger", "Casework", "Collaboration",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
