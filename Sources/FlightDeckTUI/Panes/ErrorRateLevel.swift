/// How alarming an error rate is, for colour *and* a text marker.
///
/// Thresholds (documented in the `KeyBindings` article and the Registry
/// pane): below 1 % is ok, below 5 % is a warning, 5 % or more is critical.
/// The marker keeps the state readable without colour (monochrome theme,
/// `NO_COLOR`): none for ok, `!` for warn, `!!` for critical.
public enum ErrorRateLevel: Sendable, Hashable {
  /// Error rate < 1 %.
  case ok
  /// 1 % ≤ error rate < 5 %.
  case warn
  /// Error rate ≥ 5 %.
  case critical

  /// The level of `rate` (a fraction 0…1).
  public init(rate: Double) {
    if rate < 0.01 {
      self = .ok
    } else if rate < 0.05 {
      self = .warn
    } else {
      self = .critical
    }
  }

  /// The style role: ``StyleRole/ok``, ``StyleRole/warn`` or ``StyleRole/critical``.
  public var role: StyleRole {
    switch self {
    case .ok: return .ok
    case .warn: return .warn
    case .critical: return .critical
    }
  }

  /// The text marker appended to the figure: `""`, `!` or `!!`.
  public var marker: String {
    switch self {
    case .ok: return ""
    case .warn: return "!"
    case .critical: return "!!"
    }
  }

  /// The width of the fixed trailing marker slot (`!!`).
  public static let markerSlot = 2

  /// `percent` followed by the marker padded to ``markerSlot`` columns
  /// (`"0.7%  "`, `"1.4%! "`, `"6.0%!!"`), so right-aligned figures line up
  /// whatever their level.
  public func figure(_ percent: String) -> String {
    percent + marker + String(repeating: " ", count: ErrorRateLevel.markerSlot - marker.count)
  }

  /// The style for the figure: the role, bold when critical.
  public var style: CellStyle { CellStyle(role, bold: self == .critical) }
}
