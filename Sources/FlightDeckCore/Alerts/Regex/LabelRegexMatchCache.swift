import Foundation

/// The answers a compiled ``LabelRegex`` has given, by label value, so that a
/// value seen again — label values repeat at every evaluation — costs a
/// dictionary lookup instead of a pass of the Pike VM (issue 11 breaker, R2:
/// a 5,300-instruction pattern on a 200,000-character name cost ~5 s per
/// evaluation, every evaluation).
///
/// Bounded, so that hostile cardinality cannot grow it: two generations of
/// at most ``maxEntries`` values and ``maxBytes`` bytes of UTF-8 each; when
/// the current generation is full it becomes the previous one and the
/// older is dropped, and a value found in the previous generation moves back
/// into the current one (a cheap approximation of least-recently-used).
/// At most 2 × ``maxBytes`` of values are kept alive per compiled pattern —
/// usually none of their own, as a Swift string shares its storage with the
/// label value it was handed. A value longer than ``maxBytes`` is not kept.
///
/// Shared by the copies of one ``LabelRegex`` and safe to use from several
/// threads (a lock around the dictionaries; the match itself runs outside it).
final class LabelRegexMatchCache: @unchecked Sendable {
  /// Most values per generation.
  static let maxEntries = 2_048
  /// Most UTF-8 bytes of values per generation (2 MiB).
  static let maxBytes = 2 << 20

  private let lock = NSLock()
  private var current: [String: Bool] = [:]
  private var currentBytes = 0
  private var previous: [String: Bool] = [:]

  /// The answer stored for `text`, if any.
  func answer(for text: String) -> Bool? {
    lock.lock()
    defer { lock.unlock() }
    if let hit = current[text] { return hit }
    guard let hit = previous.removeValue(forKey: text) else { return nil }
    insertLocked(hit, for: text)
    return hit
  }

  /// Stores `answer` for `text` (not kept when `text` is over ``maxBytes``).
  func store(_ answer: Bool, for text: String) {
    lock.lock()
    defer { lock.unlock() }
    insertLocked(answer, for: text)
  }

  /// Number of values held (both generations), for tests.
  var count: Int {
    lock.lock()
    defer { lock.unlock() }
    return current.count + previous.count
  }

  private func insertLocked(_ answer: Bool, for text: String) {
    let bytes = text.utf8.count
    guard bytes <= Self.maxBytes, current[text] == nil else { return }
    if current.count >= Self.maxEntries || currentBytes + bytes > Self.maxBytes {
      previous = current
      current = [:]
      currentBytes = 0
    }
    current[text] = answer
    currentBytes += bytes
  }
}
