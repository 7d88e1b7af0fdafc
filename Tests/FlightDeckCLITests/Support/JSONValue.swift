import Foundation

/// A parsed JSON document (Foundation's `JSONSerialization`, an independent
/// parser from FlightDeck's own writer) with subscripts that answer `nil`
/// for a missing member, so a check reads `doc["rows"]?[0]?["requests"]?.int`.
struct JSONValue: @unchecked Sendable {
  /// What `JSONSerialization` produced.
  let raw: Any

  /// Parses `data` as exactly one JSON document (any top-level value); `nil` when it does not parse.
  init?(_ data: Data) {
    guard let raw = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else {
      return nil
    }
    self.raw = raw
  }

  private init(raw: Any) { self.raw = raw }

  /// An object's member.
  subscript(_ key: String) -> JSONValue? {
    (raw as? [String: Any])?[key].map { JSONValue(raw: $0) }
  }

  /// An array's element.
  subscript(_ index: Int) -> JSONValue? {
    guard let array = raw as? [Any], array.indices.contains(index) else { return nil }
    return JSONValue(raw: array[index])
  }

  /// The elements of an array (`nil` for anything else).
  var array: [JSONValue]? { (raw as? [Any])?.map { JSONValue(raw: $0) } }
  /// An object's keys.
  var keys: [String]? { (raw as? [String: Any]).map { Array($0.keys) } }
  /// A string.
  var string: String? { raw as? String }
  /// A whole number.
  var int: Int? {
    if let n = raw as? Int, type(of: raw) != Bool.self { return n }
    guard type(of: raw) != Bool.self, let n = raw as? NSNumber, let v = Int(exactly: n.doubleValue) else {
      return nil
    }
    return v
  }
  /// A number.
  var double: Double? { (raw as? NSNumber)?.doubleValue }
  /// A Boolean.
  var bool: Bool? { raw as? Bool }
  /// Whether it is JSON `null`.
  var isNull: Bool { raw is NSNull }
}
