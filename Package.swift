// swift-tools-version: 6.1
import PackageDescription

let package = Package(
  name: "FlightDeck",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "flightdeck", targets: ["flightdeck"]),
    .library(name: "FlightDeckCore", targets: ["FlightDeckCore"]),
    .library(name: "FlightDeckTUI", targets: ["FlightDeckTUI"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
    .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
    .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
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
      name: "FlightDeckTestSupport",
      dependencies: ["FlightDeckCore", "FlightDeckTUI"]
    ),
    .executableTarget(
      name: "flightdeck",
      dependencies: [
        "FlightDeckCore",
        "FlightDeckTUI",
        "FlightDeckTerminal",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "Logging", package: "swift-log"),
      ]
    ),
    .testTarget(
      name: "FlightDeckCoreTests",
      dependencies: ["FlightDeckCore", "FlightDeckTestSupport"],
      exclude: ["Fixtures"]
    ),
    .testTarget(
      name: "FlightDeckTerminalTests",
      dependencies: ["FlightDeckTerminal", "FlightDeckTUI"]
    ),
    .testTarget(
      name: "FlightDeckTUITests",
      dependencies: ["FlightDeckTUI", "FlightDeckCore", "FlightDeckTestSupport"],
      exclude: ["Widgets/Snapshots", "Canvas/Snapshots", "Screens/Snapshots"]
    ),
  ],
  swiftLanguageModes: [.v6]
)
