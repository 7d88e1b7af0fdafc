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
      let store = try context.open()
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
      if instances.isEmpty {
        RegistryCLI.say("no alerts")
        return
      }
      var rows: [[String]] = [["STATE", "ALERT", "VALUE", "SINCE", "ACK", "FINGERPRINT"]]
      for i in instances {
        let state = i.isSilenced ? "\(i.state.rawValue) (silenced)" : i.state.rawValue
        let since =
          (i.state == .firing ? i.firedAt : i.state == .resolved ? i.resolvedAt : i.activeAt)?.rfc3339 ?? "-"
        rows.append([
          state, i.displayName, i.value.map { String(format: "%.4g", $0) } ?? "no data", since,
          i.acknowledgedBy ?? "-", i.fingerprint,
        ])
      }
      RegistryCLI.say(AlertsListCommand.table(rows))
    }
  }

  /// Left-aligned columns separated by two spaces.
  static func table(_ rows: [[String]]) -> String {
    let widths = (0..<(rows.first?.count ?? 0)).map { c in rows.map { $0[c].count }.max() ?? 0 }
    return rows.map { row in
      row.enumerated().map { c, cell in
        c == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[c] - cell.count)
      }.joined(separator: "  ")
    }.joined(separator: "\n")
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
