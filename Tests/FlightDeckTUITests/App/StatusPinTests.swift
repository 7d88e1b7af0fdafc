import FlightDeckCore
import FlightDeckTUI
import FlightDeckTestSupport
import Foundation
import Testing

/// A refusal or failure stays on the status line until the operator
/// presses a key or ten seconds pass, whatever arrives in the background
/// meanwhile, then leaves eight seconds later as an outcome does; every
/// message is kept for the messages view (`M`); a message too long for one
/// row takes both footer rows.
@Suite struct StatusPinTests {
  let refusal = RegistryError(.fourEyes, "alice requested REQ-3; a different person must approve")

  @Test func aRefusalStaysAheadOfBackgroundMessagesUntilAKey() {
    var s = AppState()
    _ = AppUpdate.update(&s, .registryOutcome(.failure(refusal)))
    let shown = "refused: alice requested REQ-3; a different person must approve"
    #expect(s.statusMessage == shown)
    #expect(s.statusLine.pinned)
    _ = AppUpdate.update(&s, .status("live updates resumed", until: nil))
    _ = AppUpdate.update(&s, .storeStarted(.loading))
    #expect(s.statusMessage == shown)
    #expect(s.statusLevel == .warn)
    _ = AppUpdate.update(&s, .storeFinished(.loading))
    #expect(s.statusMessage == shown)
    #expect(s.statusLog.map(\.text) == [shown, "live updates resumed"])
    // j sets no message of its own: the one that waited is shown.
    _ = AppUpdate.update(&s, .key(.char("j")))
    #expect(!s.statusLine.pinned)
    #expect(s.statusMessage == "live updates resumed")
    #expect(s.statusLevel == .info)
    // Now background messages replace it as before.
    _ = AppUpdate.update(&s, .status("theme: dark", until: nil))
    #expect(s.statusMessage == "theme: dark")
  }

  @Test func aKeyWithAMessageOfItsOwnKeepsItAndTheWaitingOneIsOnlyLogged() {
    var s = AppState()
    _ = AppUpdate.update(&s, .registryOutcome(.failure(refusal)))
    _ = AppUpdate.update(&s, .status("bob moved support-agent staging v3 → v4", until: nil))
    // P with nothing selected refuses with its own sentence, which is pinned in turn.
    _ = AppUpdate.update(&s, .key(.char("P")))
    #expect(s.statusMessage != "bob moved support-agent staging v3 → v4")
    #expect(s.statusLine.pinned)
    #expect(s.statusLine.queued == nil)
    #expect(s.statusLog.contains { $0.text == "bob moved support-agent staging v3 → v4" })
  }

  @Test func thePinGivesWayTenSecondsAfterTheNextTick() {
    var s = AppState()
    _ = AppUpdate.update(&s, .newSnapshot(DashboardFixture.snapshot()))
    let t0 = DashboardFixture.now
    _ = AppUpdate.update(&s, .registryOutcome(.failure(RegistryError(.storage, "disk I/O error"))))
    #expect(s.statusLine.pinned && s.statusLine.pinnedUntil == nil)
    // The first tick starts the ten seconds on the dashboard's clock.
    _ = AppUpdate.update(&s, .tick(t0))
    #expect(s.statusLine.pinnedUntil == t0.adding(milliseconds: 10_000))
    _ = AppUpdate.update(&s, .status("live updates resumed", until: t0.adding(milliseconds: 30_000)))
    _ = AppUpdate.update(&s, .tick(t0.adding(milliseconds: 9_999)))
    #expect(s.statusMessage == "registry error: disk I/O error")
    _ = AppUpdate.update(&s, .tick(t0.adding(milliseconds: 10_000)))
    #expect(s.statusMessage == "live updates resumed")
    #expect(s.statusLine.expiry == t0.adding(milliseconds: 30_000))
    #expect(s.statusLog.first?.at == t0)
  }

