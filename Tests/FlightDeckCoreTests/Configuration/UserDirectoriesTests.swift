import FlightDeckCore
import Testing

/// ``UserDirectories``: the XDG Base Directory rules, worked out from the specification's text.
@Suite struct UserDirectoriesTests {
  @Test func defaultsUnderHome() {
    let d = UserDirectories.resolve(environment: ["HOME": "/home/ada"])
    #expect(d.configDirectory == "/home/ada/.config/flightdeck")
    #expect(d.configSource == .home)
    #expect(d.configurationFile == "/home/ada/.config/flightdeck/config.toml")
    #expect(d.themesDirectory == "/home/ada/.config/flightdeck/themes")
    #expect(d.stateDirectory == "/home/ada/.local/state/flightdeck")
    #expect(d.logFile == "/home/ada/.local/state/flightdeck/flightdeck.log")
  }

  @Test func xdgFoldersWhenAbsoluteAndFlightDeckFirst() {
    let xdg = UserDirectories.resolve(environment: [
      "HOME": "/home/ada", "XDG_CONFIG_HOME": "/cfg/", "XDG_STATE_HOME": "/state",
    ])
    #expect(xdg.configDirectory == "/cfg/flightdeck")
    #expect(xdg.configSource == .xdg)
    #expect(xdg.logFile == "/state/flightdeck/flightdeck.log")
    let own = UserDirectories.resolve(environment: [
      "HOME": "/home/ada", "XDG_CONFIG_HOME": "/cfg", "FLIGHTDECK_CONFIG_DIR": "/etc/fd",
      "FLIGHTDECK_LOG": "/var/log/fd.log",
    ])
    #expect(own.configDirectory == "/etc/fd")
    #expect(own.configSource == .flightdeck)
    #expect(own.logFile == "/var/log/fd.log")
  }

  @Test func relativeOrEmptyXDGPathsAreIgnored() {
    // "If an implementation encounters a relative path in any of these variables it should
    // consider the path invalid and ignore it."
    let d = UserDirectories.resolve(environment: [
      "HOME": "/home/ada", "XDG_CONFIG_HOME": "cfg", "XDG_STATE_HOME": "",
    ])
    #expect(d.configDirectory == "/home/ada/.config/flightdeck")
    #expect(d.stateDirectory == "/home/ada/.local/state/flightdeck")
    // No HOME: the given home folder.
    #expect(
      UserDirectories.resolve(environment: [:], home: "/root").configDirectory == "/root/.config/flightdeck")
  }
}
