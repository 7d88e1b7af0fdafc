import FlightDeckCore

/// The header's identity segment: who acts through this dashboard and how
/// the name is vouched for.
///
/// Three widths, the widest that fits chosen by ``HeaderPane/segments(snapshot:width:identity:)``:
///
/// | identified by      | full                                      | medium           | short    |
/// |--------------------|-------------------------------------------|------------------|----------|
/// | database role      | `alice (database role)`                   | `alice (db role)`| `alice`  |
/// | `$FLIGHTDECK_USER` | `alice (unauthenticated: FLIGHTDECK_USER)`| `alice (unauth.)`| `alice?` |
/// | OS user            | `alice (unauthenticated: OS user)`        | `alice (unauth.)`| `alice?` |
/// | asserted           | `alice (unauthenticated: asserted)`       | `alice (unauth.)`| `alice?` |
///
/// An unauthenticated name is underlined in the header band: marked, in
/// colour and in monochrome, without the reverse video kept for what needs
/// attention. The name comes from outside (an environment variable, the
/// passwd file, the database): it is sanitised (``Sanitizer/sanitize(_:)``)
/// and cut to ``nameWidth`` columns with `…`. The help overlay (`?`) spells
/// the full wording out (``HeaderPane/identityDescription(name:identification:)``).
extension HeaderPane {
  /// How wide the identity segment is drawn.
  public enum IdentityForm: Sendable, CaseIterable {
    /// `alice (unauthenticated: FLIGHTDECK_USER)`.
    case full
    /// `alice (unauth.)`.
    case medium
    /// `alice?`.
    case short
  }

  /// Widest the operator's name is drawn in the header, in columns.
  public static let nameWidth = 16

  /// The operator's name as the header draws it: sanitised, cut to
  /// ``nameWidth`` columns with `…`.
  public static func displayName(_ name: String) -> String {
    TextClip.clip(Sanitizer.sanitize(name), maxWidth: nameWidth, ellipsis: "…")
  }

  /// The identity segment's text (already sanitised: drawn with
  /// `put(sanitized:)`) in `form`; see the type's table.
  public static func identityText(name: String, identification: ActorIdentification, form: IdentityForm)
    -> String
  {
    let shown = displayName(name)
    let vouched = identification == .databaseRole || identification == .system
    switch form {
    case .full: return "\(shown) (\(identification.label))"
    case .medium:
      return vouched ? "\(shown) (\(identification == .system ? "system" : "db role"))" : "\(shown) (unauth.)"
    case .short: return vouched ? shown : shown + "?"
    }
  }

  /// The identity segment in `form`, with its style (underlined when the
  /// name is only claimed); `nil` without a known operator.
  public static func identitySegment(state: AppState, form: IdentityForm) -> Segment? {
    guard let name = state.operatorName, let how = state.operatorIdentification else { return nil }
    let style = how.isUnauthenticated ? CellStyle(.header, underline: true) : CellStyle(.header)
    return (identityText(name: name, identification: how, form: form), style)
  }

  /// The help overlay's identity line (already sanitised): `acting as
  /// alice (unauthenticated: FLIGHTDECK_USER), a name nobody verified`, or
  /// `acting as alice (database role)`.
  public static func identityDescription(name: String, identification: ActorIdentification) -> String {
    let head = "acting as \(identityText(name: name, identification: identification, form: .full))"
    return identification.isUnauthenticated ? head + ", a name nobody verified" : head
  }

  /// ``identityDescription(name:identification:)`` for `state`'s operator; `nil` when unknown.
  public static func identityDescription(state: AppState) -> String? {
    guard let name = state.operatorName, let how = state.operatorIdentification else { return nil }
    return identityDescription(name: name, identification: how)
  }
}
