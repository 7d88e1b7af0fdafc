// swift-tools-version: 6.1
import PackageDescription

// A separate package, not part of the main one (neither `swift build`,
// `swift test` nor CI at the root builds it): one libFuzzer target per parser.
// Each target calls the entry the CLI uses for that kind of file. Build and
// run one with `Benchmarks/fuzz.sh TARGET SECONDS` (Linux; it builds with
// `-sanitize=fuzzer -parse-as-library` into `.build-fuzz`). See the
// Benchmarks article, "Fuzzing".
//
// The telemetry-decoder targets are `FuzzLineDecoders` (the line scanner
// against its general fallback, a differential target), `FuzzOTLPJSON` and
// `FuzzOTLPProtobuf`; see the Benchmarks article, "Fuzzing: telemetry
// decoders" and "Fuzzing: OTLP/protobuf".
let fuzzTargets: [(name: String, dependencies: [Target.Dependency])] = [
  ("FuzzAlertExpression", []),
  ("FuzzConfiguration", []),
  ("FuzzGatePolicy", []),
  ("FuzzGateResults", []),
  ("FuzzLineDecoders", []),
  ("FuzzMLflow", []),
  ("FuzzOTLPJSON", []),
  ("FuzzOTLPProtobuf", []),
  ("FuzzPromptfoo", []),
  ("FuzzRules", []),
  ("FuzzScenario", []),
  ("FuzzTheme", [.product(name: "FlightDeckTUI", package: "FlightDeck")]),
]

let package = Package(
  name: "Fuzz",
  platforms: [.macOS(.v14)],
  dependencies: [
    .package(name: "FlightDeck", path: "../..")
  ],
  targets: [
    .target(
      name: "FuzzSupport",
      dependencies: [.product(name: "FlightDeckCore", package: "FlightDeck")]
    )
  ]
    + fuzzTargets.map { target in
      .executableTarget(
        name: target.name,
        dependencies: ["FuzzSupport", .product(name: "FlightDeckCore", package: "FlightDeck")]
          + target.dependencies
      )
    },
  swiftLanguageModes: [.v6]
)
