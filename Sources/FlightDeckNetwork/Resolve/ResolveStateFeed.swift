import FlightDeckCore
import Foundation
import Synchronization

/// The registry as the resolve API answers it: the store's snapshot, kept
/// current by a thread of its own, and a bell that wakes long polls when it
/// changes.
///
/// The thread reloads the snapshot whenever the store's change token
/// (``RegistryStore/changeToken()``) moves. It checks the token when the
/// store's change signal (``RegistryStore/signalChanges(_:)``) reports a
/// commit, and in any case every `pollInterval` (the only way for a store
/// without a signal, and a safety net for one with a signal that dropped).
/// Requests read the snapshot in memory: they never wait on the store,
/// except for a prompt template's first read (cached afterwards:
/// templates are immutable).
public final class ResolveStateFeed: Sendable {
  /// The snapshot and how many reloads produced it.
  public struct Current: Sendable {
    /// The registry as last read.
    public let snapshot: RegistrySnapshot
    /// 0 before the first read, then one more at each reload.
    public let generation: UInt64
  }

  private struct State {
    var current = Current(snapshot: .empty, generation: 0)
    var waiters: [UInt64: CheckedContinuation<Void, Never>] = [:]
    var cancelled: Set<UInt64> = []
    var nextWaiter: UInt64 = 0
    var stopped = false
  }

  private let store: any RegistryStore
  private let pollInterval: Duration
  private let state = Mutex(State())
  private let wake = DispatchSemaphore(value: 0)
  private let finished = DispatchSemaphore(value: 0)
  private let signal = Mutex<StoreChangeSignal?>(nil)
  private let templates = Mutex<[String: PromptTemplate?]>([:])
  private let templateQueue = DispatchQueue(label: "flightdeck.resolve.templates")
  private let lastError = Mutex<String?>(nil)

  /// The most templates kept in memory (the cache is emptied when full).
  static let templateCacheLimit = 256

  /// A feed of `store`, checked every `pollInterval` (and at each change
  /// signal); not started.
  public init(store: any RegistryStore, pollInterval: Duration = .milliseconds(100)) {
    self.store = store
    self.pollInterval = pollInterval
  }

  /// Reads the snapshot once, then starts the thread and the store's
  /// change signal (when it has one).
  /// - Throws: ``RegistryError`` when the first read fails (an unusable
  ///   store is refused at start rather than answered as empty).
  public func start() throws {
    let first = try store.snapshot()
    publish(first)
    signal.withLock {
      $0 = try? store.signalChanges { [wake] event in
        if case .detached = event { return }
        wake.signal()
      }
    }
    let thread = Thread { [self] in
      loop(token: first.changeToken)
      finished.signal()
    }
    thread.name = "flightdeck.resolve.feed"
    thread.start()
  }

  /// Stops the thread and the change signal, and wakes every long poll.
  /// Idempotent.
  public func stop() {
    let first: Bool = state.withLock { s in
      defer { s.stopped = true }
      return !s.stopped
    }
    guard first else { return }
    signal.withLock {
      $0?.stop()
      $0 = nil
    }
    wake.signal()
    _ = finished.wait(timeout: .now() + 5)
    ring()
  }

  /// The snapshot as last read.
  public var current: Current { state.withLock { $0.current } }

  /// Whether ``stop()`` was called.
  public var isStopped: Bool { state.withLock { $0.stopped } }

  /// The last failure to read the store (one line), `nil` once a read succeeds.
  public var failure: String? { lastError.withLock { $0 } }

  /// Waits until the snapshot is newer than `generation` or `timeout` has
  /// passed, whichever comes first; returns at once when it is newer
  /// already, when the task is cancelled, or once stopped.
  public func waitForChange(after generation: UInt64, timeout: Duration) async {
    if state.withLock({ $0.current.generation != generation || $0.stopped }) { return }
    await withTaskGroup(of: Void.self) { group in
      group.addTask { await self.park(after: generation) }
      group.addTask { try? await Task.sleep(for: timeout) }
      await group.next()
      group.cancelAll()
    }
  }

  /// The prompt template of `version` of `artefact`, read from the store
  /// once (on a queue of the feed's, so no cooperative thread waits on the
  /// store) and then kept. `nil` when the version has none.
  /// - Throws: ``RegistryError`` (`.notFound` for an unknown version).
  public func template(artefact: String, version: String) async throws -> PromptTemplate? {
    let key = "\(artefact)\u{0}\(version)"
    if let cached = templates.withLock({ $0[key] }) { return cached }
    let store = self.store
    let read: Result<PromptTemplate?, any Error> = await withCheckedContinuation { continuation in
      templateQueue.async {
        continuation.resume(
          returning: Result {
            try store.versionTemplate(artefact: artefact, version: version).map { try PromptTemplate($0) }
          })
      }
    }
    let value = try read.get()
    templates.withLock { cache in
      if cache.count >= Self.templateCacheLimit { cache.removeAll() }
      cache[key] = .some(value)
    }
    return value
  }

  private func loop(token first: Int64) {
    var token = first
    while true {
      _ = wake.wait(timeout: .now() + .milliseconds(max(1, Int(pollInterval / .milliseconds(1)))))
      if state.withLock({ $0.stopped }) { return }
      do {
        let now = try store.changeToken()
        lastError.withLock { $0 = nil }
        guard now != token else { continue }
        let snapshot = try store.snapshot()
        token = now
        publish(snapshot)
      } catch {
        lastError.withLock { $0 = "\(error)" }
      }
    }
  }

  private func publish(_ snapshot: RegistrySnapshot) {
    state.withLock { s in
      s.current = Current(snapshot: snapshot, generation: s.current.generation + 1)
    }
    ring()
  }

  /// Wakes every parked waiter.
  private func ring() {
    let waiting = state.withLock { s in
      defer { s.waiters.removeAll() }
      return Array(s.waiters.values)
    }
    for continuation in waiting { continuation.resume() }
  }

  /// Parks until the next ring (or at once if the generation moved or the
  /// task is cancelled).
  private func park(after generation: UInt64) async {
    let id = state.withLock { s in
      defer { s.nextWaiter += 1 }
      return s.nextWaiter
    }
    await withTaskCancellationHandler {
      await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
        let resumeNow = state.withLock { s in
          if s.cancelled.remove(id) != nil || s.current.generation != generation || s.stopped { return true }
          s.waiters[id] = continuation
          return false
        }
        if resumeNow { continuation.resume() }
      }
    } onCancel: {
      let continuation = state.withLock { s -> CheckedContinuation<Void, Never>? in
        if let c = s.waiters.removeValue(forKey: id) { return c }
        s.cancelled.insert(id)
        return nil
      }
      continuation?.resume()
    }
    // A cancellation that came after the ring left its mark: remove it.
    state.withLock { _ = $0.cancelled.remove(id) }
  }
}
