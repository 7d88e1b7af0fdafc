/// The positions of a list of names that pass a filter
/// (``AppRows/matches(_:filter:)``), with the results of the filters typed
/// before it kept, so that typing one more character filters the previous
/// result instead of every name, and Backspace goes back to a kept result.
///
/// The list is fixed for the value's life (the caller starts afresh with
/// ``init(count:)`` when the list changes); ``refiltered(to:count:name:)``
/// gives the value for another filter. A filter `g` is only worked out from
/// a kept result for `f` when every name passing `g` also passes `f`
/// (``narrows(from:to:)``); otherwise from the whole list. Either way the
/// positions are the same as a scan of the whole list gives, in list order.
public struct IncrementalFilter: Sendable {
  /// Results kept, oldest first: the empty filter's (every position) is
  /// implicit; each later one narrows an earlier one (typed after it).
  private var kept: [(filter: String, positions: [Int])]
  /// The current filter.
  public private(set) var filter: String
  /// Positions passing ``filter``, ascending; `nil` for the empty filter
  /// (every position, `0 ..< count`).
  public private(set) var positions: [Int]?

  /// Results kept at most (the current one included); a longer filter is
  /// worked out from the longest kept one it narrows.
  public static let keptLimit = 32

  /// Every position of a list of `count` names (the empty filter). O(1).
  public init(count: Int) {
    kept = []
    filter = ""
    positions = nil
  }

  /// Whether every name passing filter `g` passes filter `f`, so that `g`
  /// may be applied to `f`'s result instead of the whole list.
  ///
  /// Holds when both are ASCII and `g` starts with `f`, character for
  /// character (a carriage return before an appended line feed makes one
  /// character of two, so `"\r"` then `"\r\n"` is not a narrowing): an
  /// ASCII name is then matched by a byte search, which a longer pattern
  /// can only narrow, and any other name by a search of its lowercased
  /// characters for the filter's, whose characters are those of `f`
  /// followed by more. Non-ASCII filters (case mappings that change length
  /// or merge characters) are worked out from the whole list.
  public static func narrows(from f: String, to g: String) -> Bool {
    if f.isEmpty { return true }
    guard f.utf8.allSatisfy({ $0 < 0x80 }), g.utf8.allSatisfy({ $0 < 0x80 }) else { return false }
    guard g.utf8.count > f.utf8.count, g.utf8.starts(with: f.utf8) else { return g == f }
    // ASCII characters are single bytes but for CR LF.
    return Array(g).starts(with: Array(f))
  }

  /// This list (of `count` names, `name(i)` the one at position `i`)
  /// filtered by `filter`: the kept result of `filter` itself, else the
  /// longest kept result it narrows, filtered again, else the whole list.
  /// O(k) name tests for k positions in the result it starts from.
  public func refiltered(to filter: String, count: Int, name: (Int) -> String) -> IncrementalFilter {
    if filter == self.filter { return self }
    var out = self
    out.filter = filter
    if filter.isEmpty {
      out.kept = []
      out.positions = nil
      return out
    }
    // The longest kept filter `filter` narrows (kept ones are in typing
    // order, each narrowing the one before it).
    var base: Int? = nil
    for i in kept.indices.reversed() where Self.narrows(from: kept[i].filter, to: filter) {
      base = i
      break
    }
    if let base, kept[base].filter == filter {
      out.kept.removeSubrange((base + 1)...)
      out.positions = kept[base].positions
      return out
    }
    var result: [Int] = []
    if let base {
      for i in kept[base].positions where AppRows.matches(name(i), filter: filter) { result.append(i) }
      out.kept.removeSubrange((base + 1)...)
    } else {
      for i in 0..<count where AppRows.matches(name(i), filter: filter) { result.append(i) }
      out.kept = []
    }
    out.kept.append((filter, result))
    if out.kept.count > Self.keptLimit { out.kept.removeFirst(out.kept.count - Self.keptLimit) }
    out.positions = result
    return out
  }
}
