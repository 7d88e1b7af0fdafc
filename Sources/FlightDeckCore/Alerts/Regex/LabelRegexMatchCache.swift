import Synchronization

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
/// Values are compared by their UTF-8 bytes, not by `String`'s canonical
/// equivalence (``Value``). Shared by the copies of one ``LabelRegex`` and
/// safe to use from several threads (a `Mutex` around the dictionaries; the
/// match itself runs outside it).
final class LabelRegexMatchCache: Sendable {
  /// Most values per generation.
  static let maxEntries = 2_048
  /// Most UTF-8 bytes of values per generation (2 MiB).
  static let maxBytes = 2 << 20

  /// A label value compared by its UTF-8 bytes, as the VM reads it: Swift's
  /// `String` equality is canonical equivalence, under which `"é"` (U+00E9)
  /// and `"e\u{301}"` are equal although a pattern can match one and not
  /// the other.
  struct Value: Hashable, Sendable {
    /// The label value.
    let text: String

    static func == (a: Value, b: Value) -> Bool { a.text.utf8.elementsEqual(b.text.utf8) }

    func hash(into hasher: inout Hasher) {
      var text = text
      text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
  }

  /// The two generations and the bytes held by the current one.
  private struct Generations {
    var current: [Value: Bool] = [:]
    var currentBytes = 0
    var previous: [Value: Bool] = [:]

    mutating func insert(_ answer: Bool, for value: Value) {
      let bytes = value.text.utf8.count
      guard bytes <= LabelRegexMatchCache.maxBytes, current[value] == nil else { return }
      if current.count >= LabelRegexMatchCache.maxEntries
        || currentBytes + bytes > LabelRegexMatchCache.maxBytes
      {
        previous = current
        current = [:]
        currentBytes = 0
      }
      current[value] = answer
      currentBytes += bytes
    }
  }

  private let generations = Mutex(Generations())

  /// The answer stored for `text`, if any.
  func answer(for text: String) -> Bool? {
    let value = Value(text: text)
    return generations.withLock { g in
      if let hit = g.current[value] { return hit }
      guard let hit = g.previous.removeValue(forKey: value) else { return nil }
      g.insert(hit, for: value)
      return hit
    }
  }

  /// Stores `answer` for `text` (not kept when `text` is over ``maxBytes``).
  func store(_ answer: Bool, for text: String) {
    generations.withLock { $0.insert(answer, for: Value(text: text)) }
  }

  /// Number of values held (both generations), for tests.
  var count: Int { generations.withLock { $0.current.count + $0.previous.count } }
}
