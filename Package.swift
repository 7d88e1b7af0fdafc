// swift-tools-version: 6.1
import PackageDescription

let package = Package(
  name: "FlightDeck",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "flightdeck", targets: ["flightdeck"]),
    .library(name: "FlightDeckCore", targets: ["FlightDeckCore"]),
    .library(name: "FlightDeckTUI", targets: ["FlightDeckTUI"]),
    .library(name: "FlightDeckNetwork", targets: ["FlightDeckNetwork"]),
    .library(name: "FlightDeckStorePostgres", targets: ["FlightDeckStorePostgres"]),
    // The store round-trip benchmark (one small file: cheap in CI's debug build).
    .executable(name: "roundtripbench", targets: ["roundtripbench"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
    .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
    .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
    .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.2"),
    .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.0.0"),
    .package(url: "https://github.com/adam-fowler/compress-nio", from: "1.5.0"),
    .package(url: "https://github.com/vapor/postgres-nio", from: "1.21.0"),
    .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.0"),
    .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
  ],
  targets: [
    .systemLibrary(
      name: "CNCurses",
      pkgConfig: "ncursesw",
      providers: [.apt(["libncurses-dev"])]
    ),
    .target(name: "CFlightDeckPrefetch"),
    .target(
      name: "FlightDeckCore",
      dependencies: [
        "CFlightDeckPrefetch",
        .product(name: "TOMLKit", package: "TOMLKit"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "Yams", package: "Yams"),
      ],
      resources: [.copy("Resources")]
    ),
    .target(
      name: "FlightDeckTUI",
      dependencies: [
        "FlightDeckCore",
        .product(name: "TOMLKit", package: "TOMLKit"),
      ]
    ),
    .target(
      name: "FlightDeckTerminal",
      dependencies: ["CNCurses", "FlightDeckTUI", "FlightDeckCore"]
    ),
    .target(
      name: "FlightDeckNetwork",
      dependencies: [
        "FlightDeckCore",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HummingbirdCore", package: "hummingbird"),
        .product(name: "HummingbirdTLS", package: "hummingbird"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOSSL", package: "swift-nio-ssl"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        .product(name: "CompressNIO", package: "compress-nio"),
        .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
        .product(name: "NIOHTTPTypesHTTP1", package: "swift-nio-extras"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "Prometheus", package: "swift-prometheus"),
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
      ]
    ),
    .target(
      name: "FlightDeckStorePostgres",
      dependencies: [
        "FlightDeckCore",
        .product(name: "PostgresNIO", package: "postgres-nio"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
        .product(name: "NIOSSL", package: "swift-nio-ssl"),
        .product(name: "Logging", package: "swift-log"),
      ]
    ),
    .target(
      name: "FlightDeckTestSupport",
      dependencies: ["FlightDeckCore", "FlightDeckTUI"]
    ),
    .executableTarget(
      name: "flightdeck",
      dependencies: [
        "FlightDeckCore",
        "FlightDeckTUI",
        "FlightDeckTerminal",
        "FlightDeckNetwork",
        "FlightDeckStorePostgres",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
      ],
      exclude: ["man"]
    ),
    .executableTarget(
      name: "roundtripbench",
      dependencies: ["FlightDeckCore", "FlightDeckStorePostgres"],
      path: "Benchmarks/RoundTripBench"
    ),
    .testTarget(
      name: "FlightDeckCoreTests",
      dependencies: ["FlightDeckCore", "FlightDeckTestSupport", "FlightDeckStorePostgres"],
      exclude: ["Fixtures"]
    ),
    .testTarget(
      name: "FlightDeckNetworkTests",
      dependencies: [
        "FlightDeckNetwork",
        "FlightDeckCore",
        "FlightDeckTestSupport",
        "FlightDeckStorePostgres",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HummingbirdTesting", package: "hummingbird"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOEmbedded", package: "swift-nio"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
        .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
        .product(name: "NIOSSL", package: "swift-nio-ssl"),
        .product(name: "CompressNIO", package: "compress-nio"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
      ]
    ),
    .testTarget(
      name: "FlightDeckStorePostgresTests",
      dependencies: [
        "FlightDeckStorePostgres",
        "FlightDeckCore",
        .product(name: "GRDB", package: "GRDB.swift"),
      ]
    ),
    .testTarget(
      name: "FlightDeckCLITests",
      dependencies: ["FlightDeckTestSupport"]
    ),
    .testTarget(
      name: "FlightDeckTerminalTests",
      dependencies: ["FlightDeckTerminal", "FlightDeckTUI", "FlightDeckTestSupport"]
    ),
    .testTarget(
      name: "FlightDeckTUITests",
      dependencies: ["FlightDeckTUI", "FlightDeckCore", "FlightDeckTestSupport"],
      exclude: ["Widgets/Snapshots", "Canvas/Snapshots", "Screens/Snapshots"]
    ),
  ],
  swiftLanguageModes: [.v6]
)
