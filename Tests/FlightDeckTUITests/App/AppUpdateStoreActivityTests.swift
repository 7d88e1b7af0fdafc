import FlightDeckCore
import FlightDeckTUI
import Testing

/// "saving…"/"loading…" in the status line while store work is out: an
/// answer's own status stays, a load that answers quietly gives the status
/// line back as it was.
@Suite struct AppUpdateStoreActivityTests {
  let later = Timestamp(millisecondsSinceEpoch: 1_748_736_600_000)

  @Test func aQuietLoadGivesTheStatusLineBack() {
    var s = AppState()
    _ = AppUpdate.update(&s, .status("theme: dark", until: later))
    _ = AppUpdate.update(&s, .storeStarted(.loading))
    #expect(s.statusMessage == "loading…")
    #expect(s.statusLine.expiry == nil)
    _ = AppUpdate.update(&s, .storeFinished(.loading))
    #expect(s.statusMessage == "theme: dark")
    #expect(s.statusLine.expiry == later)
    #expect(s.statusLine.storeActivities.isEmpty)
  }

  @Test func savingWinsOverLoadingAndAnOutcomeStays() {
    var s = AppState()
    _ = AppUpdate.update(&s, .storeStarted(.loading))
    _ = AppUpdate.update(&s, .storeStarted(.saving))
    #expect(s.statusMessage == "saving…")
    // The load answers quietly: the command is still out.
    _ = AppUpdate.update(&s, .storeFinished(.loading))
    #expect(s.statusMessage == "saving…")
    #expect(s.statusLine.storeActivities == [.saving])
    // The command's outcome replaces "saving…" and stays.
    _ = AppUpdate.update(
      &s, .registryOutcome(.failure(RegistryError(.storage, "registry storage failed: busy"))))
    let outcome = s.statusMessage
    #expect(outcome != "saving…")
    _ = AppUpdate.update(&s, .storeFinished(.saving))
    #expect(s.statusMessage == outcome)
    #expect(s.statusLevel == .critical)
    #expect(s.statusLine.storeActivities.isEmpty)
  }
}