  @Test func aSuccessMessageLeavesEightSecondsLaterAndAPinnedRefusalDoesNot() {
    var s = AppState()
    _ = AppUpdate.update(&s, .newSnapshot(DashboardFixture.snapshot()))
    // The snapshot clock is t0; the dashboard's clock (the ticks') three days
    // later, as with a historic file whose window ends at its newest record.
    let t0 = DashboardFixture.now
    let tick = t0.adding(milliseconds: 3 * 86_400_000)
    _ = AppUpdate.update(&s, .registryOutcome(.success(RegistryOutcome(message: "promoted support-bot v13"))))
    #expect(s.statusLine.expiresAfterMs == 8_000)
    // The first tick starts its 8 s on the tick's clock (not t0 + 8 s, long past).
    _ = AppUpdate.update(&s, .tick(tick))
    #expect(s.statusLine.expiry == tick.adding(milliseconds: 8_000))
    _ = AppUpdate.update(&s, .tick(tick.adding(milliseconds: 7_999)))
    #expect(s.statusMessage == "promoted support-bot v13")
    _ = AppUpdate.update(&s, .tick(tick.adding(milliseconds: 8_000)))
    #expect(s.statusMessage == nil)
    // It stays readable in the messages view.
    #expect(s.statusLog.last?.text == "promoted support-bot v13")
    // A refusal is pinned ten seconds from the next tick, with no expiry; then it
    // leaves eight seconds after the tick that released it.
    _ = AppUpdate.update(&s, .registryOutcome(.failure(refusal)))
    _ = AppUpdate.update(&s, .tick(tick.adding(milliseconds: 8_000)))
    #expect(s.statusLine.expiry == nil)
    #expect(s.statusLine.pinnedUntil == tick.adding(milliseconds: 18_000))
    _ = AppUpdate.update(&s, .tick(tick.adding(milliseconds: 17_999)))
    #expect(s.statusLine.pinned)
    _ = AppUpdate.update(&s, .tick(tick.adding(milliseconds: 18_000)))
    #expect(!s.statusLine.pinned)
    #expect(s.statusLine.expiry == tick.adding(milliseconds: 26_000))
    _ = AppUpdate.update(&s, .tick(tick.adding(milliseconds: 25_999)))
    #expect(s.statusMessage == "refused: alice requested REQ-3; a different person must approve")
    _ = AppUpdate.update(&s, .tick(tick.adding(milliseconds: 26_000)))
    #expect(s.statusMessage == nil)
  }

  /// A key releases the pin; with nothing waiting and no message of its own,
  /// the refusal stays readable for eight more seconds and then leaves (a
  /// tester saw `:approve: no row 'nosuch'…` still there after `j` and 13 s).
  @Test func aKeyReleasesTheRefusalToLeaveEightSecondsLater() {
    var s = AppState()
    _ = AppUpdate.update(&s, .newSnapshot(DashboardFixture.snapshot()))
    let t0 = DashboardFixture.now
    _ = AppUpdate.update(&s, .registryOutcome(.failure(refusal)))
    _ = AppUpdate.update(&s, .tick(t0))
    _ = AppUpdate.update(&s, .key(.char("j")))
    #expect(!s.statusLine.pinned)
    #expect(s.statusMessage == "refused: alice requested REQ-3; a different person must approve")
    _ = AppUpdate.update(&s, .tick(t0.adding(milliseconds: 1_000)))
    #expect(s.statusLine.expiry == t0.adding(milliseconds: 9_000))
    _ = AppUpdate.update(&s, .tick(t0.adding(milliseconds: 9_000)))
    #expect(s.statusMessage == nil)
  }

