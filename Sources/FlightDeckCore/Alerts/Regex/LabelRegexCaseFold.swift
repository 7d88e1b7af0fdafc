/// Case folding for `(?i)`, as Go's `regexp/syntax` (RE2 syntax in
/// Prometheus and Alertmanager) does it: two scalars match each other when
/// they lie in the same orbit of Go's `unicode.SimpleFold`, the classes of
/// scalars whose simple case foldings (CaseFolding.txt, status C or S) are
/// equal.
///
/// Most orbits are a pair (`a`/`A`, `é`/`É`); some are longer — `k`, `K`
/// and the Kelvin sign U+212A; `s`, `S` and `ſ` U+017F; `µ` U+00B5, `Μ`,
/// `μ`; `ß` and `ẞ` U+1E9E; `Ǆ`, `ǅ`, `ǆ`; `ω`, `Ω`, `Ω` U+2126; `ι`, `Ι`,
/// U+0345 and U+1FBE — and scalars without a simple folding are alone:
/// dotless `ı` U+0131 and `İ` U+0130 match only themselves, so `(?i)i`
/// matches `i` and `I` only (no Turkic folding, no full folding: `(?i)ß`
/// does not match `ss`). The orbits are generated from the Unicode
/// Character Database (``orbitNext``, by `Tests/Tools/make-case-fold-table.pl`).
///
/// A class under `(?i)` is the union of the orbits of its members, folded
/// before it is negated (`(?i)[^k]` excludes `k`, `K` and U+212A).
enum LabelRegexCaseFold {
  /// Number of scalars in ``orbitNext``.
  private static let entries = orbitNext.count / 2

  /// The next member of the orbit of `c` (Go's `unicode.SimpleFold`): the
  /// smallest member larger than `c`, or the smallest of all after the
  /// largest; `c` itself when its orbit has no other member.
  static func next(_ c: UInt32) -> UInt32 {
    let i = index(c)
    return i < entries && orbitNext[2 * i] == c ? orbitNext[2 * i + 1] : c
  }

  /// Position in ``orbitNext`` of the first scalar not below `c` (binary search).
  private static func index(_ c: UInt32) -> Int {
    var low = 0
    var high = entries
    while low < high {
      let mid = (low + high) / 2
      if orbitNext[2 * mid] < c {
        low = mid + 1
      } else {
        high = mid
      }
    }
    return low
  }

  /// The smallest member of the orbit of `c` (Go's `minFoldRune`): two
  /// scalars fold together exactly when their minima are equal. ASCII is
  /// answered without a lookup (the orbit of an ASCII letter has its
  /// uppercase letter as minimum: `k` → `K`, `s` → `S`).
  static func minimum(_ c: UInt32) -> UInt32 {
    if c < 0x80 { return c >= 0x61 && c <= 0x7A ? c - 0x20 : c }
    var least = c
    var f = next(c)
    while f != c {
      least = min(least, f)
      f = next(f)
    }
    return least
  }

  /// Whether the orbit of `c` has a member other than `c`.
  static func folds(_ c: UInt32) -> Bool { next(c) != c }

  /// Calls `body` with every member of the orbit of `c`, `c` first; stops
  /// early when `body` returns true, and returns whether it did.
  static func anyInOrbit(_ c: UInt32, _ body: (UInt32) -> Bool) -> Bool {
    if body(c) { return true }
    var f = next(c)
    while f != c {
      if body(f) { return true }
      f = next(f)
    }
    return false
  }

  /// `ranges` (sorted, disjoint) with the orbits of all their members
  /// added: the closure RE2 builds for a class under `(?i)` (Go's
  /// `appendFoldedRange`), as extra single-scalar ranges, unsorted. Each
  /// scalar of ``orbitNext`` is visited at most once per disjoint range
  /// that holds it, so the cost is O(ranges × log + orbit scalars in them).
  static func closure(of ranges: [ClosedRange<UInt32>]) -> [(UInt32, UInt32)] {
    var added: [(UInt32, UInt32)] = []
    for r in ranges {
      var i = index(r.lowerBound)
      while i < entries && orbitNext[2 * i] <= r.upperBound {
        let c = orbitNext[2 * i]
        var f = orbitNext[2 * i + 1]
        while f != c {
          if !r.contains(f) { added.append((f, f)) }
          f = next(f)
        }
        i += 1
      }
    }
    return added
  }
}
