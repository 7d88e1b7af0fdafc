// swift-tools-version: 6.1
import PackageDescription

// A separate package, not part of the main one (neither `swift build`,
// `swift test` nor CI at the root builds it): one libFuzzer target per parser.
// Build one with
//   swift build -c release -Xswiftc -sanitize=fuzzer -Xswiftc -parse-as-library --scratch-path .build-fuzz
// (Linux) and run `.build-fuzz/release/TARGET CORPUS_DIR ../Tests/Fixtures/fuzz/TARGET`.
// See the Benchmarks article, "Fuzzing: telemetry decoders".
//
// The telemetry-decoder targets: `FuzzLineDecoders` (the line scanner against
// its general fallback, a differential target) and `FuzzOTLPJSON`.
let fuzzTargets: [(name: String, dependencies: [Target.Dependency])] = [
  ("FuzzLineDecoders", []),
  ("FuzzOTLPJSON", []),
]

let package = Package(
  name: "Fuzz",
  platforms: [.macOS(.v14)],
  dependencies: [
    .package(name: "FlightDeck", path: "..")
  ],
  targets: fuzzTargets.map { target in
    .executableTarget(
      name: target.name,
      dependencies: [.product(name: "FlightDeckCore", package: "FlightDeck")] + target.dependencies
    )
  },
  swiftLanguageModes: [.v6]
)
