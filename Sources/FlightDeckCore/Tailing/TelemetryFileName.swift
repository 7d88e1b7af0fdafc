/// The rule for which entries of a directory argument are telemetry files,
/// shared by the live ``Tailer`` (`flightdeck dashboard DIR`) and
/// ``ReplayAggregator/expand(_:)`` (`flightdeck replay DIR`), so both commands
/// read the same files.
///
/// A directory entry is read when it is a regular file (checked by the
/// caller), its name does not start with `.` (hidden files, editor swap
/// files), and the name ends in one of the telemetry extensions
/// ``extensions`` — `.jsonl`, `.json`, `.ndjson`, `.log`, compared
/// case-insensitively — optionally followed by rotation suffixes made of
/// digits as logrotate writes them: `.N` (numbered rotation: `app.jsonl.1`,
/// `app.jsonl.12`) or `-N` (`dateext`: `app.jsonl-20250601`). Several such
/// suffixes may follow one another (`app.log.1.2`). Compressed rotations
/// (`app.jsonl.1.gz`) are not read: the tailer reads plain text only.
///
/// So `events.jsonl`, `trace.JSON`, `app.log.3` and `app.ndjson-20250601` are
/// read, while `PROVENANCE.md`, `notes.txt`, `app.jsonl.gz`, `.hidden.jsonl`
/// and `jsonl` (no dot) are not. Explicit file paths and glob matches are not
/// filtered by name: the user named them.
public enum TelemetryFileName {
  /// The telemetry extensions, lowercase, without the dot.
  public static let extensions: Set<String> = ["jsonl", "json", "ndjson", "log"]

  /// Whether a directory entry called `name` (a last path component, not a
  /// path) looks like telemetry by the rule above.
  public static func isTelemetry(_ name: String) -> Bool {
    guard !name.hasPrefix(".") else { return false }
    var stem = Substring(name)
    // Strip rotation suffixes: ".digits" or "-digits", as many as there are.
    while let cut = stem.lastIndex(where: { $0 == "." || $0 == "-" }) {
      let suffix = stem[stem.index(after: cut)...]
      guard !suffix.isEmpty, suffix.allSatisfy({ $0.isASCII && $0.isNumber }) else { break }
      stem = stem[..<cut]
    }
    guard let dot = stem.lastIndex(of: "."), dot != stem.startIndex else { return false }
    let ext = stem[stem.index(after: dot)...].lowercased()
    return extensions.contains(ext)
  }
}
