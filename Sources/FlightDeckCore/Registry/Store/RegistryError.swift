/// Why a registry operation was refused or failed. Every refusal leaves the
/// store as it was (the operation's transaction is rolled back).
///
/// ``message`` is a complete sentence for the status line or the terminal;
/// ``code`` lets callers (and the CLI's exit codes) tell the cases apart.
public struct RegistryError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The kind of failure.
  public enum Code: Sendable, Hashable {
    /// An argument breaks a rule (bad version label, bad pointer name, empty reason…); names the field.
    case invalidInput(field: String)
    /// No such artefact, version or request.
    case notFound
    /// Already exists (a version is immutable once registered).
    case alreadyExists
    /// The state is not what the caller saw: the request was decided or the
    /// pointer moved by someone else since ("changed since you looked").
    case changedSinceYouLooked
    /// The requester tried to approve their own request where the policy forbids it.
    case fourEyes
    /// The same person tried to decide a request twice.
    case duplicateDecision
    /// A move of `production` to a version whose evaluation gates failed,
    /// never ran, or do not cover the gate policy in force; the message
    /// lists the blockers. A request with an override reason is not refused.
    case gatesNotPassed([String])
    /// The actor lacks a role the operation needs.
    case missingRole(String)
    /// The request is no longer open (applied, rejected, expired, cancelled).
    case requestClosed(RequestState)
    /// Nothing to roll back to, or the operation does not apply here.
    case notApplicable
    /// The workspace has no database yet (`flightdeck init`).
    case noWorkspace
    /// The database was written by a newer FlightDeck (its schema version, ours).
    case schemaTooNew(found: Int, supported: Int)
    /// The database file is not a FlightDeck database or is damaged.
    case corrupt
    /// The workspace or database is read-only.
    case readOnly
    /// The disk is full.
    case diskFull
    /// Another process holds the database lock for longer than the busy timeout.
    case busy
    /// Any other storage failure.
    case storage
  }

  /// The kind of failure.
  public var code: Code
  /// A complete, user-facing sentence (no trailing period needed).
  public var message: String

  /// Creates an error.
  public init(_ code: Code, _ message: String) {
    self.code = code
    self.message = message
  }

  /// The message (what went wrong and what to do).
  public var description: String { message }
}
