import Dispatch

/// A task executor with a thread of its own, for tests that block.
///
/// Swift Testing runs every test on the cooperative thread pool, which has
/// one thread per core (two on the CI machine). A test that blocks for long
/// — polling a child process, sleeping between checks — holds one of them;
/// two such tests at once stop every other test, and every in-process server
/// a test runs (its handlers are tasks on the same pool), for as long as they
/// block: a receiver test then times out with a 408 it never deserved, or
/// worse. ``run(_:_:)`` runs such a body on a serial Dispatch queue of its
/// own instead (an overcommitting queue: it always gets a thread), under
/// `withTaskExecutorPreference` (SE-0417), so the test's task-local context
/// goes with it and `#expect` still reports to the right test.
public final class DedicatedThreadExecutor: TaskExecutor, @unchecked Sendable {
  /// The serial queue jobs run on.
  public let queue: DispatchQueue

  /// An executor on a new queue named `label`: serial, or concurrent when
  /// `concurrent` (its jobs then run on as many threads as they need).
  public init(label: String, concurrent: Bool = false) {
    queue = concurrent ? DispatchQueue(label: label, attributes: .concurrent) : DispatchQueue(label: label)
  }

  /// For the in-process servers tests run (an OTLP receiver, a webhook
  /// receiver): a concurrent queue of their own, so that their handlers never
  /// wait behind the hundreds of test jobs queued on the cooperative pool — a
  /// receiver that waited 10 s for a thread answered `408` to a test that did
  /// nothing wrong. Run a server's task with `addTask(executorPreference:)` or
  /// inside `withTaskExecutorPreference`; its child tasks inherit the preference.
  public static let servers = DedicatedThreadExecutor(label: "flightdeck-test-servers", concurrent: true)

  /// Runs `job` on this executor's queue.
  public func enqueue(_ job: consuming ExecutorJob) {
    let job = UnownedJob(job)
    queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
  }

  /// Runs the blocking `body` on a thread of its own (see the type), in the calling test's task.
  /// - Throws: what `body` throws.
  public static func run<T: Sendable>(_ label: String, _ body: @Sendable () throws -> T) async throws -> T {
    try await DedicatedThreadExecutor(label: label).run(body)
  }

  /// Runs the blocking `body` on this executor's queue, in the calling test's task.
  /// - Throws: what `body` throws.
  public func run<T: Sendable>(_ body: @Sendable () throws -> T) async throws -> T {
    try await withTaskExecutorPreference(self) {
      try await Self.onThisExecutor(body)
    }
  }

  /// A nonisolated async hop: entered on the preferred task executor.
  private nonisolated static func onThisExecutor<T: Sendable>(_ body: @Sendable () throws -> T) async throws
    -> T
  {
    try body()
  }
}
