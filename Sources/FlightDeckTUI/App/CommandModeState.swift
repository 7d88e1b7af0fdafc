/// The `:` command prompt (k9s's command mode): the line being typed, the
/// commands run before (newest last) and where Up/Down and Tab are in them.
///
/// A sub-model of ``AppState``: ``CommandModeUpdate`` changes it, the footer
/// draws it (``CommandPromptView``). Closed, it keeps only its history.
public struct CommandModeState: Sendable, Hashable {
  /// How many commands the history keeps.
  public static let historyLimit = 50
  /// Longest command line accepted, in characters (typing beyond is ignored).
  public static let maximumLength = 200

  /// Whether the prompt is open (typed keys edit ``text``).
  public var isOpen = false
  /// The command line being typed, without the `:`.
  public var text = ""
  /// The commands run, oldest first, at most ``historyLimit``, no two
  /// neighbours equal.
  public var history: [String] = []
  /// The history entry Up/Down show (an index into ``history``), `nil`
  /// while the operator types a line of their own.
  public var historyIndex: Int?
  /// The line typed before Up was first pressed, given back by Down past
  /// the newest entry.
  public var draft = ""
  /// While Tab cycles through completions: the candidates and the one shown.
  public var cycle: (candidates: [String], index: Int, prefix: String)?

  /// Creates a closed prompt with no history.
  public init() {}

  /// Equality ignores the completion cycle's bookkeeping beyond its candidates and position.
  public static func == (a: Self, b: Self) -> Bool {
    a.isOpen == b.isOpen && a.text == b.text && a.history == b.history && a.historyIndex == b.historyIndex
      && a.draft == b.draft && a.cycle?.candidates == b.cycle?.candidates && a.cycle?.index == b.cycle?.index
      && a.cycle?.prefix == b.cycle?.prefix
  }

  /// Hashes what ``==`` compares.
  public func hash(into hasher: inout Hasher) {
    hasher.combine(isOpen)
    hasher.combine(text)
    hasher.combine(history)
    hasher.combine(historyIndex)
    hasher.combine(draft)
    hasher.combine(cycle?.candidates)
    hasher.combine(cycle?.index)
    hasher.combine(cycle?.prefix)
  }

  /// Adds `line` to the history (not twice in a row), dropping the oldest past the limit.
  public mutating func remember(_ line: String) {
    guard !line.isEmpty, history.last != line else { return }
    history.append(line)
    if history.count > Self.historyLimit { history.removeFirst(history.count - Self.historyLimit) }
  }
}
