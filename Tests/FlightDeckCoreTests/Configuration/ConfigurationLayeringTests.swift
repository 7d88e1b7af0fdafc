import FlightDeckCore
import Testing

/// A workspace's own `flightdeck.toml` over the operator's `config.toml`:
/// only the operator's keys come from below.
@Suite struct ConfigurationLayeringTests {
  @Test func operatorKeysComeFromBelowWhereTheWorkspaceIsSilent() throws {
    let user = try FlightDeckConfiguration.parse(
      """
      workspace = "/srv/ws"
      window = "1h"
      theme = "mono"
      mouse = false
      [log]
      level = "debug"
      [alerts]
      evaluation_interval = "5s"
      """, file: "config.toml")
    let own = try FlightDeckConfiguration.parse(
      """
      theme = "light"
      [alerts]
      evaluation_interval = "30s"
      """, file: "ws/flightdeck.toml")
    #expect(user.declaredKeys == ["workspace", "window", "theme", "mouse", "log", "alerts"])
    let layered = own.layered(over: user)
    #expect(layered.workspace == "/srv/ws")
    #expect(layered.engineOptions.windowMs == 3_600_000)
    #expect(layered.mouse == false)
    #expect(layered.log.level == user.log.level)
    // The workspace's own keys win; a deployment key never comes from below.
    #expect(layered.theme == "light")
    #expect(layered.alerts.evaluationIntervalMs == 30_000)
    #expect(layered.source == "ws/flightdeck.toml")
    // Nothing below: the workspace's file as it is (the default 15 min window).
    let alone = own.layered(over: FlightDeckConfiguration())
    #expect(alone.workspace == nil)
    #expect(alone.engineOptions.windowMs == 900_000)
  }
}
