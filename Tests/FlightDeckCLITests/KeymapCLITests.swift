import FlightDeckTestSupport
import Foundation
import Testing

/// The operator's keymap from the command line: `info` names it and says
/// whether it is in use, `render` follows it, a bad one is refused with
/// file, line and field before anything is drawn.
@Suite struct KeymapCLITests {
  @Test func infoNamesTheKeymapAndRenderFollowsIt() async throws {
    try await DedicatedThreadExecutor.run("cli-keymap") {
      guard let story = try StoryWorkspace.shared.get() else { return }
      let cli = story.cli
      let configDir = cli.path("keymap-config")
      try FileManager.default.createDirectory(atPath: configDir, withIntermediateDirectories: true)
      let keymap = configDir + "/keymap.toml"
      let settings = ["FLIGHTDECK_CONFIG_DIR": configDir]

      let none = JSONValue(try cli.run(["info", "--json"], settings: settings).stdout)
      #expect(none?["keymap"]?["file"]?.string == keymap)
      #expect(none?["keymap"]?["in_use"]?.bool == false)

      try Data("[global]\nquit = \"F10\"\ntoggleHelp = \"F1\"\n".utf8).write(to: URL(fileURLWithPath: keymap))
      let info = JSONValue(try cli.run(["info", "--json"], settings: settings).stdout)
      #expect(info?["keymap"]?["in_use"]?.bool == true)
      #expect(info?["keymap"]?["problems"]?.array?.count == 0)
      let frame = try cli.run(
        ["render", "telemetry", "--width", "80", "--height", "24"], settings: settings)
      #expect(frame.status == 0)
      let rows = String(decoding: frame.stdout, as: UTF8.self).split(
        separator: "\n", omittingEmptySubsequences: false)
      #expect(rows.count >= 23 && rows[22].hasPrefix("F10 quit  F1 help"))

      // A bad keymap: every problem with file, line and field; nothing drawn.
      try Data("[global]\nfrobnicate = \"f\"\nquit = \"Hyper-Q\"\n".utf8).write(
        to: URL(fileURLWithPath: keymap))
      let bad = try cli.run(["render", "telemetry", "--width", "80", "--height", "24"], settings: settings)
      #expect(bad.status == 1)
      #expect(bad.stdout.isEmpty)
      let err = String(decoding: bad.stderr, as: UTF8.self)
      #expect(err.contains(keymap + ":2: global.frobnicate: no action 'frobnicate'"))
      #expect(err.contains(keymap + ":3: global.quit: unknown key 'Hyper-Q'"))
      let badInfo = JSONValue(try cli.run(["info", "--json"], settings: settings).stdout)
      #expect(badInfo?["keymap"]?["in_use"]?.bool == false)
      #expect(badInfo?["keymap"]?["problems"]?.array?.count == 2)

      // --keymap names another file; one that is not there is refused as a bad argument.
      let other = cli.path("mine.toml")
      try Data("[pane.registry]\nshowHistory = \"H\"\n".utf8).write(to: URL(fileURLWithPath: other))
      let chosen = try cli.run(
        ["render", "telemetry", "--width", "160", "--height", "24", "--keymap", other], settings: settings)
      #expect(chosen.status == 0)
      let footer = String(decoding: chosen.stdout, as: UTF8.self).split(separator: "\n")[22]
      #expect(footer.contains("r rollback  H history  Tab pane"))
      let missing = try cli.run(
        ["render", "telemetry", "--keymap", cli.path("absent.toml")], settings: settings)
      #expect(missing.status == 64)
    }
  }
}
