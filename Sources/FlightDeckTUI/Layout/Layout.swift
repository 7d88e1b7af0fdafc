/// Splits a rectangle into parts by ``Constraint``s (ratatui's `Layout`,
/// simplified: a fixed priority order instead of the cassowary solver).
public enum Layout {
  /// Splits `rect` along `direction`.
  ///
  /// Algorithm, on `space = total − spacing × (n − 1)` (≥ 0):
  /// 1. Wanted sizes: `length(n)` and `min(n)` = n; `max(n)` = n;
  ///    `percentage(p)` = ⌊space·p/100⌋; `ratio(a, b)` = ⌊space·a/b⌋;
  ///    `fill` = 0. Negative values count as 0.
  /// 2. Too much: shrink by lowest priority first — ratio, percentage,
  ///    length, max, min — each group from its last segment backwards.
  /// 3. Leftover: goes to `fill` segments in proportion to their weights
  ///    (largest remainder method; ties to the earlier segment); without a
  ///    positive fill weight, shared equally by `min` segments; without
  ///    those, to the last segment (ratatui's legacy flex).
  ///
  /// - Returns: one rectangle per constraint, in order, whose sizes plus the
  ///   spacing sum exactly to the rect's extent (when it has room for the
  ///   spacing); never negative. Empty `constraints` gives `[]`.
  public static func split(
    _ rect: Rect, direction: Direction, constraints: [Constraint], spacing: Int = 0
  ) -> [Rect] {
    let n = constraints.count
    guard n > 0 else { return [] }
    let total = direction == .horizontal ? rect.width : rect.height
    let gap = Swift.max(0, spacing)
    let space = Swift.max(0, total - gap * (n - 1))
    let sizes = sizes(for: constraints, space: space)
    var rects: [Rect] = []
    var offset = 0
    for (i, size) in sizes.enumerated() {
      let start = Swift.min(offset, total)
      let length = Swift.min(size, total - start)
      switch direction {
      case .horizontal:
        rects.append(Rect(x: rect.x + start, y: rect.y, width: length, height: rect.height))
      case .vertical:
        rects.append(Rect(x: rect.x, y: rect.y + start, width: rect.width, height: length))
      }
      offset += size + (i < n - 1 ? gap : 0)
    }
    return rects
  }

  /// The sizes of the split of `space` cells; they sum to `space`.
  static func sizes(for constraints: [Constraint], space: Int) -> [Int] {
    var sizes = constraints.map { c -> Int in
      switch c {
      case .length(let v), .min(let v), .max(let v): return Swift.max(0, v)
      case .percentage(let p): return Swift.max(0, space * Swift.max(0, p) / 100)
      case .ratio(let a, let b): return b <= 0 ? 0 : Swift.max(0, space * Swift.max(0, a) / b)
      case .fill: return 0
      }
    }
    var excess = sizes.reduce(0, +) - space
    if excess > 0 {
      let order: [(Constraint) -> Bool] = [
        { if case .ratio = $0 { true } else { false } },
        { if case .percentage = $0 { true } else { false } },
        { if case .length = $0 { true } else { false } },
        { if case .max = $0 { true } else { false } },
        { if case .min = $0 { true } else { false } },
      ]
      for belongs in order where excess > 0 {
        for i in constraints.indices.reversed() where excess > 0 && belongs(constraints[i]) {
          let cut = Swift.min(sizes[i], excess)
          sizes[i] -= cut
          excess -= cut
        }
      }
      return sizes
    }
    var leftover = -excess
    guard leftover > 0 else { return sizes }
    let weights = constraints.map { c -> Int in
      if case .fill(let w) = c { return Swift.max(0, w) }
      return 0
    }
    if weights.reduce(0, +) > 0 {
      let shares = largestRemainder(total: leftover, weights: weights)
      for i in sizes.indices { sizes[i] += shares[i] }
      return sizes
    }
    let mins = constraints.indices.filter { if case .min = constraints[$0] { true } else { false } }
    if !mins.isEmpty {
      let shares = largestRemainder(total: leftover, weights: mins.map { _ in 1 })
      for (k, i) in mins.enumerated() { sizes[i] += shares[k] }
      return sizes
    }
    sizes[sizes.count - 1] += leftover
    leftover = 0
    return sizes
  }

  /// Splits `total` into integer parts proportional to `weights` (largest
  /// remainder / Hamilton method; ties go to the earlier index).
  ///
  /// - Returns: parts that sum exactly to `total` when any weight is
  ///   positive; all zeros otherwise. Negative weights count as 0.
  public static func largestRemainder(total: Int, weights: [Int]) -> [Int] {
    let w = weights.map { Swift.max(0, $0) }
    let sum = w.reduce(0, +)
    guard sum > 0, total > 0 else { return w.map { _ in 0 } }
    var parts = w.map { total * $0 / sum }
    let remainders = w.map { total * $0 % sum }
    var left = total - parts.reduce(0, +)
    let order = w.indices.sorted {
      remainders[$0] != remainders[$1] ? remainders[$0] > remainders[$1] : $0 < $1
    }
    for i in order where left > 0 {
      parts[i] += 1
      left -= 1
    }
    return parts
  }
}
