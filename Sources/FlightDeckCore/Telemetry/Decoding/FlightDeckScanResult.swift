/// What `FlightDeckLineScanner` made of one line.
public enum FlightDeckScanResult: Sendable, Hashable {
  /// A valid record.
  case scanned(FlightDeckScan)
  /// A line the scanner does not handle (string escapes, control bytes,
  /// duplicate keys, unusual number forms, a top-level `resourceSpans`, …):
  /// pass it to `FlightDeckGeneralDecoder`, which decides. The payload is a
  /// short static explanation, for statistics and tests.
  case declined(String)
  /// A bad line, with the field and reason (the same ones the general decoder
  /// would give).
  case malformed(TelemetryDecodeError)
}
