/// The controller's loop (`flightdeck serve`): keeps the lease and, only
/// while it holds it, runs the controller's work (``ControllerWork``: rollouts,
/// alerts, and the notification sender when there is one).
///
/// Each ``turn()`` first steps the lease (``ControllerLeaseKeeper/step()``):
/// on taking the lease the work is made afresh by ``makeWork`` (so it starts
/// from the store's state, as the dead holder left it); on losing it the work
/// is dropped at once. Then each work runs if it is due, checking before each
/// one that the lease is still in force by the clock, and given a
/// ``ControllerFence`` to check before each write of a long run. A standby
/// does nothing but try the lease.
///
/// A turn may outlast the lease's TTL (the first alert round over minutes of
/// telemetry and a thousand rules): the lease is then renewed meanwhile by a
/// heartbeat on another thread (``ControllerLeaseKeeper/heartbeat()``, which
/// `serve` runs beside the loop). A heartbeat that learns the lease was lost
/// (another holder took it) stops the work at its next fence check, and the
/// next turn drops the work and reports the loss (``Turn/lease`` `.lost`).
///
/// One thread (the command's) calls ``turn()``; the work need not be
/// `Sendable`. Time comes from the injected clock only.
public final class ControllerLoop {
  /// What one ``turn()`` did.
  public struct Turn: Sendable, Hashable {
    /// The lease step.
    public var lease: ControllerLeaseKeeper.Step
    /// Whether the work ran (the process held the lease).
    public var acted: Bool
    /// The lines the work returned, each prefixed with its ``ControllerWork/workName``.
    public var lines: [String]

    /// A turn record with every field given.
    public init(lease: ControllerLeaseKeeper.Step, acted: Bool, lines: [String]) {
      self.lease = lease
      self.acted = acted
      self.lines = lines
    }
  }

  /// The lease.
  public let keeper: ControllerLeaseKeeper
  /// Makes the work when the lease is taken.
  public let makeWork: () -> [any ControllerWork]
  private var work: [any ControllerWork] = []
  /// The lease the work was made under (`nil` with no work).
  private var workLease: ControllerLease?

  /// A loop keeping `keeper`'s lease and running the work `makeWork` makes.
  public init(keeper: ControllerLeaseKeeper, makeWork: @escaping () -> [any ControllerWork]) {
    self.keeper = keeper
    self.makeWork = makeWork
  }

  /// The names of the work running now (empty on a standby).
  public var runningWork: [String] { work.map(\.workName) }

  /// Steps the lease, then runs the due work while the lease is in force.
  /// - Returns: what was done; `lease` is `.lost` also when the heartbeat
  ///   (on its own thread) lost the lease since the last turn.
  public func turn() -> Turn {
    var step = keeper.step()
    switch step {
    case .acquired(let lease):
      work = makeWork()
      workLease = lease
    case .lost, .standby:
      if case .standby = step, let lost = workLease {
        // The heartbeat learnt it (renewal refused) during or after the last turn.
        step = .lost(lost)
      }
      work = []
      workLease = nil
    case .renewed, .holding, .failed:
      if let made = workLease, keeper.lease?.epoch != made.epoch {
        // Lost by the heartbeat and not taken again by this step (a store failure).
        work = []
        workLease = nil
      }
    }
    var turn = Turn(lease: step, acted: false, lines: [])
    guard let lease = workLease else { return turn }
    let fence = ControllerFence(keeper: keeper, epoch: lease.epoch)
    for item in work {
      // Fenced: a lease that expired by the clock (renewals failing) stops the work.
      guard fence.holds else { break }
      turn.acted = true
      turn.lines += item.runIfDue(fence: fence).map { "\(item.workName): \($0)" }
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
    workLease = nil
    try keeper.release()
  }
}
