/// One kind of work the controller (`flightdeck serve`) does while it holds
/// the lease: driving rollouts, evaluating alerts, sending notifications.
///
/// ``ControllerLoop`` calls ``runIfDue(fence:)`` often (every loop turn) and only
/// while the process holds the lease; the work paces itself on the injected
/// clock and returns at once when nothing is due. Work is made when the lease
/// is taken and dropped when it is lost or released, so a standby holds no
/// state that could act.
public protocol ControllerWork: AnyObject {
  /// A short name for logs (`rollouts`, `alerts`, `notifications`).
  var workName: String { get }

  /// Does what is due now, if anything.
  /// - Returns: one line per thing done or failed, for the log (empty when nothing was due).
  func runIfDue() -> [String]

  /// Does what is due now, checking `fence` before each write of a long run
  /// (and stopping, writing nothing more, once it no longer holds). The
  /// default runs ``runIfDue()``: a work whose run is one short write needs
  /// no more than the loop's own check before it.
  /// - Returns: one line per thing done or failed, for the log (empty when nothing was due).
  func runIfDue(fence: ControllerFence) -> [String]

  /// A graceful stop (SIGTERM), on the loop's thread, before the lease is
  /// released: finish what is in flight and give back what the work holds
  /// in the store (the notification sender's outbox claims), so the next
  /// holder takes it over at once. May block briefly; never throws.
  func stop()
}

extension ControllerWork {
  /// Runs ``runIfDue()`` (the loop checked the fence just before).
  public func runIfDue(fence: ControllerFence) -> [String] { runIfDue() }

  /// Holds nothing to give back: does nothing.
  public func stop() {}
}