  @Test func aLongRefusalWrapsOverBothFooterRowsAndOtherMessagesEndReadAll() {
    var s = AppState()
    s.statusMessage = "aaaa bbbb cccc dddd eeee ffff gggg hhhh"
    // Neutral and outcome messages keep one row: cut to 20 − 15 = 5 columns, "aaaa " trimmed.
    #expect(FooterPane.wrappedStatus(s, width: 20) == nil)
    #expect(FooterPane.statusText(s, width: 20) == "aaaa… (M: read all)")
    #expect(FooterPane.statusText(s, width: 39) == "aaaa bbbb cccc dddd eeee ffff gggg hhhh")
    s.statusLevel = .warn
    // 39 columns in 20: two rows of 19, nothing lost.
    #expect(FooterPane.wrappedStatus(s, width: 20)! == ("aaaa bbbb cccc dddd", "eeee ffff gggg hhhh"))
    #expect(FooterPane.wrappedStatus(s, width: 39) == nil)
    // Three rows' worth: the second row keeps what fits before "… (M: read all)" (15 columns).
    s.statusMessage = "aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk"
    #expect(FooterPane.wrappedStatus(s, width: 20)! == ("aaaa bbbb cccc dddd", "eeee… (M: read all)"))
  }

  @Test func theMessagesViewListsNewestFirstAndBreaksLongWords() {
    let log = [
      StatusLogEntry(text: "first", level: .ok, at: nil),
      StatusLogEntry(text: String(repeating: "x", count: 45), level: .critical, at: nil),
    ]
    let lines = MessagesOverlay.lines(log, width: 20).map(\.0)
    #expect(
      lines == [
        "at start  failed", "  " + String(repeating: "x", count: 18),
        "  " + String(repeating: "x", count: 18),
        "  " + String(repeating: "x", count: 9), "", "at start  done", "  first",
      ])
  }

  @Test func aDatabaseRefusalIsReadableAt80ColumnsAndWholeInTheMessagesView() {
    let d = AppDriver(width: 80, height: 24)
    d.apply(snapshot: DashboardFixture.snapshot())
    let message =
      "the database refused: role vic lacks the INSERT right on table request_decision "
      + "(grant flightdeck_approver to vic, or ask a release manager: flightdeck admin roles)"
    d.apply(.registryOutcome(.failure(RegistryError(.storage, message))))
    let footer = d.frame[22].trimmingCharacters(in: .whitespaces) + " " + d.frame[23]
    #expect(footer.contains("registry error: the database refused: role vic lacks the INSERT right on"))
    #expect(footer.contains("table request_decision"))
    #expect(footer.contains("(M: read all)") || footer.contains("flightdeck admin roles)"))
    d.send(.char("M"))
    let screen = d.frame.joined(separator: "\n")
    #expect(screen.contains("Messages, newest first"))
    for word in message.split(separator: " ") { #expect(screen.contains(word), "\(word)") }
    d.send(.escape)
    #expect(d.state.messages == nil)
  }

  /// A message that waited behind a refusal leaves eight seconds after the
  /// pin gives way, as any outcome (a tester saw another operator's move stay
  /// for 50 s and more); so does a background message with no expiry of its own.
  @Test func aMessageThatWaitedBehindARefusalLeavesEightSecondsAfterItIsShown() {
    var s = AppState()
    let t0 = DashboardFixture.now
    _ = AppUpdate.update(&s, .registryOutcome(.failure(refusal)))
    _ = AppUpdate.update(&s, .tick(t0))
    let move = "bob moved support-bot production v13 → v12 (REQ-13)"
    _ = AppUpdate.update(&s, .status(move, until: nil))
    _ = AppUpdate.update(&s, .tick(t0.adding(milliseconds: 10_000)))
    #expect(s.statusMessage == move)
    _ = AppUpdate.update(&s, .tick(t0.adding(milliseconds: 17_999)))
    #expect(s.statusMessage == move)
    _ = AppUpdate.update(&s, .tick(t0.adding(milliseconds: 18_000)))
    #expect(s.statusMessage == nil)
    // No refusal on the line: shown at once, gone eight seconds after the next tick.
    _ = AppUpdate.update(&s, .status("live updates resumed", until: nil))
    _ = AppUpdate.update(&s, .tick(t0.adding(milliseconds: 20_000)))
    _ = AppUpdate.update(&s, .tick(t0.adding(milliseconds: 27_999)))
    #expect(s.statusMessage == "live updates resumed")
    _ = AppUpdate.update(&s, .tick(t0.adding(milliseconds: 28_000)))
    #expect(s.statusMessage == nil)
  }
}
