import ArgumentParser

/// `flightdeck notifications`: the outbox and its delivery.
struct NotificationsGroupCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "notifications",
    abstract: "Deliver, list and retry notifications (webhook, Slack, PagerDuty).",
    discussion: """
      Every alert firing or resolved, incident opened, acknowledged or resolved, promotion requested or \
      decided, rollout aborted or promoted and failed gate check writes one event into the store's outbox, \
      in the same transaction. `deliver` sends them to the receivers of the configuration's \
      [notifications] with retries; `list` shows their delivery state; `retry` sends a dead one again.
      """,
    subcommands: [
      NotificationsDeliverCommand.self, NotificationsListCommand.self, NotificationsRetryCommand.self,
    ])
}
