import Foundation

/// What the keymap file at a path is to the dashboard: absent (the default
/// keymap is used), valid (the keymap it makes) or refused (every problem).
///
/// The one reading of the file that `flightdeck info`, `flightdeck doctor`
/// and the dashboard's start share, so the three cannot disagree about
/// whether a keymap is in use.
public enum KeyMapFileStatus: Sendable, Hashable {
  /// No file at the path: ``KeyMap/default`` is used.
  case absent
  /// The file is valid; the keymap it lays over the base.
  case valid(KeyMap)
  /// The file exists and is refused (the dashboard will not start with it).
  case invalid(KeyMapError)

  /// Reads the keymap file at `path` (``KeyMapFile/load(path:base:)``),
  /// laid over `base`. Never throws: a file that cannot be read or is not
  /// TOML is an ``invalid(_:)`` status with one `.syntax` problem.
  public init(path: String, base: KeyMap = .default) {
    guard FileManager.default.fileExists(atPath: path) else {
      self = .absent
      return
    }
    do {
      self = .valid(try KeyMapFile.load(path: path, base: base))
    } catch let error as KeyMapError {
      self = .invalid(error)
    } catch {
      self = .invalid(
        KeyMapError(problems: [
          .init(kind: .syntax, file: path, line: nil, field: "", message: "cannot read the keymap file")
        ]))
    }
  }

  /// Each problem as `file:line: field: message`; empty unless ``invalid(_:)``.
  public var problems: [String] {
    if case .invalid(let error) = self { return error.problems.map(\.description) }
    return []
  }
}
