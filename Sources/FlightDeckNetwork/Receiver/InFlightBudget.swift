import Synchronization

/// The receiver's bound on work in flight: at most `maxRequests` requests
/// and `maxBytes` reserved body bytes at once. A request reserves before its
/// body is read and releases when its response is ready, so under any load
/// the bodies held in memory stay within `maxBytes`; a request that does not
/// fit is refused (429) instead of waiting.
final class InFlightBudget: Sendable {
  private struct State {
    var requests = 0
    var bytes = 0
  }

  private let maxRequests: Int
  private let maxBytes: Int
  private let state = Mutex(State())

  /// A budget of `maxRequests` requests and `maxBytes` bytes.
  init(maxRequests: Int, maxBytes: Int) {
    self.maxRequests = maxRequests
    self.maxBytes = maxBytes
  }

  /// Reserves one request and `bytes` bytes; `false` (nothing reserved) when
  /// either bound would be passed.
  func reserve(bytes: Int) -> Bool {
    state.withLock { s in
      guard s.requests < maxRequests, bytes <= maxBytes - s.bytes else { return false }
      s.requests += 1
      s.bytes += bytes
      return true
    }
  }

  /// Gives back what one ``reserve(bytes:)`` took.
  /// Adds `bytes` to a request already reserved (its inflated body), or
  /// returns `false` and changes nothing when they do not fit.
  func reserveMore(bytes: Int) -> Bool {
    state.withLock { s in
      guard bytes <= maxBytes - s.bytes else { return false }
      s.bytes += bytes
      return true
    }
  }

  func release(bytes: Int) {
    state.withLock { s in
      s.requests -= 1
      s.bytes -= bytes
    }
  }

  /// Requests and bytes reserved now.
  var inFlight: (requests: Int, bytes: Int) {
    state.withLock { ($0.requests, $0.bytes) }
  }
}
