/// One row of the key map: which keys, what they do, where, and how to describe it.
public struct KeyBinding: Sendable, Hashable {
  /// The keys that trigger the binding (any of them), e.g. `[.up, .char("k")]`.
  public var keys: [Key]
  /// What the binding does.
  public var action: Action
  /// Where the binding is active.
  public var scope: KeyScope
  /// One-line description for the help overlay and the docs.
  public var help: String
  /// Short label for footer hints, e.g. `quit`.
  public var hint: String
  /// Footer priority: lower is more important and shown first; `nil` keeps the
  /// binding out of the footer (it is still in the help overlay).
  public var hintPriority: Int?
  /// Whether the binding changes something outside the dashboard (promote,
  /// roll back, …). Read-only mode removes dangerous bindings.
  public var isDangerous: Bool

  /// Creates a binding.
  public init(
    keys: [Key], action: Action, scope: KeyScope, help: String, hint: String,
    hintPriority: Int? = nil, isDangerous: Bool = false
  ) {
    self.keys = keys
    self.action = action
    self.scope = scope
    self.help = help
    self.hint = hint
    self.hintPriority = hintPriority
    self.isDangerous = isDangerous
  }

  /// The keys as written in help and hints, joined by `/`, e.g. `↑/k`.
  public var keyLabel: String { keys.map(\.description).joined(separator: "/") }
}
