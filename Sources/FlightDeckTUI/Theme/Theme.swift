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
    /// Dim (half-bright, `A_DIM`) by default for this role.
    public var dim: Bool

    /// Creates an entry.
    public init(
      foreground: TerminalColor = .terminalDefault, background: TerminalColor = .terminalDefault,
      bold: Bool = false, reverse: Bool = false, underline: Bool = false, dim: Bool = false
    ) {
      self.foreground = foreground
      self.background = background
      self.bold = bold
      self.reverse = reverse
      self.underline = underline
      self.dim = dim
    }
  }

  /// Theme name (the file name without `.toml`).
  public var name: String
  /// Entries by role; every role has one.
  public var entries: [StyleRole: Entry]
  /// The latency gradient, ``gradientSteps`` colours from fast to slow
  /// (also the foregrounds of roles ``StyleRole/latency0`` … `latency4`).
  public var latencyGradient: [TerminalColor]
  /// The cost gradient, ``gradientSteps`` colours from cheap to expensive
  /// (also the foregrounds of roles ``StyleRole/cost0`` … `cost4`).
  public var costGradient: [TerminalColor]

  /// Number of pre-expanded steps per gradient.
  public static let gradientSteps = 5

  /// Creates a theme; roles missing from `entries` use plain terminal
  /// defaults, and empty gradients take the foregrounds of the gradient roles.
  public init(
    name: String, entries: [StyleRole: Entry], latencyGradient: [TerminalColor] = [],
    costGradient: [TerminalColor] = []
  ) {
    self.name = name
    var all = entries
    for role in StyleRole.allCases where all[role] == nil { all[role] = Entry() }
    self.entries = all
    let latencyRoles: [StyleRole] = [.latency0, .latency1, .latency2, .latency3, .latency4]
    let costRoles: [StyleRole] = [.cost0, .cost1, .cost2, .cost3, .cost4]
    self.latencyGradient =
      latencyGradient.isEmpty ? latencyRoles.map { all[$0]?.foreground ?? .terminalDefault } : latencyGradient
    self.costGradient =
      costGradient.isEmpty ? costRoles.map { all[$0]?.foreground ?? .terminalDefault } : costGradient
  }

  /// The entry for `role`.
  public func entry(for role: StyleRole) -> Entry { entries[role] ?? Entry() }
}
