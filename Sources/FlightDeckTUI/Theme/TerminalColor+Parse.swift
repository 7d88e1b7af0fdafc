import Foundation

extension TerminalColor {
  /// ANSI colour names and their palette indices (0–15), as accepted in
  /// theme files: `black` … `white` = 0–7, `bright_black` … `bright_white`
  /// = 8–15 (the ECMA-48 SGR 30–37 / 90–97 order).
  public static let ansiNames: [String: UInt8] = [
    "black": 0, "red": 1, "green": 2, "yellow": 3, "blue": 4, "magenta": 5, "cyan": 6, "white": 7,
    "bright_black": 8, "bright_red": 9, "bright_green": 10, "bright_yellow": 11, "bright_blue": 12,
    "bright_magenta": 13, "bright_cyan": 14, "bright_white": 15,
  ]

  /// Parses a theme colour value.
  ///
  /// Accepted (case-insensitive, surrounding spaces ignored): `#RRGGBB`;
  /// `#RGB` (each digit doubled, CSS style: `#f80` = `#ff8800`); a decimal
  /// palette index `0`–`255`; an ANSI name (``ansiNames``); `default` or
  /// the empty string = the terminal's own colour.
  /// - Returns: the colour, or `nil` when `text` is none of these.
  public static func parse(_ text: String) -> TerminalColor? {
    let s = text.trimmingCharacters(in: .whitespaces).lowercased()
    if s.isEmpty || s == "default" { return .terminalDefault }
    if let i = ansiNames[s] { return .indexed(i) }
    if s.hasPrefix("#") {
      let hex = Array(s.dropFirst())
      guard hex.allSatisfy(\.isHexDigit) else { return nil }
      let digits = hex.compactMap { $0.hexDigitValue }
      switch digits.count {
      case 3: return .rgb(UInt8(digits[0] * 17), UInt8(digits[1] * 17), UInt8(digits[2] * 17))
      case 6:
        return .rgb(
          UInt8(digits[0] * 16 + digits[1]), UInt8(digits[2] * 16 + digits[3]),
          UInt8(digits[4] * 16 + digits[5]))
      default: return nil
      }
    }
    if s.allSatisfy(\.isASCII), s.allSatisfy(\.isNumber), let v = Int(s), (0...255).contains(v) {
      return .indexed(UInt8(v))
    }
    return nil
  }

  /// The colour as RGB for interpolation: `rgb` as is, `indexed` via
  /// ``xtermRGB(_:)``, `nil` for the terminal default.
  public var rgbComponents: (UInt8, UInt8, UInt8)? {
    switch self {
    case .terminalDefault: return nil
    case .indexed(let i): return TerminalColor.xtermRGB(Int(i))
    case .rgb(let r, let g, let b): return (r, g, b)
    }
  }
}
