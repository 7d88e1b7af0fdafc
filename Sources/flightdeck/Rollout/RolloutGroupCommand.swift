import ArgumentParser

/// `flightdeck rollout`: progressive delivery of a canary version in steps.
struct RolloutGroupCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "rollout",
    abstract: "Roll a canary version out in weighted steps with pauses and analysis (Argo Rollouts-style).",
    discussion: """
      The rollout's state lives in the workspace, so any process continues it where another left off. \
      Every command is audited (rollout.start, rollout.tick, rollout.promote, rollout.abort, \
      rollout.pause, rollout.resume, rollout.retry, rollout.measurement). Timed steps advance on \
      `flightdeck rollout tick`; `flightdeck rollout drive ARTEFACT PATH…` ticks and takes the analysis \
      measurements with the judge on telemetry files until the rollout ends.
      """,
    subcommands: [
      RolloutStartCommand.self, RolloutStatusCommand.self, RolloutTickCommand.self, RolloutDriveCommand.self,
      RolloutPromoteCommand.self,
      RolloutAbortCommand.self, RolloutPauseCommand.self, RolloutResumeCommand.self, RolloutRetryCommand.self,
    ])
}
