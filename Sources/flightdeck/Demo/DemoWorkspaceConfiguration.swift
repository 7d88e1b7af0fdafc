import FlightDeckCore
import Foundation

/// The demo's alert rules, SLOs and routing targets written into a seeded
/// workspace (`flightdeck.toml` and a copy of the bundled rules as
/// `alerts.yml`), so
/// `dashboard --workspace DIR` (live or `--replay INC-n`), `retro`, `kpi` and
/// the other commands run on it evaluate the same rules and SLOs that opened
/// the workspace's incidents (``RegistryWorkspace/configurationPath``).
enum DemoWorkspaceConfiguration {
  /// The first line of the configuration file the demo writes into its
  /// workspace; a file without it is the operator's and is left alone.
  static let marker = "# written by `flightdeck demo`: its alert rules and SLOs"

  /// Writes `<workspace>/alerts.yml` (the bundled rules) and
  /// `<workspace>/flightdeck.toml` naming it by absolute path, with the
  /// demo's evaluation interval, incident severities and SLOs
  /// (``DemoCommand/demoConfiguration()``, written by
  /// ``AlertConfiguration/tomlText``) and, with `routing` (`flightdeck
  /// demo`, which publishes to them; not `simulate --seed-registry`, which
  /// runs no publisher), its routing targets (``DemoRouting/configuration(_:)``,
  /// ``RoutingConfiguration/tomlText``), so `flightdeck routing status
  /// --workspace DIR` lists them. A `flightdeck.toml` that does not start
  /// with ``marker`` is the operator's and is left as it is; one the demo
  /// wrote is written again (so a newer FlightDeck's demo SLOs take effect).
  /// - Throws: `CLIError` when a file cannot be written.
  static func write(into workspace: RegistryWorkspace, routing: Bool = false) throws {
    let path = workspace.configurationPath
    if let existing = try? String(contentsOfFile: path, encoding: .utf8), !existing.hasPrefix(marker) {
      return
    }
    var alerts = DemoCommand.demoConfiguration().alerts
    do {
      if let bundled = alerts.rulesPath {
        let copy = URL(fileURLWithPath: workspace.directory + "/alerts.yml").standardizedFileURL
        try? FileManager.default.removeItem(at: copy)
        try FileManager.default.copyItem(at: URL(fileURLWithPath: bundled), to: copy)
        alerts.rulesPath = copy.path
      }
      let targets = routing ? "\n" + DemoRouting.configuration(workspace).tomlText : ""
      try (marker + "\n" + alerts.tomlText + targets).write(toFile: path, atomically: true, encoding: .utf8)
    } catch {
      throw CLIError("cannot write the workspace's configuration \(path): \(error.localizedDescription)")
    }
  }
}
