import NIOCore

/// The read deadlines of one receiver connection, as a pure state machine
/// over event-loop instants (so it is tested without a clock or a socket).
///
/// A request must deliver its head within ``Limits/head`` of its first byte
/// (or of the connection opening, for the first request), and its body
/// within ``Limits/body`` of the head plus one second per
/// ``Limits/minBodyBytesPerSecond`` bytes received — the same shape as
/// Apache's `mod_reqtimeout` (`header=…`, `body=…,MinRate=…`): a client
/// that keeps sending at the minimum rate is never cut off, one that
/// trickles a byte at a time is, after ``Limits/body``. Between requests
/// (the response written, no byte of the next one yet) no deadline runs:
/// the server's idle timeout closes a silent keep-alive connection. While a
/// request that was read completely is answered, none runs either (the
/// receiver is the slow side then).
struct OTLPReadDeadlines {
  /// The configured bounds.
  struct Limits: Sendable, Hashable {
    /// Time for a request head, from its first byte (or from the
    /// connection opening).
    var head: TimeAmount
    /// Time for a body, from its head, before ``minBodyBytesPerSecond``
    /// adds to it.
    var body: TimeAmount
    /// Each this many body bytes received extend the body deadline by one
    /// second; 0: no extension (the body must arrive within ``body``).
    var minBodyBytesPerSecond: Int
  }

  /// Where the connection is in its current request.
  enum Phase: Equatable {
    /// No byte of a request since the last response (or the connection
    /// is a fresh one: see ``init(limits:openedAt:)``).
    case idle
    /// Request bytes have come since `since`, the head is not complete.
    case head(since: NIODeadline)
    /// The head came at `since`; `bytes` body bytes have come since.
    case body(since: NIODeadline, bytes: Int)
    /// The request is read; its response is being made.
    case responding
  }

  /// What to do when the timer fires.
  enum Expiry: Equatable {
    /// No deadline passed: nothing to do.
    case none
    /// The deadline moved (body bytes came): fire again then.
    case wait(until: NIODeadline)
    /// A deadline passed: close the connection, after a 408 when
    /// `answer` (no response to this request was started).
    case close(answer: Bool)
  }

  let limits: Limits
  private(set) var phase: Phase
  /// The response to the request being read has started (it was refused
  /// before its body was read): a 408 can no longer be sent.
  private(set) var answered = false

  /// A fresh connection, opened at `openedAt`: its first request's head is
  /// due ``Limits/head`` later.
  init(limits: Limits, openedAt: NIODeadline) {
    self.limits = limits
    self.phase = .head(since: openedAt)
  }

  /// The instant the current deadline passes, or `nil` when none runs.
  var deadline: NIODeadline? {
    switch phase {
    case .idle, .responding: return nil
    case .head(let since): return since + limits.head
    case .body(let since, let bytes):
      guard limits.minBodyBytesPerSecond > 0 else { return since + limits.body }
      // bytes / rate seconds, in nanoseconds without overflow for any body
      // the receiver can take (8 MiB × 10⁹ < 2⁶³).
      let earned =
        Int64(min(bytes, Int(Int64.max / 1_000_000_000))) * 1_000_000_000
        / Int64(limits.minBodyBytesPerSecond)
      return since + limits.body + .nanoseconds(earned)
    }
  }

  /// Bytes came off the socket at `now`: an idle connection starts a head.
  mutating func bytesArrived(at now: NIODeadline) {
    if phase == .idle { phase = .head(since: now) }
  }

  /// A request head was decoded at `now`.
  mutating func headArrived(at now: NIODeadline) {
    phase = .body(since: now, bytes: 0)
    answered = false
  }

  /// `count` body bytes were decoded.
  mutating func bodyArrived(count: Int) {
    if case .body(let since, let bytes) = phase {
      phase = .body(since: since, bytes: bytes.addingReportingOverflow(count).overflow ? .max : bytes + count)
    }
  }

  /// The request's end was decoded; `true` when its response is already
  /// written (it was refused before its body was read), so the connection
  /// is idle again.
  mutating func endArrived() -> Bool {
    if answered {
      phase = .idle
      answered = false
      return true
    }
    phase = .responding
    return false
  }

  /// A final response head was written.
  mutating func responseStarted() {
    if case .body = phase { answered = true }
    if case .head = phase { answered = true }
  }

  /// A response was written completely: after a read request the
  /// connection is idle; during one (refused early) the body is still
  /// drained under its deadline.
  mutating func responseEnded() {
    if phase == .responding { phase = .idle }
  }

  /// The timer fired at `now`.
  func expired(at now: NIODeadline) -> Expiry {
    guard let deadline else { return .none }
    if now < deadline { return .wait(until: deadline) }
    return .close(answer: !answered)
  }
}
