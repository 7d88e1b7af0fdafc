/// How one cell is drawn: a semantic role plus text attributes.
public struct CellStyle: Sendable, Hashable {
  /// The semantic role (colour comes from the theme).
  public var role: StyleRole
  /// Bold text.
  public var bold: Bool
  /// Reverse video (swap foreground and background).
  public var reverse: Bool
  /// Underlined text.
  public var underline: Bool

  /// Creates a style.
  public init(_ role: StyleRole = .text, bold: Bool = false, reverse: Bool = false, underline: Bool = false) {
    self.role = role
    self.bold = bold
    self.reverse = reverse
    self.underline = underline
  }

  /// Plain text.
  public static let plain = CellStyle(.text)
}
