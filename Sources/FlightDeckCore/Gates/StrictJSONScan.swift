import Foundation

/// What Foundation's JSON decoder accepts that strict JSON does not, found in
/// a text that already parsed: an object member whose key repeats an earlier
/// key of the same object, and a comma before a closing bracket.
///
/// RFC 8259 §4 says names within an object SHOULD be unique and leaves the
/// behaviour otherwise to the parser; Foundation's decoder keeps one of them
/// silently. A gate decides a release, so an ambiguous input (e.g. two
/// `"stats"` members) is refused instead (I-JSON, RFC 7493 §2.3, makes
/// unique names a MUST).
enum StrictJSONScan {
  /// A repeated key: its decoded text, the dotted path of the object that
  /// holds it (`""` for the root, array elements as `[i]`), and the 1-based
  /// line of the repetition.
  struct Duplicate: Equatable {
    var key: String
    var path: String
    var line: Int
  }

  /// The line of the first comma followed (after whitespace) by `}` or `]`
  /// outside strings — JSON (RFC 8259) has no trailing commas, but
  /// Foundation's decoder accepts them — or `nil`.
  static func firstTrailingComma(in data: Data) -> Int? {
    let bytes = [UInt8](data)
    var line = 1
    var i = 0
    var inString = false
    var commaLine: Int?
    while i < bytes.count {
      let b = bytes[i]
      if inString {
        if b == UInt8(ascii: "\\") {
          i += 2
          continue
        }
        if b == UInt8(ascii: "\"") { inString = false }
        if b == 0x0A { line += 1 }
        i += 1
        continue
      }
      switch b {
      case 0x0A: line += 1
      case 0x20, 0x09, 0x0D: break
      case UInt8(ascii: ","): commaLine = line
      case UInt8(ascii: "}"), UInt8(ascii: "]"):
        if let c = commaLine { return c }
      case UInt8(ascii: "\""):
        inString = true
        commaLine = nil
      default: commaLine = nil
      }
      i += 1
    }
    return nil
  }

  /// The first repeated key in `data`, or `nil`. `data` must be valid JSON
  /// (the scan does not validate; on other input the answer is unspecified).
  static func firstDuplicate(in data: Data) -> Duplicate? {
    let bytes = [UInt8](data)
    /// One open container: its keys so far (objects), the member or index
    /// being read, and whether it is an array.
    struct Level {
      var isArray: Bool
      var keys: Set<String> = []
      var current = ""
      var index = 0
    }
    var stack: [Level] = []
    var line = 1
    var expectKey = false
    var i = 0
    func path(_ stack: [Level]) -> String {
      var out = ""
      for level in stack.dropLast() {
        if level.isArray {
          out += "[\(level.index)]"
        } else {
          out += out.isEmpty ? level.current : ".\(level.current)"
        }
      }
      return out
    }
    while i < bytes.count {
      let b = bytes[i]
      switch b {
      case 0x0A:
        line += 1
      case UInt8(ascii: "{"):
        stack.append(Level(isArray: false))
        expectKey = true
      case UInt8(ascii: "["):
        stack.append(Level(isArray: true))
        expectKey = false
      case UInt8(ascii: "}"), UInt8(ascii: "]"):
        stack.removeLast()
        expectKey = false
      case UInt8(ascii: ","):
        if let last = stack.indices.last {
          if stack[last].isArray { stack[last].index += 1 } else { expectKey = true }
        }
      case UInt8(ascii: "\""):
        let start = i
        var escaped = false
        i += 1
        while i < bytes.count {
          if bytes[i] == UInt8(ascii: "\\") {
            escaped = true
            i += 2
            continue
          }
          if bytes[i] == UInt8(ascii: "\"") { break }
          i += 1
        }
        if expectKey, let last = stack.indices.last, !stack[last].isArray {
          let raw = Data(bytes[start...min(i, bytes.count - 1)])
          let key =
            escaped
            ? ((try? JSONDecoder().decode(String.self, from: raw)) ?? String(decoding: raw, as: UTF8.self))
            : String(decoding: raw.dropFirst().dropLast(), as: UTF8.self)
          if stack[last].keys.contains(key) {
            stack[last].current = key
            return Duplicate(key: key, path: path(stack), line: line)
          }
          stack[last].keys.insert(key)
          stack[last].current = key
          expectKey = false
        }
      default:
        break
      }
      i += 1
    }
    return nil
  }
}
