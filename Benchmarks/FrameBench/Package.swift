// swift-tools-version: 6.1
import PackageDescription

// A separate package, not part of the main one (CI does not build it):
// `framebench` times one dashboard frame, snapshot to canvas. See the
// Benchmarks article, "Frame build: snapshot to canvas". `keybench` times
// key press to frame through the dashboard's run loop at N distinct
// artefacts ("Cardinality: the screen").
let package = Package(
  name: "FrameBench",
  platforms: [.macOS(.v14)],
  dependencies: [
    .package(name: "FlightDeck", path: "../..")
  ],
  targets: [
    .executableTarget(
      name: "framebench",
      dependencies: [
        .product(name: "FlightDeckCore", package: "FlightDeck"),
        .product(name: "FlightDeckTUI", package: "FlightDeck"),
      ]
    ),
    .executableTarget(
      name: "keybench",
      dependencies: [
        .product(name: "FlightDeckCore", package: "FlightDeck"),
        .product(name: "FlightDeckTUI", package: "FlightDeck"),
      ]
    ),
  ],
  swiftLanguageModes: [.v6]
)
