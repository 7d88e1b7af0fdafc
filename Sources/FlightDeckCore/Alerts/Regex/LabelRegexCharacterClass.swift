/// A set of Unicode scalars: `[a-z0-9]`, `[^,]`, `\d`, `[[:alpha:]]`, `\pL`.
///
/// A scalar is in the class when it lies in one of `ranges`, has one of
/// `categories`, or lacks all of one of `excludedCategories` (a `\PL` inside
/// brackets). Under `(?i)` each member is folded as RE2 folds it, before any
/// negation (Go's `regexp/syntax`): ranges and the Perl and POSIX groups get
/// the orbits of their members added when they are added (so a negated group
/// such as `\W` or `[[:^upper:]]` is the complement of the folded group), and
/// a category member holds for a scalar when any member of the scalar's
/// orbit (``LabelRegexCaseFold``) has the category. `negated` (`[^...]`)
/// complements the whole folded class last.
struct LabelRegexCharacterClass: Sendable, Hashable {
  /// Sorted, non-overlapping, non-adjacent closed ranges of scalar values.
  private(set) var ranges: [ClosedRange<UInt32>] = []
  /// Unicode general categories in the class (`\pL`, `\p{Lu}`).
  var categories: Set<Unicode.GeneralCategory> = []
  /// Each set adds every scalar whose category is not in it (`\PL` in brackets).
  var excludedCategories: [Set<Unicode.GeneralCategory>] = []
  /// `[^...]`: the complement.
  var negated = false
  /// `(?i)`: ranges are folded as they are added, and categories are probed
  /// over a scalar's whole case-fold orbit. Set before adding members.
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

  /// Adds the group `pairs` (`[(lo, hi)]`, in any order, possibly
  /// overlapping) — folded first under ``foldCase`` — or, when
  /// `complement`, the complement over all scalars of the folded group, as
  /// Go's `appendGroup` and `parseUnicodeClass` do (`(?i)\W` excludes `K`
  /// U+212A and `ſ`, whose orbits meet `\w`).
  mutating func add(_ pairs: [(UInt32, UInt32)], complement: Bool) {
    var group = Self.merged(pairs.map { $0.0...$0.1 })
    if foldCase {
      group = Self.merged(group + LabelRegexCaseFold.closure(of: group).map { $0.0...$0.1 })
    }
    guard complement else {
      add(contentsOf: group.map { ($0.lowerBound, $0.upperBound) })
      return
    }
    var gaps: [(UInt32, UInt32)] = []
    var next: UInt32 = 0
    for r in group {
      if r.lowerBound > next { gaps.append((next, r.lowerBound - 1)) }
      next = r.upperBound &+ 1
    }
    if next <= 0x10FFFF { gaps.append((next, 0x10FFFF)) }
    add(contentsOf: gaps)
  }

  /// `ranges` sorted and merged (overlapping or adjacent ranges joined).
  static func merged(_ ranges: [ClosedRange<UInt32>]) -> [ClosedRange<UInt32>] {
    var out: [ClosedRange<UInt32>] = []
    out.reserveCapacity(ranges.count)
    for r in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
      if let last = out.last, r.lowerBound <= last.upperBound &+ 1 {
        out[out.count - 1] = last.lowerBound...max(last.upperBound, r.upperBound)
      } else {
        out.append(r)
      }
    }
    return out
  }

  /// Whether `c` is in the class.
  func contains(_ c: Unicode.Scalar) -> Bool {
    var hit = inRanges(c.value)
    if !hit && !(categories.isEmpty && excludedCategories.isEmpty) {
      hit = foldCase ? inFoldedCategories(c.value) : inCategories(c.properties.generalCategory)
    }
    return hit != negated
  }

  /// Whether `v` lies in one of `ranges` (binary search).
  private func inRanges(_ v: UInt32) -> Bool {
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
    return low < ranges.count && ranges[low].contains(v)
  }

  /// Whether a scalar of `category` is a category member (no folding).
  private func inCategories(_ category: Unicode.GeneralCategory) -> Bool {
    categories.contains(category) || excludedCategories.contains { !$0.contains(category) }
  }

  /// Whether `v` is a category member under `(?i)`: RE2 adds to `\p{Lu}` the
  /// orbits of its members (Go's `unicode.FoldCategory`), so `v` is in it when
  /// any member of its orbit has the category, and in `\P{Lu}` when none has.
  private func inFoldedCategories(_ v: UInt32) -> Bool {
    func category(_ s: UInt32) -> Unicode.GeneralCategory { Unicode.Scalar(s)!.properties.generalCategory }
    guard LabelRegexCaseFold.folds(v) else { return inCategories(category(v)) }
    if !categories.isEmpty && LabelRegexCaseFold.anyInOrbit(v, { categories.contains(category($0)) }) {
      return true
    }
    return excludedCategories.contains { set in
      !LabelRegexCaseFold.anyInOrbit(v, { set.contains(category($0)) })
    }
  }
}
