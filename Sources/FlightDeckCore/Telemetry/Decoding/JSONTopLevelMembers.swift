/// Finds the raw value bytes of the top-level members of a JSON object line.
///
/// Used by `FlightDeckGeneralDecoder` to re-read numbers from their text:
/// `JSONSerialization` on Linux is not correctly rounded for long decimals
/// (it reads `0.1000000000000000055511151231257827` as 0.10000000000000005,
/// where `strtod` gives 0.1), and both decoders must agree with `strtod`.
/// Assumes the line already parsed as JSON; keys are matched on their raw
/// bytes (a key written with escapes is not found, and the caller keeps
/// Foundation's value).
enum JSONTopLevelMembers {
  /// The byte range of the value of the last top-level member whose raw key
  /// is `key`, or `nil`.
  static func valueRange(of key: String, in line: UnsafeRawBufferPointer) -> Range<Int>? {
    let k = Array(key.utf8)
    let n = line.count
    var json = JSONStructure()
    var found: Range<Int>? = nil
    for i in 0..<n {
      let key = json.lastString
      guard json.consume(line[i], at: i) == .colon, json.depth == 1 else { continue }
      if let s = key, s.count == k.count, line[s].elementsEqual(k) {
        var start = i + 1
        while start < n,
          line[start] == 0x20 || line[start] == 0x09 || line[start] == 0x0A || line[start] == 0x0D
        {
          start += 1
        }
        var end = start
        while end < n,
          line[end] == 0x2D || line[end] == 0x2B || line[end] == 0x2E
            || line[end] | 0x20 == 0x65 || (line[end] >= 0x30 && line[end] <= 0x39)
        {
          end += 1
        }
        found = start..<end
      }
      json.lastString = nil
    }
    return found
  }
}
