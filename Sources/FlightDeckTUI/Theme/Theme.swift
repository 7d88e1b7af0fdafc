/// A colour theme: for each ``StyleRole``, colours and attributes.
///
/// Themes are loaded from `themes/*.toml` (see ``ThemeLoader``); roles a
/// file does not name fall back to the built-in default theme.
public struct Theme: Sendable, Hashable {
  /// How one role is drawn.
  public struct Entry: Sendable, Hashable {
    /// Foreground colour.
    public var foreground: TerminalColor
    /// Background colour.
    public var background: TerminalColor
    /// Bold by default for this role.
    public var bold: Bool
    /// Reverse video by default for this role.
    public var reverse: Bool
    /// Underline by default for this role.
    public var underline: Bool

    /// Creates an entry.
    public init(
      foreground: TerminalColor = .terminalDefault, background: TerminalColor = .terminalDefault,
      bold: Bool = false, reverse: Bool = false, underline: Bool = false
    ) {
      self.foreground = foreground
      self.background = background
      self.bold = bold
      self.reverse = reverse
      self.underline = underline
    }
  }

  /// Theme name (the file name without `.toml`).
  public var name: String
  /// Entries by role; every role has one.
  public var entries: [StyleRole: Entry]

  /// Creates a theme; roles missing from `entries` use plain terminal defaults.
  public init(name: String, entries: [StyleRole: Entry]) {
    self.name = name
    var all = entries
    for role in StyleRole.allCases where all[role] == nil { all[role] = Entry() }
    self.entries = all
  }

  /// The entry for `role`.
  public func entry(for role: StyleRole) -> Entry { entries[role] ?? Entry() }
}
