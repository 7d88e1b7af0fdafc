/// Where a click on a header banner leads (``HeaderPane/targets(snapshot:state:width:)``,
/// ``MouseUpdate``): each banner is clickable where it has somewhere to go.
public enum HeaderTarget: String, Sendable, Hashable, CaseIterable {
  /// The unhandled pages of the attention segment: the Alerts pane.
  case alerts
  /// The unacknowledged incidents of the attention segment: the Incidents pane.
  case incidents
  /// The routing segment (targets drifted, failing or out of date): the
  /// routing status, target by target.
  case routing
  /// The notification delivery segment (dead letters, retries): the messages view.
  case delivery
}
