import FlightDeckCore
import Synchronization

/// A ``TelemetryIngestSink`` for tests: keeps every batch it takes, or
/// refuses with a set refusal.
final class RecordingSink: TelemetryIngestSink {
  private let state = Mutex<(batches: [[TelemetryRecord]], refusal: TelemetryIngestRefusal?)>(([], nil))

  init(refusal: TelemetryIngestRefusal? = nil) {
    state.withLock { $0.refusal = refusal }
  }

  func append(_ records: [TelemetryRecord]) async throws(TelemetryIngestRefusal) {
    let refusal = state.withLock { s -> TelemetryIngestRefusal? in
      if let r = s.refusal { return r }
      s.batches.append(records)
      return nil
    }
    if let refusal { throw refusal }
  }

  /// Every record taken, in order.
  var records: [TelemetryRecord] { state.withLock { $0.batches.flatMap { $0 } } }

  /// The batches taken.
  var batches: [[TelemetryRecord]] { state.withLock { $0.batches } }
}

/// A sink that holds every call until ``open()``, announcing each arrival
/// on ``arrivals``.
final class GateSink: TelemetryIngestSink {
  let arrivals: AsyncStream<Void>
  private let arrived: AsyncStream<Void>.Continuation
  private let waiting = Mutex<(open: Bool, list: [CheckedContinuation<Void, Never>])>((false, []))

  init() {
    (arrivals, arrived) = AsyncStream.makeStream()
  }

  func append(_ records: [TelemetryRecord]) async throws(TelemetryIngestRefusal) {
    arrived.yield()
    await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
      let open = waiting.withLock { w -> Bool in
        if w.open { return true }
        w.list.append(c)
        return false
      }
      if open { c.resume() }
    }
  }

  /// Lets every held and later call through.
  func open() {
    let list = waiting.withLock { w -> [CheckedContinuation<Void, Never>] in
      w.open = true
      defer { w.list = [] }
      return w.list
    }
    for c in list { c.resume() }
  }
}
