/// Answers "which version did this pointer point to at time T" from the
/// pointer's moves (`flightdeck history ARTEFACT --at T`).
public struct PointerTimeline: Sendable, Hashable {
  /// The moves of one pointer, oldest first (ties keep their order of application).
  public let moves: [PointerMove]

  /// Creates a timeline from moves of one pointer; sorts them by (time, id).
  public init(moves: [PointerMove]) {
    self.moves = moves.sorted { ($0.at, $0.id) < ($1.at, $1.id) }
  }

  /// The version the pointer pointed to at `time` (inclusive: a move at exactly
  /// `time` counts), or `nil` if it pointed nowhere then.
  public func version(at time: Timestamp) -> String? {
    var current: String?
    for m in moves {
      if m.at > time { break }
      current = m.toVersion
    }
    return current
  }

  /// The move in force at `time`, if any.
  public func move(at time: Timestamp) -> PointerMove? {
    moves.last { $0.at <= time }
  }
}
