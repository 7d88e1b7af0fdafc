import Foundation

/// TOML basic strings (TOML 1.0, "Basic strings") for the configuration
/// text FlightDeck writes itself (``AlertConfiguration/tomlText``,
/// ``RoutingConfiguration/tomlText``).
enum TOMLBasicString {
  /// `s` between double quotes with `"` and `\` escaped, newline and tab as
  /// `\n` and `\t`, and every other control character (U+0000–U+001F,
  /// U+007F) as `\uXXXX`, which TOML requires.
  static func quoted(_ s: String) -> String {
    var out = "\""
    for c in s.unicodeScalars {
      switch c {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      default:
        if c.value < 0x20 || c.value == 0x7F {
          out += String(format: "\\u%04X", c.value)
        } else {
          out.unicodeScalars.append(c)
        }
      }
    }
    return out + "\""
  }
}
