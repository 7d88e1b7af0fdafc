import FlightDeckCore
import FlightDeckTestSupport
import Foundation
import Testing

/// The operator's `config.toml` is read by every command, not only the
/// registry's: `render` (and so `dashboard`, which chooses its configuration
/// the same way, ``ConfigurationChoice``) finds the workspace it names and
/// takes its operator keys under the workspace's own `flightdeck.toml`.
@Suite struct UserConfigurationTests {
  @Test func renderFindsTheWorkspaceAndTheWindowFromConfigToml() async throws {
    try await DedicatedThreadExecutor.run("cli-user-config") {
      guard let story = try StoryWorkspace.shared.get() else { return }
      let cli = story.cli
      let configDir = cli.path("operator-config")
      try FileManager.default.createDirectory(atPath: configDir, withIntermediateDirectories: true)
      try Data("workspace = \"\(cli.path("ws"))\"\nwindow = \"1h\"\n".utf8).write(
        to: URL(fileURLWithPath: configDir + "/config.toml"))
      // The seeded workspace has its own flightdeck.toml (the demo's rules and SLOs), without a window.
      #expect(FileManager.default.fileExists(atPath: cli.path("ws/flightdeck.toml")))
      let elsewhere = CLI(binary: cli.binary, directory: FileManager.default.temporaryDirectory)
      let render = ["render", cli.path("telemetry"), "--width", "160", "--height", "20", "--format", "text"]

      let without = try elsewhere.run(render)
      #expect(without.status == 0)
      let plain = String(decoding: without.stdout, as: UTF8.self)
      #expect(plain.contains("window 15m"))
      #expect(!plain.contains("INC-1"))

      let with = try elsewhere.run(render, settings: ["FLIGHTDECK_CONFIG_DIR": configDir])
      #expect(with.status == 0, "\(String(decoding: with.stderr, as: UTF8.self))")
      let header = String(decoding: with.stdout, as: UTF8.self).split(separator: "\n").first ?? ""
      // The window from config.toml; the incident the workspace's rules opened (its own flightdeck.toml).
      #expect(header.contains("window 1h"), "\(header)")
      #expect(header.contains("INC-1"), "\(header)")

      // --config replaces config.toml, and info names the file given.
      let given = cli.path("ws/flightdeck.toml")
      let info = try elsewhere.run(
        ["info", "--config", given, "--json"], settings: ["FLIGHTDECK_CONFIG_DIR": configDir])
      let doc = JSONValue(info.stdout)
      #expect(doc?["configuration"]?["file"]?.string == given)
      #expect(doc?["configuration"]?["chosen_by"]?.string == "--config")
      #expect(doc?["configuration"]?["file_exists"]?.bool == true)
    }
  }
}
