/// The alert view (Enter in the Alerts pane): which alert, by fingerprint
/// (looked up afresh in every snapshot), and how far it is scrolled.
public struct AlertViewState: Sendable, Hashable {
  /// The alert's fingerprint.
  public var fingerprint: String
  /// The first line shown (0: the top).
  public var offset: Int = 0

  /// The view of the alert `fingerprint`, scrolled to the top.
  public init(fingerprint: String) { self.fingerprint = fingerprint }
}
