import FlightDeckCore
import FlightDeckNetwork
import Synchronization

/// What `serve` says about its lease: log lines when its role changes, and
/// the readiness probe's answer (ready = holding the lease, store reachable).
final class ServeStatusBoard: Sendable {
  private struct State {
    var acting = false
    var storeProblem: String?
    var lease: ControllerLease?
    /// The last standby line logged (what the lease looked like).
    var lastStandbyHolder: String?
  }

  private let holder: ControllerLeaseHolder
  private let state = Mutex(State())

  init(holder: ControllerLeaseHolder) { self.holder = holder }

  /// Records `turn`, returning the lines to log.
  func record(_ turn: ControllerLoop.Turn, now: Timestamp) -> [String] {
    var lines: [String] = []
    state.withLock { s in
      switch turn.lease {
      case .acquired(let lease):
        s.acting = true
        s.lease = lease
        s.storeProblem = nil
        s.lastStandbyHolder = nil
        lines.append(
          "flightdeck serve: holding the controller lease (epoch \(lease.epoch)) as \(lease.holder.displayName)"
        )
      case .renewed(let lease), .holding(let lease):
        s.acting = true
        s.lease = lease
        if case .renewed = turn.lease { s.storeProblem = nil }
      case .lost(let lease):
        s.acting = false
        s.lease = nil
        lines.append(
          "flightdeck serve: lost the controller lease (epoch \(lease.epoch)): stopped acting; standby")
      case .standby(let seen):
        s.acting = false
        s.storeProblem = nil
        let who: String
        if let seen, seen.releasedAt == nil {
          who =
            seen.isHeld(at: now)
            ? "\(seen.holder.displayName) holds the lease (epoch \(seen.epoch))"
            : "the lease of \(seen.holder.displayName) (epoch \(seen.epoch)) expired; taking it at the next attempt"
        } else {
          who = "nobody holds the lease"
        }
        if who != s.lastStandbyHolder {
          s.lastStandbyHolder = who
          lines.append("flightdeck serve: standby: \(who)")
        }
      case .failed(let message):
        s.storeProblem = message
        lines.append("flightdeck serve: the store failed: \(message)")
      }
      if !turn.acted && s.acting && s.lease.map({ !$0.isHeld(at: now) }) == true { s.acting = false }
    }
    return lines + turn.lines.map { "flightdeck serve: \($0)" }
  }

  /// Whether this process acts as the lease holder at `now`.
  func holdsLease(now: Timestamp) -> Bool {
    state.withLock { s in s.acting && s.lease?.isHeld(at: now) == true }
  }

  /// The readiness probe's answer at `now`.
  func probe(now: Timestamp) -> ControllerProbe {
    state.withLock { s in
      if let problem = s.storeProblem {
        return ControllerProbe(ready: false, detail: "not ready: the store failed: \(problem)")
      }
      guard s.acting, let lease = s.lease, lease.isHeld(at: now) else {
        return ControllerProbe(
          ready: false,
          detail: "not ready: standby (\(s.lastStandbyHolder ?? "the lease not read yet"))")
      }
      return ControllerProbe(
        ready: true, detail: "ready: holding the controller lease (epoch \(lease.epoch)); store reachable")
    }
  }
}
