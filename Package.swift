// swift-tools-version:6.2
import PackageDescription

/// Upcoming features the whole package opts into: explicit existentials and
/// imports that are only as visible as they need to be.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

/// Tests import only what they use directly; member visibility checks add noise there.
let testSwiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "hoctap",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "hoctap", targets: ["hoctap"]),
        .library(name: "HoctapDomain", targets: ["HoctapDomain"]),
        .library(name: "HoctapStorage", targets: ["HoctapStorage"]),
        .library(name: "HoctapServices", targets: ["HoctapServices"]),
        .library(name: "HoctapWeb", targets: ["HoctapWeb"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit.git", from: "4.5.2"),
        .package(url: "https://github.com/vapor/postgres-kit.git", from: "2.17.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/vapor/multipart-kit.git", from: "4.7.1"),
        .package(url: "https://github.com/JohnSundell/Plot.git", from: "0.14.0"),
        .package(url: "https://github.com/JohnSundell/Ink.git", from: "0.6.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-configuration.git", from: "1.4.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/adam-fowler/compress-nio.git", from: "1.5.0"),
    ],
    targets: [
        // Pure domain: no I/O, Foundation only.
        .target(
            name: "HoctapDomain",
            swiftSettings: swiftSettings
        ),
        // Schema, migrations and repositories over SQLKit, for SQLite and PostgreSQL.
        .target(
            name: "HoctapStorage",
            dependencies: [
                "HoctapDomain",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        // Use cases shared by the web layer and the command line: policy checks, validation,
        // hashing, repositories and audit in one transaction.
        .target(
            name: "HoctapServices",
            dependencies: [
                "HoctapDomain",
                "HoctapStorage",
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Ink", package: "Ink"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "SQLKit", package: "sql-kit"),
            ],
            resources: [.copy("CriteriaSets")],
            swiftSettings: swiftSettings
        ),
        // HTTP: router, pages, JSON API, sessions, operations endpoints.
        .target(
            name: "HoctapWeb",
            dependencies: [
                "HoctapDomain",
                "HoctapStorage",
                "HoctapServices",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "Plot", package: "Plot"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "CompressNIO", package: "compress-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // The thin executable: command-line parsing only.
        .executableTarget(
            name: "hoctap",
            dependencies: [
                "HoctapWeb",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "HoctapDomainTests",
            dependencies: ["HoctapDomain", "HoctapTestSupport"],
            swiftSettings: testSwiftSettings
        ),
        .testTarget(
            name: "HoctapStorageTests",
            dependencies: [
                "HoctapStorage",
                "HoctapTestSupport",
                .product(name: "SQLKit", package: "sql-kit"),
            ],
            swiftSettings: testSwiftSettings
        ),
        .testTarget(
            name: "HoctapServicesTests",
            dependencies: ["HoctapServices", "HoctapTestSupport"],
            swiftSettings: testSwiftSettings
        ),
        .testTarget(
            name: "HoctapWebTests",
            dependencies: [
                "HoctapWeb",
                "HoctapServices",
                "HoctapTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "CompressNIO", package: "compress-nio"),
            ],
            // Real files uploaded by the tests, read from the source tree.
            exclude: ["Fixtures"],
            swiftSettings: testSwiftSettings
        ),
        // Shared test helpers: fresh databases per test on SQLite and PostgreSQL.
        .target(
            name: "HoctapTestSupport",
            dependencies: [
                "HoctapDomain",
                "HoctapStorage",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/HoctapTestSupport",
            // The OAI-PMH server script the harvester tests start, read from the source tree.
            exclude: ["Fixtures"],
            swiftSettings: testSwiftSettings
        ),
    ]
)
