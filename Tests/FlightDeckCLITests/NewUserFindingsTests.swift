import FlightDeckTestSupport
import Foundation
import Testing

/// What a new user of the command line found (issue 16's tester), run end to
/// end on a copy of the played story (``StoryWorkspace``): each expected
/// text worked out by hand from the rules it follows.
@Suite struct NewUserFindingsTests {
  /// A copy of the story to change, or `nil` (skip) without the executable.
  static func story() throws -> CLI? { try StoryWorkspace.shared.get()?.cli.copy() }

  /// An RLO (U+202E) in a title is shown as `\u{202E}` (TerminalText), and
  /// its backslash escaped once for Markdown (CommonMark §2.4: `\\` renders
  /// as `\`), so the Markdown has `\\u{202E}` and renders `\u{202E}`. The
  /// Markdown on stdout is the one written with --out (but for the open
  /// incident's duration): it was
  /// sanitised a second time on stdout (`\\\\u{202E}`, rendering `\\u{202E}`).
  @Test func retroMarkdownEscapesATitlesEscapeOnce() async throws {
    try await DedicatedThreadExecutor.run("cli-findings-retro") {
      guard let cli = try Self.story() else { return }
      defer { cli.remove() }
      let opened = try cli.json(
        ["incident", "open", "--title", "pay\u{202E}ment *down*", "--severity", "SEV3", "--workspace", "ws", "--json"])
      let id = opened?["incident"]?["display_id"]?.string ?? "?"
      let printed = try cli.expect(["retro", id, "--workspace", "ws"], exit: 0)
      let heading = printed.text.split(separator: "\n").first.map(String.init)
      #expect(heading == #"# \#(id): pay\\u{202E}ment \*down\*"#)
      #expect(!printed.text.contains(#"\\\\"#) && !printed.text.contains("\u{202E}"))
      try cli.expect(["retro", id, "--workspace", "ws", "--out", "retro.md"], exit: 0)
      let file = try String(contentsOfFile: cli.path("retro.md"), encoding: .utf8)
      // The open incident's duration runs on the real clock between the two runs.
      func lines(_ text: String) -> [Substring] { text.split(separator: "\n").filter { !$0.hasPrefix("| Duration") } }
      #expect(lines(file) == lines(printed.text) && lines(file).count > 20)
    }
  }
}
