import FlightDeckCore
import Foundation

/// Runs a ``NotificationSender`` over HTTP from synchronous code (the
/// command line): its ``NotificationSender/run(pollIntervalMs:sleep:)`` in a
/// task until `stopRequested` says so, then the transport shut down.
public enum NotificationDeliveryRunner {
  /// Delivers until `stopRequested()` (checked every 100 ms), or one step when `once`;
  /// `onStep` gets every step's report.
  /// - Returns: the last step's report when `once`, else `nil`.
  public static func runBlocking(
    store: any NotificationOutboxStore, configuration: NotificationConfiguration,
    secrets: NotificationSecrets,
    clock: any FlightDeckClock, pollIntervalMs: Int64, claimLimit: Int = 10, once: Bool,
    onStep: @escaping @Sendable (NotificationSender.StepReport) -> Void = { _ in },
    stopRequested: @escaping @Sendable () -> Bool
  ) throws -> NotificationSender.StepReport? {
    let transport = HTTPNotificationTransport()
    let sender = try NotificationSender(
      store: store, configuration: configuration, secrets: secrets, transport: transport, clock: clock,
      claimLimit: claimLimit)
    let done = DispatchSemaphore(value: 0)
    let result = ResultBox()
    let task = Task {
      if once {
        result.set(await sender.step())
        // Alerts still waiting in their groups go back, due at once for the next pass.
        _ = try? await sender.releaseClaims()
      } else {
        await sender.run(pollIntervalMs: pollIntervalMs, onStep: onStep)
        // Stopped: give the held claims back so the next sender takes them at once.
        _ = try? await sender.releaseClaims()
      }
      try? await transport.shutdown()
      done.signal()
    }
    while done.wait(timeout: .now() + .milliseconds(100)) == .timedOut {
      if stopRequested() { task.cancel() }
    }
    return result.get()
  }

  /// Holds the step report across the task boundary.
  final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var report: NotificationSender.StepReport?
    func set(_ r: NotificationSender.StepReport) { lock.withLock { report = r } }
    func get() -> NotificationSender.StepReport? { lock.withLock { report } }
  }
}
