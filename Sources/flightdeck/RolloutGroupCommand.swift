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
      `flightdeck rollout tick`; the live driver that takes analysis measurements with the judge is \
      not wired yet.
      """,
    subcommands: [
      RolloutStartCommand.self, RolloutStatusCommand.self, RolloutTickCommand.self,
      RolloutPromoteCommand.self,
      RolloutAbortCommand.self, RolloutPauseCommand.self, RolloutResumeCommand.self, RolloutRetryCommand.self,
    ])
}
