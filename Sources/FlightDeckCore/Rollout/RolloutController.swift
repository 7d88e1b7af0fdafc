import Synchronization

/// Drives every unfinished rollout of one store, the loop Argo Rollouts'
/// controller runs: each round lists the artefacts with a rollout and steps a
/// ``RolloutDriver`` for each (a tick, and a judged measurement when one
/// falls due).
///
/// Rounds are paced on the injected clock: ``roundIfDue()`` runs a round
/// when ``intervalMs`` has passed since the last one began (or when there
/// was none) and otherwise does nothing, so whoever owns the thread — a
/// dashboard, `flightdeck rollout drive`, the controller — only calls it
/// often, and a test advances a ``TestClock`` instead of sleeping.
///
/// Every change goes through the store as ``actor`` (by default the rollout
/// controller, `system:rollout-controller`, ``SystemActor``), one audited
/// transaction per step, so two controllers stepping the same rollout at once
/// do not step it twice: the store's rollout state machine decides what is
/// due, and a second tick in the same instant finds nothing to do. A failure
/// of one artefact (the store refusing, the samples unreadable) is reported
/// in the round's ``Round/problems`` and never stops the others.
public final class RolloutController: Sendable {
  /// What one round did.
  public struct Round: Sendable, Hashable {
    /// When the round began (the clock's time).
    public var at: Timestamp
    /// Each artefact with a rollout and what its step did, in name order.
    public var steps: [Stepped]
    /// One line per artefact whose step failed (`artefact: reason`), or one
    /// line when the store's snapshot could not be read.
    public var problems: [String]
  }

  /// One artefact's step in a round.
  public struct Stepped: Sendable, Hashable {
    /// The artefact.
    public var artefact: String
    /// What its driver's step did.
    public var step: RolloutDriver.Step
  }

  /// The store the rollouts live in.
  public let store: any RegistryStore
  /// The time source that paces rounds (the store's clock).
  public let clock: any FlightDeckClock
  /// The time between the starts of two rounds, ms (at least 1).
  public let intervalMs: Int64
  /// Who the audit log names for each step.
  public let actor: OperatorIdentity
  /// The judge's configuration for every measurement.
  public let judge: JudgeConfiguration
  /// Where each measurement's samples come from (see ``RolloutDriver/SampleProvider``).
  public let samples: RolloutDriver.SampleProvider
  private let lastRound = Mutex<Timestamp?>(nil)

  /// Creates a controller; nothing runs until ``roundIfDue()`` or ``round()``.
  /// - Parameters:
  ///   - store: The store whose rollouts to drive.
  ///   - clock: Paces the rounds; use the store's clock.
  ///   - intervalMs: The time between rounds, ms (default 2 000, as the
  ///     dashboard's autopilot did; values below 1 count as 1).
  ///   - actor: Who the audit log names (default `system:rollout-controller`).
  ///   - judge: The judge's configuration (default ``JudgeConfiguration/standard``).
  ///   - samples: The samples of an artefact over the analysis window ending now.
  public init(
    store: any RegistryStore, clock: any FlightDeckClock, intervalMs: Int64 = 2_000,
    actor: OperatorIdentity = .system(.rolloutController), judge: JudgeConfiguration = .standard,
    samples: @escaping RolloutDriver.SampleProvider
  ) {
    self.store = store
    self.clock = clock
    self.intervalMs = max(1, intervalMs)
    self.actor = actor
    self.judge = judge
    self.samples = samples
  }

  /// Runs a round if ``intervalMs`` has passed since the last round began,
  /// or if there was none; otherwise returns `nil` at once.
  /// - Returns: The round, or `nil` when none was due.
  public func roundIfDue() -> Round? {
    let now = clock.now()
    let due = lastRound.withLock { last in
      guard let previous = last, now.millisecondsSinceEpoch - previous.millisecondsSinceEpoch < intervalMs
      else {
        last = now
        return true
      }
      return false
    }
    return due ? step(at: now) : nil
  }

  /// Runs a round now, whatever the pacing says, and counts it as the last round.
  /// - Returns: What each artefact's step did.
  public func round() -> Round {
    let now = clock.now()
    lastRound.withLock { $0 = now }
    return step(at: now)
  }

  /// The time left until the next round is due, ms (0: due now).
  public func millisecondsUntilDue() -> Int64 {
    let now = clock.now()
    return lastRound.withLock { last in
      guard let previous = last else { return 0 }
      return max(0, intervalMs - (now.millisecondsSinceEpoch - previous.millisecondsSinceEpoch))
    }
  }

  private func step(at now: Timestamp) -> Round {
    var round = Round(at: now, steps: [], problems: [])
    let names: [String]
    do {
      names = try store.snapshot().artefacts.compactMap { $0.rollout == nil ? nil : $0.artefact.name }
        .sorted()
    } catch {
      round.problems.append("the store's snapshot: \(error)")
      return round
    }
    for name in names {
      let driver = RolloutDriver(artefact: name, store: store, actor: actor, judge: judge, samples: samples)
      do {
        round.steps.append(Stepped(artefact: name, step: try driver.step()))
      } catch {
        round.problems.append("\(name): \(error)")
      }
    }
    return round
  }
}
