import FlightDeckCore
import FlightDeckTUI
import FlightDeckTestSupport
import Testing

/// A canary whose promotion finished (issue 16): the registry's canary
/// pointer names the production version, while the telemetry window still
/// splits 90/10 (the old version's traffic, and the canary leg that goes on
/// carrying the promoted version). The pane shows it as Argo Rollouts shows a
/// completed rollout: the new version at 100 %.
@Suite struct CanaryPromotedTests {
  func driver(production: String) -> AppDriver {
    var state = AppState()
    state.focus = .canary
    let d = AppDriver(width: 80, height: 24, state: state)
    d.apply(snapshot: DashboardFixture.snapshot())
    // RegistryFixture: support-agent canary v4 at 10 %.
    d.apply(.registrySnapshot(RegistryFixture.registry(production: production)))
    return d
  }

  @Test func aPromotedCanaryIsDrawnFinished() throws {
    let d = driver(production: "v4")
    let screen = d.frame.joined(separator: "\n")
    // The fixture's window: canary v4 10 % of the user-facing requests.
    #expect(screen.contains("promoted: v4 serves 100 % │ observed 10.0 % of requests on v4 over 15m"))
    let bar = try #require(d.frame.firstIndex { $0.contains("stable v4 100%") })
    #expect(!d.frame[bar].contains("canary v4"))
    #expect(!screen.contains("canary weight: set 10 %"))
    #expect(
      CanaryPane.promotedVersion(RegistryFixture.registry(production: "v4").artefact("support-agent")) == "v4"
    )
  }

  @Test func aCanaryStillRunningShowsItsSplit() throws {
    let d = driver(production: "v3")
    let screen = d.frame.joined(separator: "\n")
    #expect(screen.contains("canary weight: set 10 % │ observed 10.0 % of requests over 15m"))
    #expect(!screen.contains("promoted:"))
    #expect(CanaryPane.promotedVersion(RegistryFixture.registry().artefact("support-agent")) == nil)
  }

  /// `+` on a promoted canary proposes nothing (a tester was offered
  /// `canary 10 % → 15 %` for a version already serving production).
  @Test func noWhatIfOnAPromotedCanary() {
    let d = driver(production: "v4")
    d.apply(.key(.char("+")))
    #expect(d.state.whatIf == nil)
    #expect(
      d.state.statusMessage
        == "what-if: support-agent's canary v4 is its production version: no split to shift (put a new version on the canary first)"
    )
    // While the canary still differs from production, `+` proposes as before.
    let running = driver(production: "v3")
    running.apply(.key(.char("+")))
    #expect(running.state.whatIf?.proposedWeight == 15)
  }
}
