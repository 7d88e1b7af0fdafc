/// The check a controller's work makes before each write of a long turn:
/// whether this process still holds the lease it made the work under (the
/// fencing token's epoch, by the injected clock).
///
/// ``ControllerLoop`` checks the lease before each work of a turn; a work
/// that writes in many steps (the alert keeper's chunks of transitions,
/// ``AlertKeeper/record(_:while:)``) checks ``holds`` before each step too,
/// so a holder whose heartbeat learnt in the middle of the turn that the
/// lease was taken over (renewal refused) writes nothing more: no split brain.
public struct ControllerFence: Sendable {
  private let check: @Sendable () -> Bool

  /// A fence over `keeper`'s lease of `epoch`: holds while the keeper acts
  /// (``ControllerLeaseKeeper/isActing``) under that same epoch.
  public init(keeper: ControllerLeaseKeeper, epoch: Int64) {
    check = { keeper.isActing && keeper.lease?.epoch == epoch }
  }

  /// A fence answering `check` (tests; a work run with no lease).
  public init(_ check: @escaping @Sendable () -> Bool) {
    self.check = check
  }

  /// A fence that always holds (a work run outside a controller: a dashboard, a CLI command).
  public static let always = ControllerFence { true }

  /// Whether the work may still write.
  public var holds: Bool { check() }
}
