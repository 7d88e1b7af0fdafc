import ArgumentParser
import FlightDeckCore

/// `flightdeck incident open --title … --severity SEV2 [--artefact A] [--version V] [--rollout RO-n]`.
struct IncidentOpenCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "open",
    abstract: "Open an incident by hand, linked to artefacts, versions and rollouts.",
    discussion: """
      --version needs --artefact (or takes the only --artefact given): `--artefact support-bot --version v13`. \
      --json: the outcome with "incident" (see `incident show --json`).
      Exit codes: 0 opened; 1 refused (unknown artefact, version or rollout; empty title); 64 bad arguments.
      """)

  @OptionGroup var options: RegistryOptions

  @Option(help: "One line: what is wrong.")
  var title: String

  @Option(help: "SEV1 (most severe) … SEV4.")
  var severity: String

  @Option(help: "An artefact the incident concerns (repeatable).")
  var artefact: [String] = []

  @Option(help: "A version of the (single) --artefact the incident concerns (repeatable).")
  var version: [String] = []

  @Option(help: "A rollout (RO-3 or 3) the incident concerns (repeatable).")
  var rollout: [String] = []

  @Option(help: "The incident commander (default: none yet).")
  var commander: String?

  func validate() throws {
    _ = try IncidentCLI.severity(severity)
    if !version.isEmpty && artefact.count != 1 {
      throw ValidationError("--version: give exactly one --artefact the versions belong to")
    }
    for r in rollout {
      _ = try OptionValue.check {
        try OptionBounds.identifier(r, prefix: "RO", noun: "rollout", option: "--rollout")
      }
    }
  }

  func run() throws {
    let links = IncidentLinks(
      artefacts: artefact, versions: version.map { IncidentVersionLink(artefact: artefact[0], label: $0) },
      rollouts: rollout.compactMap(RolloutRecord.parseID))
    let sev = try IncidentCLI.severity(severity)
    try RegistryCLI.run {
      let context = try RegistryContext(options)
      let store = try context.open()
      IncidentCLI.report(
        try context.perform(
          .openIncident(title: title, severity: sev, commander: commander, links: links, source: .manual),
          on: store),
        json: context.json)
    }
  }
}
