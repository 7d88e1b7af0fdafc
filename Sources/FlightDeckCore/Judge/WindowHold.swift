/// Records held, in arrival order, for a window that ends just after the
/// newest record — an end known only once every record has arrived.
///
/// A record older than the newest one seen so far (+ 1 ms) minus the window
/// can never fall in the final window `[newest + 1 − window, newest + 1)`,
/// as the newest only grows; such records are dropped whenever the held
/// records have doubled since the last compaction (at least 1,024), so
/// memory stays within about twice the records of one window, and each
/// record is looked at a constant number of times on average.
struct WindowHold: Sendable {
  /// The window, ms (≥ 1).
  let windowMs: Int64
  /// The records that may still fall in the final window (and some that
  /// will not, until the next compaction), in arrival order.
  private(set) var records: [TelemetryRecord] = []
  /// The newest timestamp seen, `nil` before the first record.
  private(set) var newest: Timestamp?
  private var compactAt = 1_024

  /// An empty hold for a window of `windowMs` ms.
  init(windowMs: Int64) { self.windowMs = max(1, windowMs) }

  /// Holds `record`, dropping those out of reach when it is time.
  mutating func add(_ record: TelemetryRecord) {
    if newest.map({ record.timestamp > $0 }) ?? true { newest = record.timestamp }
    records.append(record)
    if records.count >= compactAt, let newest {
      let from = newest.adding(milliseconds: 1 - windowMs)
      records.removeAll { $0.timestamp < from }
      compactAt = max(1_024, 2 * records.count)
    }
  }
}
