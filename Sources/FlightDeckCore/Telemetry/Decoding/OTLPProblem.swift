/// An internal failure while reading part of an OTLP document: the field (path
/// or attribute, when known) and reason.
struct OTLPProblem: Error {
  var field: String?
  var reason: String

  init(field: String? = nil, _ reason: String) {
    self.field = field
    self.reason = reason
  }
}
