/// Hands out curses colour-pair numbers, one per (foreground, background).
///
/// Pair 0 is fixed by curses (terminal default colours after
/// `use_default_colors()`), so `(-1, -1)` always maps to 0 and new pairs are
/// numbered 1, 2, … up to `pairLimit - 1` (`COLOR_PAIRS`). When they run out,
/// lookups return ``Lookup/exhausted`` and the caller draws with pair 0
/// (swiftcurseskits' `ColorPairRegistry`; TermKit leaked one pair per
/// attribute instead). Pure: the caller runs `init_pair` for ``Lookup/allocated(_:)``.
public struct ColorPairCache: Sendable {
  /// The result of a lookup.
  public enum Lookup: Sendable, Hashable {
    /// An existing pair; nothing to initialise.
    case cached(Int)
    /// A new pair number; the caller must `init_pair` it before use.
    case allocated(Int)
    /// No pair numbers left (or this combination failed to initialise):
    /// draw with pair 0.
    case exhausted
  }

  private struct Key: Hashable {
    var foreground: Int
    var background: Int
  }

  /// One past the highest usable pair number (`COLOR_PAIRS`).
  public let pairLimit: Int
  private var pairs: [Key: Int] = [:]
  private var next = 1
  /// How many lookups fell back to pair 0 because pairs ran out or failed.
  public private(set) var fallbackCount = 0

  /// Creates an empty cache.
  /// - Parameter pairLimit: `COLOR_PAIRS` of the terminal (64 for `xterm`,
  ///   65 536 for `xterm-256color`); values below 1 mean no pairs at all.
  public init(pairLimit: Int) {
    self.pairLimit = max(1, pairLimit)
  }

  /// Number of pairs handed out so far (pair 0 not counted).
  public var allocatedCount: Int { next - 1 }

  /// The pair for foreground `foreground` and background `background`
  /// (palette indices; -1 = terminal default).
  public mutating func pair(foreground: Int, background: Int) -> Lookup {
    if foreground == -1 && background == -1 { return .cached(0) }
    let key = Key(foreground: foreground, background: background)
    if let existing = pairs[key] {
      if existing == 0 { fallbackCount += 1 }
      return existing == 0 ? .exhausted : .cached(existing)
    }
    guard next < pairLimit else {
      fallbackCount += 1
      return .exhausted
    }
    let number = next
    next += 1
    pairs[key] = number
    return .allocated(number)
  }

  /// Records that `init_pair` failed for this combination, so later lookups
  /// return ``Lookup/exhausted`` instead of an uninitialised pair.
  public mutating func markUnusable(foreground: Int, background: Int) {
    pairs[Key(foreground: foreground, background: background)] = 0
    fallbackCount += 1
  }

  /// Forgets every pair (e.g. after a theme change freed the old ones).
  public mutating func reset() {
    pairs.removeAll(keepingCapacity: true)
    next = 1
    fallbackCount = 0
  }
}
