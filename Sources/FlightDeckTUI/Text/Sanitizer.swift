import FlightDeckCore

/// Makes untrusted text (model names, prompts, error messages from
/// telemetry) safe to show on a terminal: the dashboard's name for
/// ``FlightDeckCore/TerminalText``, which holds the one implementation and
/// the full rules (C0, DEL, C1 → `\xHH`; bidi, line separators and invisible
/// look-alike makers → `\u{HHHH}`).
public enum Sanitizer {
  /// ``FlightDeckCore/TerminalText/sanitize(_:)``: `s` with every control,
  /// C1, bidi and invisible scalar escaped visibly; clean input unchanged.
  public static func sanitize(_ s: String) -> String { TerminalText.sanitize(s) }

  /// ``FlightDeckCore/TerminalText/isDisplaySafe(_:)``: whether `s` holds
  /// nothing ``sanitize(_:)`` would escape (emoji sequences kept).
  public static func isDisplaySafe(_ s: String) -> Bool { TerminalText.isDisplaySafe(s) }

  /// ``FlightDeckCore/TerminalText/needsEscape(_:)``.
  public static func needsEscape(_ scalar: Unicode.Scalar) -> Bool { TerminalText.needsEscape(scalar) }

  /// ``FlightDeckCore/TerminalText/escape(_:)``: `\xHH` up to U+00FF, `\u{HHHH}` above.
  public static func escape(_ scalar: Unicode.Scalar) -> String { TerminalText.escape(scalar) }
}
