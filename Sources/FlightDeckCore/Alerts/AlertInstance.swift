import Crypto
import Foundation

/// One alert instance: a rule applied to one label set, with its state.
///
/// A plain `Codable` value: the evaluator keeps them, the registry store
/// persists them (``RegistryStore/alertInstances()``), snapshots carry them.
public struct AlertInstance: Sendable, Hashable, Codable {
  /// Stable identity: the first 16 hex digits of SHA-256 over the group,
  /// the alert name and the sorted labels (``fingerprint(group:labels:)``).
  public var fingerprint: String
  /// The rule's `alert` name.
  public var ruleName: String
  /// The rule's group.
  public var group: String
  /// Series labels overlaid by the rule's labels, plus `alertname`.
  public var labels: [String: String]
  /// The rule's annotations.
  public var annotations: [String: String]
  /// The state after the last evaluation.
  public var state: AlertState
  /// The first condition's value at the last evaluation, `nil` for no data.
  public var value: Double?
  /// Samples behind ``value``.
  public var samples: Int
  /// When the condition started holding in this episode (Prometheus' `activeAt`).
  public var activeAt: Timestamp?
  /// When it started firing.
  public var firedAt: Timestamp?
  /// The last evaluation at which the condition held.
  public var lastTrueAt: Timestamp?
  /// The first evaluation at which the condition stopped holding while the
  /// alert fired, `nil` while it holds (Prometheus' `KeepFiringSince`):
  /// `keep_firing_for` is counted from here.
  public var keepFiringSince: Timestamp?
  /// When it resolved (state `resolved`).
  public var resolvedAt: Timestamp?
  /// The last evaluation.
  public var evaluatedAt: Timestamp?
  /// Who acknowledged the firing alert (cleared when it resolves).
  public var acknowledgedBy: String?
  /// When it was acknowledged.
  public var acknowledgedAt: Timestamp?
  /// The acknowledgement's comment.
  public var acknowledgeComment: String?
  /// Ids of the active silences matching the instance (it still evaluates
  /// but does not notify).
  public var silencedBy: [Int64]

  /// Creates an inactive instance.
  public init(ruleName: String, group: String, labels: [String: String], annotations: [String: String] = [:])
  {
    self.fingerprint = AlertInstance.fingerprint(group: group, labels: labels)
    self.ruleName = ruleName
    self.group = group
    self.labels = labels
    self.annotations = annotations
    self.state = .inactive
    self.value = nil
    self.samples = 0
    self.silencedBy = []
  }

  /// The `severity` label, if any.
  public var severity: String? { labels["severity"] }
  /// Whether an active silence matches.
  public var isSilenced: Bool { !silencedBy.isEmpty }
  /// Whether someone acknowledged it.
  public var isAcknowledged: Bool { acknowledgedBy != nil }
  /// Firing, not silenced, not acknowledged: someone should look.
  public var needsAttention: Bool { state == .firing && !isSilenced && !isAcknowledged }

  /// The lowercase hex digits, for ``fingerprint(group:labels:)``.
  private static let hexDigits = Array("0123456789abcdef".utf8)

  /// SHA-256 of `group`, NUL, then `name=value` pairs sorted by name and
  /// NUL-separated; the first 16 hex digits.
  public static func fingerprint(group: String, labels: [String: String]) -> String {
    var text = group
    for (k, v) in labels.sorted(by: { $0.key < $1.key }) { text += "\u{0}\(k)=\(v)" }
    // Lowercase hex of the first 8 bytes, written directly (`String(format:)`
    // per byte was a third of a rules round at 1,000 rules × 10,000 series).
    let digest = SHA256.hash(data: Array(text.utf8))
    var hex: [UInt8] = []
    hex.reserveCapacity(16)
    for byte in digest.prefix(8) {
      hex.append(hexDigits[Int(byte >> 4)])
      hex.append(hexDigits[Int(byte & 0x0F)])
    }
    return String(decoding: hex, as: UTF8.self)
  }

  /// `Name{a="b",c="d"}` with the labels sorted (without `alertname`).
  public var displayName: String {
    let pairs = labels.filter { $0.key != "alertname" }.sorted { $0.key < $1.key }
    return ruleName + "{"
      + pairs.map { "\($0.key)=\(AlertLabelMatcher.quote($0.value))" }.joined(separator: ",") + "}"
  }
}
