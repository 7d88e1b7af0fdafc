/// A piece of text read whole (Enter on an incident timeline row, on a
/// message of the messages view): a title and labelled blocks, each
/// value word-wrapped when drawn (``DetailBlock``), and how far it is scrolled.
/// The strings may come from outside (a note, a database's error): they are
/// sanitised when drawn, never here.
public struct TextViewState: Sendable, Hashable {
  /// The box's title, e.g. `INC-3 timeline entry`.
  public var title: String
  /// The blocks, top first: a label (`text:`) and its value.
  public var blocks: [Block]
  /// The first line shown (0: the top).
  public var offset: Int = 0

  /// A labelled value.
  public struct Block: Sendable, Hashable {
    /// The label, e.g. `actor:`.
    public var label: String
    /// The value, any length.
    public var value: String

    /// The block `label`: `value`.
    public init(_ label: String, _ value: String) {
      self.label = label
      self.value = value
    }
  }

  /// A view titled `title` of `blocks`, scrolled to the top.
  public init(title: String, blocks: [Block]) {
    self.title = title
    self.blocks = blocks
  }
}
