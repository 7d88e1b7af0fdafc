import Synchronization

/// Takes, renews and releases the controller lease of one process, on the
/// injected clock: the holder renews every ``ControllerLeaseSettings/heartbeatMs``,
/// a standby tries to take the lease as often.
///
/// The process acts (``isActing``) only while it holds a lease whose
/// ``ControllerLease/expiresAt`` is still ahead by the clock: a renewal that
/// fails for a storage error keeps it acting until that expiry at most, and a
/// renewal the store refuses (``ControllerLeaseStore/renewControllerLease(_:ttlMs:)``
/// answering `nil`: expired, taken over) stops it at once.
///
/// Two threads may drive it: the controller's loop (``step()``, between two
/// turns of work) and a heartbeat of its own (``heartbeat()``), so that a turn
/// longer than the TTL (a first round reading minutes of telemetry through a
/// thousand rules) does not lose the lease by outlasting it. Store calls are
/// made one at a time (a lock is held across each step and the release), so
/// a renewal never races an acquisition or a release.
public final class ControllerLeaseKeeper: Sendable {
  /// What one ``step()`` did.
  public enum Step: Sendable, Hashable {
    /// The lease was taken (from nobody, a released or an expired holder).
    case acquired(ControllerLease)
    /// The held lease was renewed.
    case renewed(ControllerLease)
    /// Nothing was due: holding, the next heartbeat not yet due.
    case holding(ControllerLease)
    /// The held lease is lost (the store refused the renewal): stop acting.
    case lost(ControllerLease)
    /// Waiting: another holder's lease is in force (the row as last read, if any).
    case standby(ControllerLease?)
    /// The store failed; the message says how (acting continues only until the lease's expiry).
    case failed(String)
  }

  /// The store holding the lease.
  public let store: any ControllerLeaseStore
  /// This process.
  public let holder: ControllerLeaseHolder
  /// The time source (the store's clock).
  public let clock: any FlightDeckClock
  /// TTL and heartbeat.
  public let settings: ControllerLeaseSettings

  private struct State {
    var lease: ControllerLease?
    var lastAttempt: Timestamp?
    var lastSeen: ControllerLease?
  }

  private let state = Mutex(State())
  /// Held across each step's store call and the release: one at a time.
  private let stepping = Mutex(())

  /// A keeper for `holder` on `store`; nothing happens until ``step()``.
  public init(
    store: any ControllerLeaseStore, holder: ControllerLeaseHolder, clock: any FlightDeckClock,
    settings: ControllerLeaseSettings = .standard
  ) {
    self.store = store
    self.holder = holder
    self.clock = clock
    self.settings = settings
  }

  /// The lease this process holds, if any (it may have expired since; see ``isActing``).
  public var lease: ControllerLease? { state.withLock { $0.lease } }

  /// Whether this process may act now: it holds a lease that has not expired by the clock.
  public var isActing: Bool {
    let now = clock.now()
    return state.withLock { $0.lease?.isHeld(at: now) ?? false }
  }

  /// Renews the lease when a heartbeat is due, or (a standby) tries to take
  /// it when an attempt is due; otherwise does nothing.
  /// - Returns: what happened.
  public func step() -> Step {
    stepping.withLock { _ in advance(mayAcquire: true) }
  }

  /// The heartbeat alone: renews the lease when it is held and a heartbeat is
  /// due, and never takes it (taking it, and making the work afresh, is the
  /// loop's ``step()``). Safe to call from a thread of its own while the
  /// loop's work runs (``ControllerLoop``'s turn can outlast the TTL).
  /// - Returns: what happened, or `nil` when this process holds no lease
  ///   (a standby, or the lease already lost).
  public func heartbeat() -> Step? {
    stepping.withLock { _ in
      guard state.withLock({ $0.lease }) != nil else { return nil }
      return advance(mayAcquire: false)
    }
  }

  /// One step, under `stepping`: renew when holding and due; take the lease
  /// when not holding, due and `mayAcquire`.
  private func advance(mayAcquire: Bool) -> Step {
    let now = clock.now()
    let (due, held): (Bool, ControllerLease?) = state.withLock { s in
      let attemptDue =
        s.lastAttempt.map { now.millisecondsSinceEpoch - $0.millisecondsSinceEpoch >= settings.heartbeatMs }
        ?? true
      let due = attemptDue && (mayAcquire || s.lease != nil)
      if due { s.lastAttempt = now }
      return (due, s.lease)
    }
    guard due else {
      if let held { return .holding(held) }
      return .standby(state.withLock { $0.lastSeen })
    }
    do {
      if let held {
        guard let renewed = try store.renewControllerLease(held, ttlMs: settings.ttlMs) else {
          state.withLock { $0.lease = nil }
          return .lost(held)
        }
        state.withLock { $0.lease = renewed }
        return .renewed(renewed)
      }
      if let taken = try store.acquireControllerLease(for: holder, ttlMs: settings.ttlMs) {
        state.withLock {
          $0.lease = taken
          $0.lastSeen = taken
        }
        return .acquired(taken)
      }
      let seen = try store.controllerLease()
      state.withLock { $0.lastSeen = seen }
      return .standby(seen)
    } catch {
      return .failed((error as? RegistryError)?.message ?? "\(error)")
    }
  }

  /// Releases the lease if held (a graceful stop); this process stops acting.
  /// - Throws: ``RegistryError`` when the store cannot be written (the lease then lapses at its expiry).
  public func release() throws {
    try stepping.withLock { _ in
      let held = state.withLock { s in
        defer { s.lease = nil }
        return s.lease
      }
      if let held { try store.releaseControllerLease(held) }
    }
  }
}
