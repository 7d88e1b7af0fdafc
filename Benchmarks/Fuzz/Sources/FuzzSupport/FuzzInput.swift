import Foundation

/// The input of one fuzz iteration, as the readers see a file.
public enum FuzzInput {
  /// The bytes libFuzzer passes, copied.
  public static func data(_ bytes: UnsafePointer<UInt8>?, _ size: Int) -> Data {
    guard let bytes, size > 0 else { return Data() }
    return Data(bytes: bytes, count: size)
  }

  /// The bytes as text, the way the CLI reads a text file
  /// (`String(contentsOfFile:encoding: .utf8)`): `nil` when they are not
  /// UTF-8, which the CLI reports as "cannot read the file" before any parser
  /// runs.
  public static func text(_ bytes: UnsafePointer<UInt8>?, _ size: Int) -> String? {
    String(data: data(bytes, size), encoding: .utf8)
  }
}

/// Stops the run with a finding when `condition` is false: libFuzzer records
/// the input as a crash. Used for the targets' sanity checks (an error must
/// name a line ≥ 1, a parsed value must be within its bounds, ...).
public func fuzzCheck(
  _ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String,
  file: StaticString = #fileID, line: UInt = #line
) {
  if !condition() {
    fatalError("fuzz finding: \(message())", file: file, line: line)
  }
}

/// The sanity check of a thrown error's location: a line, when given, is ≥ 1
/// and not past the input's last line (counted generously: every LF, CR,
/// NEL, LS and PS starts one, so any parser's convention is within).
public func fuzzCheckLine(_ line: Int?, in text: String, _ error: any Error) {
  guard let line else { return }
  let breaks: Set<Unicode.Scalar> = ["\n", "\r", "\u{85}", "\u{2028}", "\u{2029}"]
  let lines = text.unicodeScalars.reduce(1) { breaks.contains($1) ? $0 + 1 : $0 }
  fuzzCheck(line >= 1 && line <= lines, "line \(line) outside 1...\(lines) in \(error)")
}

/// Writes `message` to standard error (fd 2; the C `stderr` global is not
/// concurrency-safe in Swift 6), for a finding's details before it traps.
public func fuzzReport(_ message: String) {
  var text = message
  text.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
}
