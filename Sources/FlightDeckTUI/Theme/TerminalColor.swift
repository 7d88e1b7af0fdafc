/// A colour as a theme states it, before quantising to the terminal.
public enum TerminalColor: Sendable, Hashable {
  /// The terminal's own default foreground or background.
  case terminalDefault
  /// One of the 256 xterm palette entries (0–15 are the ANSI colours).
  case indexed(UInt8)
  /// A 24-bit colour (`#RRGGBB`).
  case rgb(UInt8, UInt8, UInt8)
}
