// swift-tools-version: 6.1
import PackageDescription

// A separate package, not part of the main one (CI does not build it):
// `otlpbench` times the OTLP/protobuf decoder against the OTLP/JSON one on
// the same request. See the Benchmarks article, "OTLP/protobuf decoding".
let package = Package(
  name: "OTLPBench",
  platforms: [.macOS(.v14)],
  dependencies: [
    .package(name: "FlightDeck", path: "../..")
  ],
  targets: [
    .executableTarget(
      name: "otlpbench",
      dependencies: [.product(name: "FlightDeckCore", package: "FlightDeck")]
    )
  ],
  swiftLanguageModes: [.v6]
)
