import ArgumentParser
import FlightDeckTUI

/// Options that choose how the screen looks.
struct DisplayOptions: ParsableArguments {
  @Option(
    help: "Theme: a name from themes/ (dark, light, high-contrast, mono, tty) or a path to a .toml file.")
  var theme: String?

  @Flag(
    name: .customLong("read-only"), help: "Remove every dangerous key binding (and say so in the header).")
  var readOnly = false

  /// Checks a `--theme` that names a file (a path or a `.toml` name, as
  /// ``ThemeCatalog/load(choice:environment:)`` reads it) by ``ConfigPathCheck``.
  func validate() throws {
    if let theme, theme.hasSuffix(".toml") || theme.contains("/") {
      try ConfigPathCheck.validate(theme, option: "--theme")
    }
  }
}
