import Synchronization

/// The port a receiver's server bound, delivered once to everyone waiting
/// for it (port 0 in the configuration picks a free one).
final class ListeningPort: Sendable {
  private enum State {
    case waiting([CheckedContinuation<Int, any Error>])
    case bound(Int)
    case failed(any Error)
  }

  private let state = Mutex(State.waiting([]))

  /// The port once bound; throws the error the server stopped with if it
  /// never bound.
  func value() async throws -> Int {
    try await withCheckedThrowingContinuation { continuation in
      let ready: Result<Int, any Error>? = state.withLock { s in
        switch s {
        case .waiting(var list):
          list.append(continuation)
          s = .waiting(list)
          return nil
        case .bound(let port): return .success(port)
        case .failed(let error): return .failure(error)
        }
      }
      if let ready { continuation.resume(with: ready) }
    }
  }

  /// The port if bound already.
  var current: Int? {
    state.withLock { s in
      if case .bound(let port) = s { return port }
      return nil
    }
  }

  /// Records the bound port and wakes the waiters.
  func bind(_ port: Int) { settle(.success(port)) }

  /// Records that the server stopped before binding and wakes the waiters.
  func fail(_ error: any Error) { settle(.failure(error)) }

  private func settle(_ result: Result<Int, any Error>) {
    let waiting: [CheckedContinuation<Int, any Error>] = state.withLock { s in
      guard case .waiting(let list) = s else { return [] }
      switch result {
      case .success(let port): s = .bound(port)
      case .failure(let error): s = .failed(error)
      }
      return list
    }
    for continuation in waiting { continuation.resume(with: result) }
  }
}
