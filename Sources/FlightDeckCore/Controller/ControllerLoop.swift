/// The controller's loop (`flightdeck serve`): keeps the lease and, only
/// while it holds it, runs the controller's work (``ControllerWork``: rollouts,
/// alerts, and the notification sender when there is one).
///
/// Each ``turn()`` first steps the lease (``ControllerLeaseKeeper/step()``):
/// on taking the lease the work is made afresh by ``makeWork`` (so it starts
/// from the store's state, as the dead holder left it); on losing it the work
/// is dropped at once. Then each work runs if it is due, checking before each
/// one that the lease is still in force by the clock. A standby does nothing
/// but try the lease.
///
/// Single-threaded: one thread (the command's) calls ``turn()``; the work
/// need not be `Sendable`. Time comes from the injected clock only.
public final class ControllerLoop {
  /// What one ``turn()`` did.
  public struct Turn: Sendable, Hashable {
    /// The lease step.
    public var lease: ControllerLeaseKeeper.Step
    /// Whether the work ran (the process held the lease).
    public var acted: Bool
    /// The lines the work returned, each prefixed with its ``ControllerWork/workName``.
    public var lines: [String]
  }

  /// The lease.
  public let keeper: ControllerLeaseKeeper
  /// Makes the work when the lease is taken.
  public let makeWork: () -> [any ControllerWork]
  private var work: [any ControllerWork] = []

  /// A loop keeping `keeper`'s lease and running the work `makeWork` makes.
  public init(keeper: ControllerLeaseKeeper, makeWork: @escaping () -> [any ControllerWork]) {
    self.keeper = keeper
    self.makeWork = makeWork
  }

  /// The names of the work running now (empty on a standby).
  public var runningWork: [String] { work.map(\.workName) }

  /// Steps the lease, then runs the due work while the lease is in force.
  /// - Returns: what was done.
  public func turn() -> Turn {
    let step = keeper.step()
    switch step {
    case .acquired: work = makeWork()
    case .lost, .standby: work = []
    case .renewed, .holding, .failed: break
    }
    var turn = Turn(lease: step, acted: false, lines: [])
    for item in work {
      // Fenced: a lease that expired by the clock (renewals failing) stops the work.
      guard keeper.isActing else { break }
      turn.acted = true
      turn.lines += item.runIfDue().map { "\(item.workName): \($0)" }
    }
    return turn
  }

  /// Stops the work (``ControllerWork/stop()``: it gives back what it
  /// holds), drops it and releases the lease (a graceful stop, after the
  /// in-flight work of the last ``turn()`` has finished: it runs on the same thread).
  /// - Throws: ``RegistryError`` when the release cannot be written (the lease lapses at its expiry).
  public func shutdown() throws {
    for item in work { item.stop() }
    work = []
    try keeper.release()
  }
}
