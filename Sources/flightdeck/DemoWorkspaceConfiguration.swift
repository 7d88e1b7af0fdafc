import FlightDeckCore
import Foundation

/// The demo's alert rules and SLOs written into a seeded workspace
/// (`flightdeck.toml` and a copy of the bundled rules as `alerts.yml`), so
/// `dashboard --workspace DIR` (live or `--replay INC-n`) evaluates the same
/// rules and SLOs that opened the workspace's incidents
/// (``RegistryWorkspace/configurationPath``).
enum DemoWorkspaceConfiguration {
  /// Writes `<workspace>/alerts.yml` (the bundled rules) and
  /// `<workspace>/flightdeck.toml` naming it by absolute path, with the
  /// demo's evaluation interval, incident severities and SLOs
  /// (``DemoCommand/demoConfiguration()``). Leaves an existing
  /// `flightdeck.toml` alone.
  /// - Throws: `CLIError` when a file cannot be written.
  static func write(into workspace: RegistryWorkspace) throws {
    let path = workspace.configurationPath
    guard !FileManager.default.fileExists(atPath: path) else { return }
    let alerts = DemoCommand.demoConfiguration().alerts
    var lines = ["# The demo's alert rules and SLOs (written by flightdeck when it seeded this workspace)."]
    do {
      if let bundled = alerts.rulesPath {
        let copy = URL(fileURLWithPath: workspace.directory + "/alerts.yml").standardizedFileURL
        try? FileManager.default.removeItem(at: copy)
        try FileManager.default.copyItem(at: URL(fileURLWithPath: bundled), to: copy)
        lines += ["[alerts]", "rules = \"\(escaped(copy.path))\""]
      } else {
        lines += ["[alerts]"]
      }
      lines.append("evaluation_interval = \"\(DurationText.format(alerts.evaluationIntervalMs))\"")
      lines.append(
        "incident_severities = [" + alerts.incidentSeverities.map { "\"\($0)\"" }.joined(separator: ", ")
          + "]")
      for slo in alerts.slos {
        lines += [
          "", "[[slo]]", "name = \"\(slo.name)\"", "artefact = \"\(slo.artefact)\"",
          "kind = \"\(slo.kind.rawValue)\"", "objective = \(slo.objectivePercent)",
        ]
      }
      try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    } catch {
      throw CLIError("cannot write the workspace's configuration \(path): \(error.localizedDescription)")
    }
  }

  /// `text` inside a TOML basic string (backslashes and quotes escaped).
  private static func escaped(_ text: String) -> String {
    text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
  }
}
