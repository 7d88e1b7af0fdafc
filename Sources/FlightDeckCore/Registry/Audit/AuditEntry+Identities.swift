/// How the actors of a run of audit entries were identified, counted:
/// what `flightdeck audit verify` prints after the chain's state.
extension AuditEntry {
  /// The key ``identityCounts(_:)`` counts entries without an identity under.
  public static let unrecordedIdentity = "unrecorded"

  /// Entries per ``identity`` raw value (`database-role`,
  /// `unauthenticated:os-user`, …), and under ``unrecordedIdentity`` those
  /// written before FlightDeck recorded it; only keys that occur.
  public static func identityCounts(_ entries: [AuditEntry]) -> [String: Int] {
    var counts: [String: Int] = [:]
    for e in entries { counts[e.identity?.rawValue ?? unrecordedIdentity, default: 0] += 1 }
    return counts
  }

  /// One line for people: `identities: 2 database role, 5 unauthenticated
  /// (4 FLIGHTDECK_USER, 1 OS user), 1 FlightDeck itself, 9 not recorded
  /// (written before FlightDeck recorded identities)`; only the parts that
  /// occur; `nil` for no entries.
  public static func identitySummary(_ entries: [AuditEntry]) -> String? {
    guard !entries.isEmpty else { return nil }
    let counts = identityCounts(entries)
    func n(_ i: ActorIdentification) -> Int { counts[i.rawValue] ?? 0 }
    var parts: [String] = []
    if n(.databaseRole) > 0 { parts.append("\(n(.databaseRole)) database role") }
    let claimed = ActorIdentification.allCases.filter(\.isUnauthenticated).filter { n($0) > 0 }
    if !claimed.isEmpty {
      let total = claimed.reduce(0) { $0 + n($1) }
      let detail = claimed.map {
        "\(n($0)) \($0.label.replacingOccurrences(of: "unauthenticated: ", with: ""))"
      }
      parts.append("\(total) unauthenticated (\(detail.joined(separator: ", ")))")
    }
    if n(.system) > 0 { parts.append("\(n(.system)) FlightDeck itself") }
    if let old = counts[unrecordedIdentity] {
      parts.append("\(old) not recorded (written before FlightDeck recorded identities)")
    }
    return "identities: " + parts.joined(separator: ", ")
  }
}
