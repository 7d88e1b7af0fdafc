extension Timestamp: Codable {
  /// Decodes a timestamp from an integer number of ms since the Unix epoch.
  /// - Throws: `DecodingError` when the value is not an integer.
  public init(from decoder: any Decoder) throws {
    self.init(millisecondsSinceEpoch: try decoder.singleValueContainer().decode(Int64.self))
  }

  /// Encodes the timestamp as an integer number of ms since the Unix epoch.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(millisecondsSinceEpoch)
  }
}
