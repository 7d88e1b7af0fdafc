/// Where a version came from: the thing an auditor can check it against.
public struct SourceReference: Sendable, Hashable, Codable {
  /// The kind of reference.
  public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
    /// A git commit id (7–40 hex digits).
    case git
    /// An MLflow run id (32 hex digits).
    case mlflowRun = "mlflow-run"
    /// The SHA-256 of a prompt template file (64 hex digits).
    case sha256
    /// Any other location (a URI such as `s3://…` or `dbfs:/…`).
    case uri
  }
  /// The kind of reference.
  public var kind: Kind
  /// The reference itself (a commit id, run id, hex digest or URI).
  public var value: String

  /// Creates a source reference.
  public init(kind: Kind, value: String) {
    self.kind = kind
    self.value = value
  }

  /// `kind:value`, the form the CLI takes (`git:4f1c2e9`, `sha256:…`).
  public var text: String { "\(kind.rawValue):\(value)" }
}
