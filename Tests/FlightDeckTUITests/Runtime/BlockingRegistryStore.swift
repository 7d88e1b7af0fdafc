import Dispatch
import FlightDeckCore
import Synchronization

/// A registry store whose changes block, once armed, until the test
/// releases them (or 5 s pass, SQLite's busy timeout): a lock wait or a
/// slow network, seen from the dashboard. Reads pass straight through.
final class BlockingRegistryStore: ForwardingRegistryStore {
  let base: any RegistryStore
  private let armed = Mutex(false)
  private let gate = DispatchSemaphore(value: 0)
  private let entered = DispatchSemaphore(value: 0)

  init(base: any RegistryStore) { self.base = base }

  /// From now on every change blocks until ``release()``.
  func arm() { armed.withLock { $0 = true } }

  /// Lets one blocked (or the next) change through and stops blocking.
  func release() {
    armed.withLock { $0 = false }
    gate.signal()
  }

  /// Waits (up to `seconds`) until a change is blocked in the store.
  /// - Returns: `true` when one is.
  func waitUntilBlocked(seconds: Double = 5) -> Bool {
    entered.wait(timeout: .now() + seconds) == .success
  }

  private func blockIfArmed() {
    guard armed.withLock({ $0 }) else { return }
    entered.signal()
    _ = gate.wait(timeout: .now() + 5)
  }

  func performCommand(_ command: RegistryCommand, as actor: OperatorIdentity) throws -> RegistryOutcome {
    blockIfArmed()
    return try base.run(command, as: actor)
  }
}
