import FlightDeckCore

/// A copy of a `TailEvent` that outlives the callback (line bytes copied), for assertions.
enum RecordedTailEvent: Equatable, CustomStringConvertible {
  case opened(String, offset: Int64, exact: Bool)
  case waiting(String)
  case line(String, Int, [UInt8])
  case oversized(String, Int, Int)
  case incomplete(String, Int, Int)
  case rotated(String, String)
  case truncated(String, String)
  case readError(String, String)

  init(_ event: TailEvent) {
    switch event {
    case .opened(let p, let offset, let exact): self = .opened(p, offset: offset, exact: exact)
    case .waiting(let p): self = .waiting(p)
    case .line(let p, let n, let bytes): self = .line(p, n, Array(bytes))
    case .oversized(let p, let n, let c): self = .oversized(p, n, c)
    case .incomplete(let p, let n, let c): self = .incomplete(p, n, c)
    case .rotated(let p, let d): self = .rotated(p, d)
    case .truncated(let p, let d): self = .truncated(p, d)
    case .readError(let p, let m): self = .readError(p, m)
    }
  }

  /// A line event with UTF-8 text, for building expectations.
  static func text(_ path: String, _ n: Int, _ s: String) -> RecordedTailEvent {
    .line(path, n, Array(s.utf8))
  }

  /// The line's text when it is a line event.
  var lineText: String? {
    if case .line(_, _, let b) = self { return String(decoding: b, as: UTF8.self) }
    return nil
  }

  /// `true` for `.rotated`.
  var isRotated: Bool {
    if case .rotated = self { return true }
    return false
  }

  /// The detail of a `.truncated` event.
  var truncationDetail: String? {
    if case .truncated(_, let d) = self { return d }
    return nil
  }

  var description: String {
    switch self {
    case .line(let p, let n, let b):
      let text = b.count > 80 ? "\(b.count) bytes" : String(decoding: b, as: UTF8.self)
      return "line(\(p), \(n), \(text))"
    case .opened(let p, let o, let e): return "opened(\(p), \(o), \(e))"
    case .waiting(let p): return "waiting(\(p))"
    case .oversized(let p, let n, let c): return "oversized(\(p), \(n), \(c))"
    case .incomplete(let p, let n, let c): return "incomplete(\(p), \(n), \(c))"
    case .rotated(let p, let d): return "rotated(\(p), \(d))"
    case .truncated(let p, let d): return "truncated(\(p), \(d))"
    case .readError(let p, let m): return "readError(\(p), \(m))"
    }
  }
}
