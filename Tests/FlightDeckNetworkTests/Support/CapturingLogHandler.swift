import Logging
import Synchronization

/// A swift-log handler that keeps every message and its metadata as text,
/// at every level, for tests that check what is (not) logged.
struct CapturingLogHandler: LogHandler {
  final class Store: Sendable {
    let lines = Mutex<[String]>([])
    var all: [String] { lines.withLock { $0 } }
  }

  let store: Store
  var metadata: Logger.Metadata = [:]
  var logLevel: Logger.Level = .trace

  subscript(metadataKey key: String) -> Logger.Metadata.Value? {
    get { metadata[key] }
    set { metadata[key] = newValue }
  }

  func log(event: LogEvent) {
    let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
    store.lines.withLock { $0.append("\(event.level) \(event.message) \(merged)") }
  }
}
