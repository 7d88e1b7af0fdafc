/// What a key press means in a given context.
public enum KeyResolution: Sendable, Hashable {
  /// A binding matched: perform its action.
  case action(Action)
  /// A text overlay is open and the key is printable: append it.
  case text(Character)
  /// Nothing is bound to the key here.
  case unbound
}
