import FlightDeckTUI

/// Turns what `wget_wch` returns into FlightDeck ``Key``s. Pure: no curses
/// calls, so every mapping can be unit tested.
///
/// Conventions (xterm/VT100 in raw or cbreak mode with `nonl()`):
/// - 9 → Tab, 10 or 13 → Enter, 27 → Esc, 8 or 127 → Backspace;
/// - other codes 1…26 → Ctrl-letter (`1` → Ctrl-A). Ctrl-H, Ctrl-I, Ctrl-J and
///   Ctrl-M are indistinguishable from Backspace, Tab and Enter on a terminal;
/// - printable scalars → `.char`; NUL, 28…31, C1 controls (0x80…0x9F) and
///   bidi embedding/override/isolate controls are dropped (never reach text
///   fields);
/// - `KEY_*` codes via ``CursesKeyCodes``; F1…F12 only.
public struct KeyDecoder: Sendable {
  /// What a function-key code means.
  public enum KeyCodeMeaning: Sendable, Hashable {
    /// A key press.
    case key(Key)
    /// `KEY_RESIZE`: the caller must query the new size.
    case resize
  }

  /// The key-code table in use.
  public let codes: CursesKeyCodes

  /// Creates a decoder for `codes` (``CursesKeyCodes/live`` in the backend).
  public init(codes: CursesKeyCodes) {
    self.codes = codes
  }

  /// Decodes a character `wget_wch` returned with `OK`.
  /// - Parameter value: the wide character (a Unicode scalar value in a UTF-8 locale).
  /// - Returns: the key, or `nil` for characters FlightDeck ignores.
  public func decodeCharacter(_ value: UInt32) -> Key? {
    switch value {
    case 9: return .tab
    case 10, 13: return .enter
    case 27: return .escape
    case 8, 127: return .backspace
    case 1...26:
      guard let scalar = Unicode.Scalar(0x60 + value) else { return nil }
      return .ctrl(Character(scalar))
    case 0, 28...31: return nil
    case 0x80...0x9F: return nil
    case 0x202A...0x202E, 0x2066...0x2069: return nil
    default:
      guard let scalar = Unicode.Scalar(value) else { return nil }
      return .char(Character(scalar))
    }
  }

  /// Decodes a `KEY_*` code `wget_wch` returned with `KEY_CODE_YES`.
  /// - Returns: the meaning, or `nil` for codes FlightDeck does not bind
  ///   (mouse, F13+, keypad extras).
  public func decodeKeyCode(_ code: Int32) -> KeyCodeMeaning? {
    switch code {
    case codes.resize: return .resize
    case codes.up: return .key(.up)
    case codes.down: return .key(.down)
    case codes.left: return .key(.left)
    case codes.right: return .key(.right)
    case codes.backTab: return .key(.backTab)
    case codes.enter: return .key(.enter)
    case codes.backspace: return .key(.backspace)
    case codes.delete: return .key(.delete)
    case codes.home: return .key(.home)
    case codes.end: return .key(.end)
    case codes.pageUp: return .key(.pageUp)
    case codes.pageDown: return .key(.pageDown)
    case codes.function1..<(codes.function1 + 12): return .key(.function(Int(code - codes.function1) + 1))
    default: return nil
    }
  }
}
