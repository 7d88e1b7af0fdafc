import FlightDeckCore
import Testing

/// `[gates.<tier>]` in the configuration file → ``FlightDeckConfiguration/gatePolicy``.
@Suite struct GateConfigurationTests {
  @Test func defaultsWithoutGates() throws {
    let c = try FlightDeckConfiguration.parse("window = \"15m\"\n", file: "fd.toml")
    #expect(c.gatePolicy == .standard)
    #expect(!c.declaresRegistryPolicy)
  }

  @Test func aTierTableReplacesThatTiersDefaults() throws {
    let c = try FlightDeckConfiguration.parse(
      """
      workspace = ".fd"

      [gates.high]
      pass_rate = ">= 0.97"
      drift_psi = "<= 0.15"
      """, file: "fd.toml")
    #expect(c.declaresRegistryPolicy)
    // Keys sorted: drift_psi before pass_rate.
    #expect(
      c.gatePolicy.requirements(for: .high)
        == [GateRequirement("drift_psi", .atMost, 0.15), GateRequirement("pass_rate", .atLeast, 0.97)])
    #expect(c.gatePolicy.requirements(for: .low) == GatePolicy.standard.requirements(for: .low))
  }

  @Test func badKeysNameFileLineAndKey() throws {
    let tier = #expect(throws: ConfigurationError.self) {
      try FlightDeckConfiguration.parse(
        "window = \"15m\"\n[gates.extreme]\npass_rate = \">= 1\"\n", file: "fd.toml")
    }
    #expect(tier?.line == 2 && tier?.key == "gates.extreme")
    let value = #expect(throws: ConfigurationError.self) {
      try FlightDeckConfiguration.parse("[gates.low]\n\npass_rate = \"at least 0.9\"\n", file: "fd.toml")
    }
    #expect(value?.line == 3 && value?.key == "gates.low.pass_rate")
    #expect(value?.description.hasPrefix("fd.toml:3: gates.low.pass_rate:") == true)
    let range = #expect(throws: ConfigurationError.self) {
      try FlightDeckConfiguration.parse("[gates.low]\npass_rate = \">= 95\"\n", file: "fd.toml")
    }
    #expect(range?.key == "gates.low.pass_rate")
  }
}
