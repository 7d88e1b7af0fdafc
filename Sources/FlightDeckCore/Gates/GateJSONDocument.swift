import Foundation

/// Reads one gate input's JSON and its fields by path, for the readers;
/// every error is a ``GateInputError`` naming the file and the JSON path.
struct GateJSONDocument {
  let file: String

  /// Parses `data` as one JSON value.
  /// - Throws: ``GateInputError`` (no path) when the file is empty or not
  ///   JSON (trailing commas included, which Foundation would accept); with
  ///   the object's path when a key repeats in one object
  ///   (``StrictJSONScan``).
  func parse(_ data: Data) throws -> JSONValue {
    let value = try decode(data)
    if let line = StrictJSONScan.firstTrailingComma(in: data) {
      // Located by the strict reader: line, byte column and cause.
      let why = JSONSyntaxError.locate(inFile: data) ?? "line \(line): a comma before a closing bracket"
      throw GateInputError(file: file, reason: "not valid JSON (\(why))")
    }
    if let d = StrictJSONScan.firstDuplicate(in: data) {
      throw GateInputError(
        file: file, path: d.path.isEmpty ? nil : d.path,
        reason: "line \(d.line): duplicate key \"\(d.key)\" in one object (which one counts is ambiguous)")
    }
    return value
  }

  private func decode(_ data: Data) throws -> JSONValue {
    if data.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
      throw GateInputError(file: file, reason: "the file is empty (expected a JSON object)")
    }
    do {
      return try JSONDecoder().decode(JSONValue.self, from: data)
    } catch {
      throw GateInputError(file: file, reason: Self.notJSON(data))
    }
  }

  /// `not valid JSON (line L, column C: CAUSE)`: where and why, found by
  /// ``StrictJSONReader`` (Foundation's own text is not shown: on Linux it
  /// names no position and is not written for operators); the column counts
  /// bytes (``JSONSyntaxError``). Invalid UTF-8 is named as such; `not valid
  /// JSON` alone when the strict reader finds nothing (Foundation refused
  /// what RFC 8259 allows).
  static func notJSON(_ data: Data) -> String {
    JSONSyntaxError.locate(inFile: data).map { "not valid JSON (\($0))" } ?? "not valid JSON"
  }

  func fail(_ path: String, _ reason: String) -> GateInputError {
    GateInputError(file: file, path: path, reason: reason)
  }

  static func join(_ prefix: String, _ key: String) -> String { prefix.isEmpty ? key : "\(prefix).\(key)" }

  /// The object at `path`.
  func object(_ v: JSONValue?, _ path: String) throws -> [String: JSONValue] {
    guard let v else { throw fail(path, "missing: expected an object") }
    guard let o = v.object else { throw fail(path, "expected an object, found \(v.typeName)") }
    return o
  }

  /// A non-negative integer count (an integral double such as `3.0` is accepted).
  func count(_ v: JSONValue?, _ path: String) throws -> Int64 {
    guard let v else { throw fail(path, "missing: expected a non-negative integer") }
    switch v {
    case .integer(let n) where n >= 0: return n
    case .number(let d) where d >= 0 && d < 9.0e15 && d == d.rounded(): return Int64(d)
    default: throw fail(path, "expected a non-negative integer, found \(Self.describe(v))")
    }
  }

  /// An optional count: `nil` when absent or null.
  func optionalCount(_ v: JSONValue?, _ path: String) throws -> Int64? {
    guard let v, !v.isNull else { return nil }
    return try count(v, path)
  }

  /// A finite number.
  func number(_ v: JSONValue?, _ path: String) throws -> Double {
    guard let v else { throw fail(path, "missing: expected a number") }
    switch v {
    case .integer(let n): return Double(n)
    case .number(let d) where d.isFinite: return d
    default: throw fail(path, "expected a finite number, found \(Self.describe(v))")
    }
  }

  /// An optional string: `nil` when absent or null.
  func optionalString(_ v: JSONValue?, _ path: String) throws -> String? {
    guard let v, !v.isNull else { return nil }
    guard let s = v.string else { throw fail(path, "expected a string, found \(v.typeName)") }
    return s
  }

  /// The type name, with the value for scalars (`a string ("3")`, `a number (-1)`).
  static func describe(_ v: JSONValue) -> String {
    switch v {
    case .integer(let n): return "a number (\(n))"
    case .number(let d): return "a number (\(GateNumber.text(d)))"
    case .string(let s): return "a string (\"\(s.count > 40 ? String(s.prefix(40)) + "…" : s)\")"
    case .bool(let b): return "a boolean (\(b))"
    default: return v.typeName
    }
  }
}
