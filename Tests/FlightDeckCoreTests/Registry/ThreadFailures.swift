import Synchronization

/// Failures collected from several threads.
final class ThreadFailures: Sendable {
  private let list = Mutex<[String]>([])

  /// Records one failure.
  func add(_ s: String) { list.withLock { $0.append(s) } }

  /// Every failure recorded, in order of recording.
  var all: [String] { list.withLock { $0 } }
}
