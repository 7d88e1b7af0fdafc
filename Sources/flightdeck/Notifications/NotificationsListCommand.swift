import ArgumentParser
import FlightDeckCore

/// `flightdeck notifications list`.
struct NotificationsListCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "list",
    abstract: "List outbox notifications, newest first, with their delivery state.",
    discussion: """
      Columns: ID, STATE (pending, failed, delivered, dead: summed up over the receivers), KIND, \
      SUBJECT, ATTEMPTS (the most requests sent to one receiver), NEXT (the next attempt, for pending and \
      failed), RECEIVERS (each receiver's delivery: name state/attempts, e.g. `pager failed/2 chat dead/1`), \
      ERROR (the newest receiver error). A receiver that refuses an event (a 4xx) is dead for that event \
      only; `notifications retry ID --receiver NAME` sends it to that receiver again.
      --state limits to some states.
      --json: {"notifications":[{"id","key","kind","subject","state","attempts","claims","next_attempt_at",\
      "last_error","delivered_to","delivered_at","at","summary","deliveries":[{"receiver","state",\
      "attempts","next_attempt_at","last_error","last_attempt_at","delivered_at"}]}]}.
      Exit codes: 0 listed; 1 no workspace or storage failure; 64 bad arguments.
      """)

  @OptionGroup var options: RegistryOptions

  @Option(help: "Only these states (comma-separated: pending,failed,delivered,dead).")
  var state: String?

  @Option(help: "At most this many.")
  var limit: Int = 50

  func validate() throws {
    guard (1...100_000).contains(limit) else { throw ValidationError("--limit: between 1 and 100000") }
    if let state {
      for s in state.split(separator: ",") where NotificationOutboxState(rawValue: String(s)) == nil {
        throw ValidationError("--state: \(s) is not one of pending, failed, delivered, dead")
      }
    }
  }

  func run() throws {
    let states = state.map {
      Set($0.split(separator: ",").compactMap { NotificationOutboxState(rawValue: String($0)) })
    }
    try RegistryCLI.run {
      let context = try RegistryContext(options)
      let outbox = try NotificationsOutbox.of(try context.openForReading())
      let entries = try outbox.notificationOutbox(states: states, limit: limit)
      if context.json {
        RegistryCLI.printJSON(
          .object([
            "notifications": .array(
              entries.map { e in
                .object([
                  "id": .string(e.displayID), "key": .string(e.event.key),
                  "kind": .string(e.event.kind.rawValue),
                  "subject": .string(e.event.subject), "state": .string(e.state.rawValue),
                  "attempts": .integer(Int64(e.attempts)),
                  "next_attempt_at": e.state == .pending || e.state == .failed
                    ? .string(e.nextAttemptAt.rfc3339) : .null,
                  "last_error": .optional(e.lastError),
                  "delivered_to": .array(e.deliveredTo.map { .string($0) }),
                  "delivered_at": .optional(e.deliveredAt?.rfc3339), "at": .string(e.event.at.rfc3339),
                  "summary": .string(e.event.summary), "claims": .integer(Int64(e.claims)),
                  "deliveries": .array(
                    e.deliveries.map { d in
                      .object([
                        "receiver": .string(d.receiver), "state": .string(d.state.rawValue),
                        "attempts": .integer(Int64(d.attempts)),
                        "next_attempt_at": .optional(d.isOpen ? d.nextAttemptAt?.rfc3339 : nil),
                        "last_error": .optional(d.lastError),
                        "last_attempt_at": .optional(d.lastAttemptAt?.rfc3339),
                        "delivered_at": .optional(d.deliveredAt?.rfc3339),
                      ])
                    }),
                ])
              })
          ]))
        return
      }
      var table = CLITable(["ID", "STATE", "KIND", "SUBJECT", "ATTEMPTS", "NEXT", "RECEIVERS", "ERROR"])
      for e in entries {
        table.add([
          e.displayID, e.state.rawValue, e.event.kind.rawValue, e.event.subject, String(e.attempts),
          e.state == .pending || e.state == .failed ? e.nextAttemptAt.rfc3339 : "-",
          e.deliveries.map { "\($0.receiver) \($0.state.rawValue)/\($0.attempts)" }.joined(separator: " "),
          e.lastError ?? "",
        ])
      }
      RegistryCLI.print(table.render(empty: "no notifications"))
    }
  }
}
