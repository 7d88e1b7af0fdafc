import ArgumentParser
import FlightDeckCore

/// `flightdeck alerts [list]`: the stored alert instances.
struct AlertsListCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "list",
    abstract: "List alert instances from the workspace, firing first.",
    discussion: """
      Columns: state, alert, labels, value, since (firing: fired at; pending: active since), \
      acknowledged by, fingerprint. Silenced instances show `silenced`.
      --json: {"alerts":[{"fingerprint","alert","group","state","labels","value","active_at","fired_at",\
      "resolved_at","acknowledged_by","acknowledged_at","silenced_by"}]}.
      Exit codes: 0 listed; 1 no workspace or storage failure; 64 bad arguments.
      """)

  @OptionGroup var options: RegistryOptions

  func run() throws {
    try RegistryCLI.run {
      let context = try RegistryContext(options)
      let store = try context.openForReading()
      let now = context.clock.now()
      let silences = try store.silences(includeExpired: false).filter { $0.isActive(at: now) }
      let instances = try store.alertInstances().map { i -> AlertInstance in
        var copy = i
        copy.silencedBy = silences.filter { $0.matches(i.labels) }.map(\.id)
        return copy
      }
      if context.json {
        RegistryCLI.printJSON(.object(["alerts": .array(instances.map(AlertsListCommand.json))]))
        return
      }
      var table = CLITable(["STATE", "ALERT", "VALUE", "SINCE", "ACK", "FINGERPRINT"])
      table.maxCellWidth = 80
      for i in instances {
        let state = i.isSilenced ? "\(i.state.rawValue) (silenced)" : i.state.rawValue
        let since =
          (i.state == .firing ? i.firedAt : i.state == .resolved ? i.resolvedAt : i.activeAt)?.rfc3339 ?? "-"
        table.add([
          state, i.displayName, i.value.map { String(format: "%.4g", $0) } ?? "no data", since,
          i.acknowledgedBy ?? "-", i.fingerprint,
        ])
      }
      RegistryCLI.print(table.render(empty: "no alerts"))
    }
  }

  /// One instance as JSON.
  static func json(_ i: AlertInstance) -> CanonicalJSON.Value {
    .object([
      "fingerprint": .string(i.fingerprint), "alert": .string(i.ruleName), "group": .string(i.group),
      "state": .string(i.state.rawValue), "labels": .object(i.labels.mapValues { .string($0) }),
      "value": .optional(i.value.map { "\($0)" }), "active_at": .optional(i.activeAt?.rfc3339),
      "fired_at": .optional(i.firedAt?.rfc3339), "resolved_at": .optional(i.resolvedAt?.rfc3339),
      "acknowledged_by": .optional(i.acknowledgedBy), "acknowledged_at": .optional(i.acknowledgedAt?.rfc3339),
      "silenced_by": .array(i.silencedBy.map { .string("SIL-\($0)") }),
    ])
  }
}
