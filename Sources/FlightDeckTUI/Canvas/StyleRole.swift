/// The semantic role of a cell, which a ``Theme`` turns into colours.
///
/// Widgets say *what* a cell is (a border, a canary figure, a critical
/// value), never which colour it has; the theme decides. Roles also carry
/// meaning without colour: the monochrome theme and `NO_COLOR` map them to
/// bold, reverse or underline so states stay distinguishable.
public enum StyleRole: String, Sendable, Hashable, CaseIterable {
  /// Ordinary text.
  case text
  /// Secondary text (labels, hints, placeholders).
  case dim
  /// A pane border without focus.
  case border
  /// The focused pane's border.
  case borderFocus
  /// Pane titles and chart titles.
  case title
  /// The selected row.
  case selection
  /// A healthy figure (e.g. error rate under 1 %).
  case ok
  /// A figure to watch (error rate 1–5 %, malformed lines, PAUSED).
  case warn
  /// A figure in trouble (error rate 5 % or more).
  case critical
  /// The stable route.
  case stable
  /// The canary route.
  case canary
  /// The shadow route.
  case shadow
  /// Chart series colour 1 (extra versions on one route).
  case series0
  /// Chart series colour 2.
  case series1
  /// Chart series colour 3.
  case series2
  /// Chart series colour 4.
  case series3
  /// Chart series colour 5.
  case series4
  /// Chart series colour 6.
  case series5
  /// The header row.
  case header
  /// Key names in the footer hints.
  case footerKey
  /// Latency gradient step 0 of 4 (fastest); colours from the theme's
  /// `latency_start/_mid/_end`, pre-expanded (``Theme/latencyGradient``).
  case latency0
  /// Latency gradient step 1 of 4.
  case latency1
  /// Latency gradient step 2 of 4 (the theme's `latency_mid`).
  case latency2
  /// Latency gradient step 3 of 4.
  case latency3
  /// Latency gradient step 4 of 4 (slowest, `latency_end`).
  case latency4
  /// Cost gradient step 0 of 4 (cheapest); colours from the theme's
  /// `cost_start/_mid/_end`, pre-expanded (``Theme/costGradient``).
  case cost0
  /// Cost gradient step 1 of 4.
  case cost1
  /// Cost gradient step 2 of 4 (the theme's `cost_mid`).
  case cost2
  /// Cost gradient step 3 of 4.
  case cost3
  /// Cost gradient step 4 of 4 (most expensive, `cost_end`).
  case cost4
}
