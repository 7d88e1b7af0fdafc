import Foundation

/// Writes the audit log for auditors (`flightdeck audit export --format jsonl|csv`).
///
/// Both formats carry every field, including `previousHash` and `hash`, with
/// `at` as integer ms since the epoch, so the chain can be re-verified from
/// the export alone with any SHA-256 tool (see ``AuditChain``).
public enum AuditExport {
  /// One canonical JSON object per entry and line (JSON Lines, <https://jsonlines.org>),
  /// each line ending in `\n`; keys as in ``AuditChain/canonicalJSON(of:)``
  /// plus `hash`, and `time` (the same instant as RFC 3339 UTC); `identity`
  /// only for entries that record it (``AuditEntry/identity``). Empty for no entries.
  /// Scalars a terminal would act on or hide (DEL, C1, bidi, zero-width) are
  /// written as `\uXXXX` (``JSONText/terminalSafe(_:)``): a JSON parser reads
  /// the same strings back, so the hashes re-verify, and printing the file
  /// cannot drive the terminal.
  public static func jsonLines(_ entries: [AuditEntry]) -> String {
    var out = ""
    for e in entries {
      var members = AuditChain.members(of: e)
      members["time"] = .string(e.at.rfc3339)
      members["hash"] = .string(e.hash)
      out += JSONText.terminalSafe(CanonicalJSON.object(members))
      out += "\n"
    }
    return out
  }

  /// The CSV header row's columns, in order.
  public static let csvColumns = [
    "sequence", "at", "time", "actor", "action", "subject", "before", "after", "reason", "previous_hash",
    "hash", "identity",
  ]

  /// RFC 4180 CSV: a header row (``csvColumns``), then one record per entry
  /// (`identity` empty for an entry that records none, which the hash then
  /// does not cover either);
  /// records end in CRLF; a field containing `,` or `"` is enclosed in
  /// double quotes with inner quotes doubled. Every text field goes through
  /// ``DelimitedField/escape(_:)`` first: controls, bidi and invisible
  /// characters become visible `\xHH` / `\u{HHHH}` escapes, a backslash
  /// `\\`, and a leading `=`, `+`, `-` or `@` its `\xHH` escape (no formula in
  /// a spreadsheet). ``TerminalText/unescape(_:)`` gives the stored text back,
  /// so the hashes can still be recomputed from the file.
  public static func csv(_ entries: [AuditEntry]) -> String {
    var out = csvColumns.joined(separator: ",") + "\r\n"
    for e in entries {
      let text = [
        e.at.rfc3339, e.actor, e.action.rawValue, e.subject, e.before ?? "", e.after ?? "", e.reason,
        e.previousHash, e.hash, e.identity?.rawValue ?? "",
      ].map(DelimitedField.escape)
      let fields = [String(e.sequence), String(e.at.millisecondsSinceEpoch)] + text
      out += fields.map(csvField).joined(separator: ",") + "\r\n"
    }
    return out
  }

  private static func csvField(_ s: String) -> String {
    guard s.contains(where: { $0 == "," || $0 == "\"" }) else {
      return s
    }
    return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}
