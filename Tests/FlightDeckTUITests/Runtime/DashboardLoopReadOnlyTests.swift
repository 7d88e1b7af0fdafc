import FlightDeckCore
import FlightDeckTUI
import FlightDeckTestSupport
import Foundation
import Testing

/// A read-only dashboard (`--read-only`, `demo --read-only`, a replay) as the
/// run loop builds it: a writing key says `read-only: … disabled` on the
/// status line instead of doing nothing.
@Suite struct DashboardLoopReadOnlyTests {
  @Test func writingKeysSayTheyAreDisabled() throws {
    let clock = TestClock(start: Timestamp(millisecondsSinceEpoch: 1_748_736_600_000))
    let backend = TestBackend(width: 120, height: 40)
    let loop = DashboardLoop(
      engine: DashboardEngine(patterns: ["/nonexistent/fd-readonly.jsonl"], clock: clock), backend: backend,
      clock: clock,
      configuration: .init(themes: [ThemeLoader.builtInDefault], symbols: .ascii, readOnly: true))
    _ = try loop.step()
    // The Registry pane has focus: P, a, x, r, ], }, X, z and y are its writing keys.
    let expected: [(Character, String)] = [
      ("P", "promotion"), ("a", "approval"), ("x", "rejection"), ("r", "rollback"), ("]", "rollout control"),
      ("y", "rollout control"), ("X", "rollout control"),
    ]
    for (key, noun) in expected {
      backend.enqueue(.key(.char(key)))
      _ = try loop.step()
      #expect(loop.state.statusMessage == "read-only: \(noun) disabled", "\(key)")
    }
    #expect(loop.state.dialog == nil)
  }
}
