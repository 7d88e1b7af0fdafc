/// A set of Unicode scalars: `[a-z0-9]`, `[^,]`, `\d`, `[[:alpha:]]`, `\pL`.
///
/// A scalar is in the class when it lies in one of `ranges`, has one of
/// `categories`, or lacks all of one of `excludedCategories` (a `\PL` inside
/// brackets); under `(?i)` any case variant of it counts
/// (``LabelRegexCaseFold``). `negated` (`[^...]`, `\D`) complements the
/// result after folding, as RE2 does.
struct LabelRegexCharacterClass: Sendable, Hashable {
  /// Sorted, non-overlapping, non-adjacent closed ranges of scalar values.
  private(set) var ranges: [ClosedRange<UInt32>] = []
  /// Unicode general categories in the class (`\pL`, `\p{Lu}`).
  var categories: Set<Unicode.GeneralCategory> = []
  /// Each set adds every scalar whose category is not in it (`\PL` in brackets).
  var excludedCategories: [Set<Unicode.GeneralCategory>] = []
  /// `[^...]`: the complement.
  var negated = false
  /// `(?i)`: case variants of a scalar count as the scalar.
  var foldCase = false

  /// Adds `lo...hi`, keeping `ranges` sorted and merged.
  mutating func add(_ lo: UInt32, _ hi: UInt32) {
    var merged = lo...hi
    var out: [ClosedRange<UInt32>] = []
    out.reserveCapacity(ranges.count + 1)
    var placed = false
    for r in ranges {
      if r.upperBound &+ 1 < merged.lowerBound {
        out.append(r)
      } else if merged.upperBound &+ 1 < r.lowerBound {
        if !placed {
          out.append(merged)
          placed = true
        }
        out.append(r)
      } else {
        merged = min(r.lowerBound, merged.lowerBound)...max(r.upperBound, merged.upperBound)
      }
    }
    if !placed { out.append(merged) }
    ranges = out
  }

  /// Adds every range of `pairs` at once: sorted with the ranges already
  /// held and merged in one pass, O((R + P) log(R + P)) — a class of 240 000
  /// separate members took 32 s when each was added alone (issue 11
  /// breaker, R3).
  mutating func add(contentsOf pairs: [(UInt32, UInt32)]) {
    guard !pairs.isEmpty else { return }
    let all = (ranges + pairs.map { $0.0...$0.1 }).sorted { $0.lowerBound < $1.lowerBound }
    var out: [ClosedRange<UInt32>] = []
    out.reserveCapacity(all.count)
    for r in all {
      if let last = out.last, r.lowerBound <= last.upperBound &+ 1 {
        out[out.count - 1] = last.lowerBound...max(last.upperBound, r.upperBound)
      } else {
        out.append(r)
      }
    }
    ranges = out
  }

  /// Adds every range of `pairs` (`[(lo, hi)]`), or their complement over all scalars when `complement`.
  mutating func add(_ pairs: [(UInt32, UInt32)], complement: Bool) {
    guard complement else {
      add(contentsOf: pairs)
      return
    }
    var next: UInt32 = 0
    for (lo, hi) in pairs.sorted(by: { $0.0 < $1.0 }) {
      if lo > next { add(next, lo - 1) }
      next = max(next, hi + 1)
    }
    if next <= 0x10FFFF { add(next, 0x10FFFF) }
  }

  /// Whether `c` is in the class.
  func contains(_ c: Unicode.Scalar) -> Bool {
    var hit = containsExactly(c)
    if !hit && foldCase {
      for v in LabelRegexCaseFold.variants(c) where v != c && containsExactly(v) {
        hit = true
        break
      }
    }
    return hit != negated
  }

  /// Whether `c` itself (no folding, no negation) is in the class.
  private func containsExactly(_ c: Unicode.Scalar) -> Bool {
    let v = c.value
    var low = 0
    var high = ranges.count
    while low < high {
      let mid = (low + high) / 2
      if ranges[mid].upperBound < v {
        low = mid + 1
      } else {
        high = mid
      }
    }
    if low < ranges.count && ranges[low].contains(v) { return true }
    if categories.isEmpty && excludedCategories.isEmpty { return false }
    let category = c.properties.generalCategory
    return categories.contains(category) || excludedCategories.contains { !$0.contains(category) }
  }
}
