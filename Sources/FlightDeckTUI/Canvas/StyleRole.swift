/// The semantic role of a cell, which a ``Theme`` turns into colours.
///
/// Widgets say *what* a cell is (a border, a canary figure, a critical
/// value), never which colour it has; the theme decides. Roles also carry
/// meaning without colour: the monochrome theme and `NO_COLOR` map them to
/// bold, reverse or underline so states stay distinguishable.
public enum StyleRole: String, Sendable, Hashable, CaseIterable {
  case text
  case dim
  case border
  case borderFocus
  case title
  case selection
  case ok
  case warn
  case critical
  case stable
  case canary
  case shadow
  case series0
  case series1
  case series2
  case series3
  case series4
  case series5
  case header
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
