import ArgumentParser
import FlightDeckCore
import FlightDeckTUI
import Foundation

/// Options that choose how the screen looks.
struct DisplayOptions: ParsableArguments {
  @Option(
    help: "Theme: a name from themes/ (dark, light, high-contrast, mono, tty) or a path to a .toml file.",
    completion: .custom { _, _, prefix in ThemeCompletion.candidates(prefix: prefix) })
  var theme: String?

  @Flag(
    name: .customLong("read-only"), help: "Remove every dangerous key binding (and say so in the header).")
  var readOnly = false

  @Option(
    name: .customLong("keymap"),
    help: ArgumentHelp(
      "Key bindings file (TOML) laid over the defaults; default: keymap.toml in the configuration folder.",
      valueName: "file"), completion: .file(extensions: ["toml"]))
  var keymap: String?

  @Flag(
    name: .customLong("no-mouse"),
    help: "Leave the mouse to the terminal (text selection) instead of clicks and the wheel.")
  var noMouse = false

  /// The key map to start with: `--keymap FILE`, else the configuration
  /// folder's `keymap.toml` when it exists, else the default; read-only
  /// mode removes dangerous bindings afterwards, whatever the file says.
  /// - Throws: `CLIError` with every problem of a bad file (file, line, field),
  ///   or when `--keymap` names a file that does not exist.
  func keyMap(directories: UserDirectories = .current) throws -> KeyMap {
    if let keymap {
      guard FileManager.default.fileExists(atPath: keymap) else {
        throw CLIError("--keymap: no such file: \(keymap)")
      }
    }
    switch KeyMapFileStatus(path: keymap ?? directories.keymapFile) {
    case .absent: return .default
    case .valid(let map): return map
    case .invalid(let error): throw CLIError("\(error)")
    }
  }

  /// Whether mouse reporting is on: not with `--no-mouse`, else as the
  /// configuration's `mouse` key says (default on).
  func mouse(configuration: FlightDeckConfiguration?) -> Bool {
    !noMouse && (configuration?.mouse ?? true)
  }

  /// Checks a `--theme` that names a file (a path or a `.toml` name, as
  /// ``ThemeCatalog/load(choice:environment:)`` reads it) by ``ConfigPathCheck``.
  func validate() throws {
    if let keymap { try ConfigPathCheck.validate(keymap, option: "--keymap") }
    if let theme, theme.hasSuffix(".toml") || theme.contains("/") {
      try ConfigPathCheck.validate(theme, option: "--theme")
    }
  }
}
