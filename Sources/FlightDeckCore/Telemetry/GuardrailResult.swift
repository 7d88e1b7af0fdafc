/// The result of a guardrail check on a request.
public enum GuardrailResult: String, Sendable, Hashable, CaseIterable, Codable {
  /// The response passed the guardrail.
  case pass
  /// The response failed the guardrail.
  case fail
}
