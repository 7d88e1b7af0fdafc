import TOMLKit

/// Typed, path-tracking access to a parsed scenario TOML document.
///
/// Every getter takes the table and its key path and throws a
/// `ScenarioError` naming the file, the full key path and (via
/// `TOMLKeyLocator`) the line when a value has the wrong type or is missing.
struct ScenarioTOMLReader {
  /// File name used in errors.
  let file: String
  /// Line index of the source text.
  let locator: TOMLKeyLocator

  /// An error at `path`.
  func error(_ path: String, _ message: String) -> ScenarioError {
    ScenarioError(file: file, keyPath: path, line: locator.line(for: path), message: message)
  }

  /// `parent.key`, or `key` at the top level.
  func join(_ parent: String, _ key: String) -> String {
    parent.isEmpty ? key : parent + "." + key
  }

  /// Throws for the first key of `table` (in sorted order) not in `allowed`.
  /// - Throws: `ScenarioError` "unknown key" listing the allowed keys.
  func checkKeys(_ table: TOMLTable, _ path: String, allowed: [String]) throws {
    let allowedSet = Set(allowed)
    for key in table.keys.sorted() where !allowedSet.contains(key) {
      throw error(
        join(path, key),
        "unknown key \"\(key)\" (allowed here: \(allowed.joined(separator: ", ")))")
    }
  }

  /// The string at `key`, `nil` if absent.
  /// - Throws: `ScenarioError` when present but not a string.
  func string(_ table: TOMLTable, _ key: String, _ path: String) throws -> String? {
    guard let value = table[key] else { return nil }
    guard let text = value.string else {
      throw error(join(path, key), "expected a string, found \(value.type)")
    }
    return text
  }

  /// The number (integer or float) at `key`, `nil` if absent.
  /// - Throws: `ScenarioError` when present but not a finite number.
  func number(_ table: TOMLTable, _ key: String, _ path: String) throws -> Double? {
    guard let value = table[key] else { return nil }
    if let int = value.int { return Double(int) }
    guard let double = value.double, double.isFinite else {
      throw error(join(path, key), "expected a number, found \(value.type)")
    }
    return double
  }

  /// The number at `key` if it lies in `range`, `nil` if absent.
  /// - Throws: `ScenarioError` when not a number or out of range.
  func number(
    _ table: TOMLTable, _ key: String, _ path: String, in range: ClosedRange<Double>, unit: String = ""
  ) throws -> Double? {
    guard let value = try number(table, key, path) else { return nil }
    guard range.contains(value) else {
      throw error(
        join(path, key),
        "\(ScenarioTOMLReader.format(value))\(unit) is out of range "
          + "\(ScenarioTOMLReader.format(range.lowerBound))…\(ScenarioTOMLReader.format(range.upperBound))\(unit)"
      )
    }
    return value
  }

  /// The positive number at `key`, at most `maximum`, `nil` if absent.
  /// - Throws: `ScenarioError` when not a number, ≤ 0 or above `maximum`.
  func positive(
    _ table: TOMLTable, _ key: String, _ path: String, atMost maximum: Double, unit: String = ""
  ) throws -> Double? {
    guard let value = try number(table, key, path) else { return nil }
    guard value > 0 else {
      throw error(join(path, key), "must be greater than 0, found \(ScenarioTOMLReader.format(value))")
    }
    guard value <= maximum else {
      throw error(
        join(path, key),
        "\(ScenarioTOMLReader.format(value))\(unit) is above the maximum \(ScenarioTOMLReader.format(maximum))\(unit)"
      )
    }
    return value
  }

  /// The integer in `range` at `key`, `nil` if absent.
  /// - Throws: `ScenarioError` when not an integer or outside `range`.
  func integer(_ table: TOMLTable, _ key: String, _ path: String, in range: ClosedRange<Int>) throws -> Int? {
    guard let value = table[key] else { return nil }
    guard let int = value.int else {
      throw error(join(path, key), "expected an integer, found \(value.type)")
    }
    guard int >= range.lowerBound else {
      throw error(join(path, key), "must be at least \(range.lowerBound), found \(int)")
    }
    guard int <= range.upperBound else {
      throw error(join(path, key), "\(int) is above the maximum \(range.upperBound)")
    }
    return int
  }

  /// The duration string at `key` in ms (see `DurationText`), in `range`,
  /// `nil` if absent.
  /// - Throws: `ScenarioError` when not a string, not a valid duration or
  ///   outside `range`.
  func duration(
    _ table: TOMLTable, _ key: String, _ path: String, in range: ClosedRange<Int64>
  ) throws -> Int64? {
    guard let text = try string(table, key, path) else { return nil }
    guard let ms = DurationText.milliseconds(text) else {
      throw error(
        join(path, key),
        "bad duration \"\(text)\" (use a number and a unit ms, s, m or h, e.g. \"250ms\", \"90s\", \"4m\", \"1h\")"
      )
    }
    guard range.contains(ms) else {
      throw error(
        join(path, key),
        "\(DurationText.format(ms)) is out of range \(DurationText.format(range.lowerBound))…\(DurationText.format(range.upperBound))"
      )
    }
    return ms
  }

  /// The table at `key`, `nil` if absent.
  /// - Throws: `ScenarioError` when present but not a table.
  func table(_ table: TOMLTable, _ key: String, _ path: String) throws -> TOMLTable? {
    guard let value = table[key] else { return nil }
    guard let inner = value.table else {
      throw error(join(path, key), "expected a table, found \(value.type)")
    }
    return inner
  }

  /// The array of tables at `key` (empty if absent).
  /// - Throws: `ScenarioError` when present but not an array of tables.
  func tables(_ table: TOMLTable, _ key: String, _ path: String) throws -> [TOMLTable] {
    guard let value = table[key] else { return [] }
    guard let array = value.array else {
      throw error(join(path, key), "expected an array of tables ([[\(key)]]), found \(value.type)")
    }
    var out: [TOMLTable] = []
    for index in 0..<array.count {
      guard let inner = array[index].table else {
        throw error(join(path, key) + "[\(index)]", "expected a table, found \(array[index].type)")
      }
      out.append(inner)
    }
    return out
  }

  /// `value`, or a "missing key" error at `path.key`.
  /// - Throws: `ScenarioError` "missing required key" when `value` is `nil`.
  func require<T>(_ value: T?, _ key: String, _ path: String) throws -> T {
    guard let value else { throw error(join(path, key), "missing required key \"\(key)\"") }
    return value
  }

  /// A number without a trailing `.0` when integral.
  static func format(_ value: Double) -> String {
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    return String(value)
  }
}
