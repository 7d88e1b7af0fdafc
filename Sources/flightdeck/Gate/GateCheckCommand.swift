import ArgumentParser
import FlightDeckCore
import FlightDeckTUI
import Foundation

/// `flightdeck gate check ARTEFACT VERSION --results FILE…`: evaluate a
/// version's evaluation results against the gate policy, record them on the
/// version, write JUnit XML, and exit 0/1/2 for CI.
struct GateCheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Evaluate result files against the gates of the artefact's risk tier and record the outcome.",
    discussion: """
      Inputs: `promptfoo eval -o results.json` output and FlightDeck gate-results JSON (told apart by \
      shape). With a workspace, the artefact's tier and the workspace's gate policy in force are used and \
      the results are stored on the version (audited as gate.check); a later `flightdeck promote` to \
      production consults the newest record. Without a workspace, give --tier: the check runs against \
      the configuration's [gates] (or the defaults) and nothing is stored.
      --json: {"artefact","version","tier","passed","exit_code","stored","gates":[{"metric",\
      "comparison","threshold","value","outcome","source","reason"}],"inputs":[{"file","format",\
      "sha256"}],"warnings":[…],"error":null|str}.
      Exit codes: 0 every gate passed; 1 a gate failed or a required metric is missing; 2 the check \
      could not be completed (an input unusable, a bad configuration, an unknown artefact or version, \
      no workspace and no --tier, or the results could not be stored); 64 bad arguments.
      """)

  @OptionGroup var options: RegistryOptions

  @Argument(help: "The artefact.")
  var artefact: String

  @Argument(help: "The version whose results these are.")
  var version: String

  @Option(
    name: .customLong("results"), parsing: .upToNextOption,
    help: "Result files: Promptfoo results.json and/or FlightDeck gate-results JSON.",
    completion: .file(extensions: ["json"]))
  var results: [String] = []

  @Option(
    help: ArgumentHelp(
      "Write the check as JUnit XML to this file (for CI test reports).",
      discussion:
        "Replaced atomically; refused when the path is a directory, FIFO, socket, device, symbolic link "
        + "(unless --force) or the workspace's registry store."), completion: .file(extensions: ["xml"]))
  var junit: String?

  @Flag(help: "With --junit: replace the file a symbolic link at the path points to.")
  var force = false

  @Option(help: "The risk tier (low, medium, high, critical); only without a workspace.")
  var tier: String?

  func validate() throws {
    guard !results.isEmpty else { throw ValidationError("--results: give at least one results file") }
    if let tier, RiskTier(rawValue: tier) == nil {
      throw ValidationError(
        "--tier: expected low, medium, high or critical, not '\(RegistryNames.excerpt(tier))'")
    }
    if let junit, junit.isEmpty { throw ValidationError("--junit: give a file name") }
  }

  func run() throws {
    let context: RegistryContext
    do {
      context = try RegistryContext(options)
    } catch let e as ConfigurationError {
      Self.fail(e.description)
    }
    let writer = SafeFileWriter(
      protectedPaths: context.workspace.storeFiles(backends: .cli), followSymbolicLinks: force)
    if let junit {
      do { try writer.check(junit) } catch { Self.fail("\(error)") }
    }
    let requestedTier = tier.flatMap(RiskTier.init(rawValue:))
    var store: (any RegistryStore)?
    var gateTier: RiskTier
    var policy = context.configuration.gatePolicy
    do {
      let opened = try context.open()
      try context.applyConfiguration(on: opened)
      let snapshot = try opened.snapshot()
      guard let entry = snapshot.artefact(artefact) else {
        Self.fail(
          "no artefact named \"\(RegistryNames.quoted(artefact))\" is registered in \(context.workspace.directory)"
        )
      }
      guard entry.versions.contains(where: { $0.label == version }) else {
        Self.fail("\(artefact) has no version \"\(RegistryNames.quoted(version))\" (register it first)")
      }
      gateTier = entry.artefact.riskTier
      if let requestedTier, requestedTier != gateTier {
        Self.fail(
          "--tier \(requestedTier.rawValue) differs from \(artefact)'s registered tier \(gateTier.rawValue); leave --tier out"
        )
      }
      policy = try opened.gatePolicyInForce()
      store = opened
    } catch let e as RegistryError where e.code == .noWorkspace {
      guard let requestedTier else {
        Self.fail("\(e.message); without a workspace give --tier to check against the configuration's gates")
      }
      gateTier = requestedTier
    } catch let e as RegistryError {
      Self.fail(e.message)
    }

    let run = GateCheck.run(
      artefact: artefact, version: version, files: results, policy: policy, tier: gateTier)
    var stored = false
    if let report = run.report, let store {
      do {
        _ = try context.run(
          .recordGateResults(artefact: artefact, version: version, report: report), on: store)
        stored = true
      } catch let e as RegistryError {
        Self.fail("the results could not be stored: \(e.message)")
      }
    }
    if let junit {
      do {
        try writer.write(Data(run.junit(evaluatedAt: context.clock.now()).utf8), to: junit)
      } catch {
        Self.fail("\(error)")
      }
    }
    if context.json {
      RegistryCLI.printJSON(Self.json(run, stored: stored))
    } else {
      for line in run.lines { RegistryCLI.say(line) }
      if run.report != nil {
        RegistryCLI.say(
          stored
            ? "recorded on \(artefact) \(version)"
            : "not recorded: no workspace (tier \(gateTier.rawValue) from --tier)")
      }
    }
    if run.exitCode != .allPassed { throw ExitCode(run.exitCode.rawValue) }
  }

  /// Prints `error: message` on stderr and exits 2 (the check could not be completed).
  static func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("error: \(Sanitizer.sanitize(message))\n".utf8))
    Foundation.exit(GateExitCode.inputUnusable.rawValue)
  }

  /// The `--json` document (see the command's discussion).
  static func json(_ run: GateCheckRun, stored: Bool) -> CanonicalJSON.Value {
    let gates: [CanonicalJSON.Value] =
      run.report?.gates.map { g in
        .object([
          "metric": .string(g.requirement.metric), "comparison": .string(g.requirement.comparison.rawValue),
          "threshold": .string(GateNumber.canonical(g.requirement.threshold)),
          "value": g.value.map { .string(GateNumber.canonical($0)) } ?? .null,
          "outcome": .string(g.outcome.rawValue), "source": .optional(g.source), "reason": .string(g.reason),
        ])
      } ?? []
    return .object([
      "artefact": .string(run.artefact), "version": .string(run.version),
      "tier": .optional(run.report?.tier.rawValue), "passed": .bool(run.report?.passed ?? false),
      "exit_code": .integer(Int64(run.exitCode.rawValue)), "stored": .bool(stored), "gates": .array(gates),
      "inputs": .array(
        (run.report?.inputs ?? []).map {
          .object([
            "file": .string($0.file), "format": .string($0.format.rawValue), "sha256": .string($0.sha256),
          ])
        }),
      "warnings": .array((run.report?.warnings ?? []).map { .string($0) }),
      "error": .optional(run.inputError?.description),
    ])
  }
}
