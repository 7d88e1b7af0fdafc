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
  // Gradient steps (``Theme/gradientSteps`` each), low to high, pre-expanded
  // from the theme's `latency_start/_mid/_end` and `cost_start/_mid/_end`.
  case latency0
  case latency1
  case latency2
  case latency3
  case latency4
  case cost0
  case cost1
  case cost2
  case cost3
  case cost4
}
