import FlightDeckCore

/// The header's controller segment: who drives alerts and rollouts.
///
/// | lease as last read             | full                                              | compact           |
/// |--------------------------------|---------------------------------------------------|-------------------|
/// | held by host-a                 | `controller host-a, heartbeat 2 s ago`            | `ctl host-a 2s`   |
/// | expired, not released (stale)  | `controller host-a, heartbeat 12 s ago (stale): this dashboard drives` | `ctl host-a stale` |
/// | released, or none ever         | `no controller: this dashboard drives`            | `no controller`   |
///
/// The age is the read time minus the last heartbeat, in whole seconds
/// (the lease is read every second). A stale lease is drawn in warn reverse
/// video. The host name comes from the store: sanitised (``Sanitizer/sanitize(_:)``)
/// and cut to ``HeaderPane/nameWidth`` columns.
extension HeaderPane {
  /// The controller segment's text, or `nil` before the lease was read (no workspace).
  public static func controllerText(state: AppState, compact: Bool) -> String? {
    guard state.controllerKnown, let readAt = state.controllerReadAt else { return nil }
    guard let lease = state.controllerLease, lease.releasedAt == nil else {
      return compact ? "no controller" : "no controller: this dashboard drives"
    }
    let host = displayName(lease.holder.host)
    let seconds = lease.heartbeatAgeMs(at: readAt) / 1000
    if lease.isHeld(at: readAt) {
      return compact ? "ctl \(host) \(seconds)s" : "controller \(host), heartbeat \(seconds) s ago"
    }
    return compact
      ? "ctl \(host) stale" : "controller \(host), heartbeat \(seconds) s ago (stale): this dashboard drives"
  }

  /// The controller segment with its style (warn reverse video when stale), or `nil` before the lease was read.
  public static func controllerSegment(state: AppState, compact: Bool) -> Segment? {
    guard let text = controllerText(state: state, compact: compact) else { return nil }
    let stale =
      state.controllerLease.map { $0.releasedAt == nil && !state.controllerDrives } ?? false
    return (text, stale ? CellStyle(.warn, bold: true, reverse: true) : CellStyle(.header))
  }
}
