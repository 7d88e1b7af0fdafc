import ArgumentParser

/// `flightdeck routing`: the publisher targets and their state.
struct RoutingGroupCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "routing",
    abstract: "Show and publish routing to the configured targets (LiteLLM, flagd, KServe, HTTPRoute, exec).",
    discussion: """
      Every pointer move and canary weight change owes its artefact a publish, recorded in the same \
      transaction. `flightdeck serve` (the lease holder) publishes to the targets of the configuration's \
      [routing] and reads them back; `status` lists every target with its state; `publish` republishes an \
      artefact now (and writes the files when no controller runs).
      """,
    subcommands: [RoutingStatusCommand.self, RoutingPublishCommand.self])
}
