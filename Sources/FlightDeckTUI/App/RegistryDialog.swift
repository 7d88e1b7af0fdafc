import FlightDeckCore

/// An open registry dialog (`P`, `a`, `x`, `r`, and the rollout keys `]`,
/// `}`, `X` and `y`): what it acts on, what the
/// operator saw when opening it, and the text fields being typed.
///
/// The `seen…` fields are the registry as drawn when the dialog opened; they
/// become the command's expected state, so a change by another operator in
/// the meantime is refused as "changed since you looked".
public struct RegistryDialog: Sendable, Hashable {
  /// Which action the dialog confirms.
  public enum Kind: Sendable, Hashable {
    /// Request promotion of ``RegistryDialog/version`` to the target pointer.
    case promote
    /// Approve request ``RegistryDialog/requestID``.
    case approve
    /// Reject request ``RegistryDialog/requestID``.
    case reject
    /// Roll production back from ``RegistryDialog/seenProduction`` to
    /// ``RegistryDialog/rollbackTarget``.
    case rollback
    /// Promote the artefact's rollout in full (canary ``RegistryDialog/version``).
    case promoteRolloutFull
    /// Abort the artefact's rollout of ``RegistryDialog/version`` (a reason is required).
    case abortRollout
    /// Promote the artefact's rollout to its next step, skipping the current
    /// step's pause and analysis (a reason is required, for the audit entry).
    case promoteRolloutStep
    /// Retry the artefact's rollout: an aborted one from its first step, an
    /// inconclusive analysis again (a reason is required, for the audit entry).
    case retryRollout
    /// Set the canary weight to a what-if proposal (``proposedWeight``).
    case setCanaryWeight
    /// Open an incident by hand (title, severity) linking ``RegistryDialog/incidentLinks``.
    case openIncident
    /// Silence alerts matching the typed matchers for the typed duration (comment required).
    case silence
    /// Make the typed name commander of incident ``RegistryDialog/incidentID``.
    case assignIncident
    /// Add the typed note to incident ``RegistryDialog/incidentID``.
    case noteIncident
    /// Mark incident ``RegistryDialog/incidentID`` mitigated (optional note).
    case mitigateIncident
    /// Resolve incident ``RegistryDialog/incidentID`` (optional note).
    case resolveIncident
    /// Change the severity of incident ``RegistryDialog/incidentID``.
    case incidentSeverity
  }

  /// One text field.
  public struct Field: Sendable, Hashable {
    /// Label drawn before the field, e.g. `reason`.
    public var label: String
    /// The text typed so far.
    public var text: String
    /// Whether submitting needs non-blank text.
    public var required: Bool

    /// Creates a field.
    public init(label: String, text: String = "", required: Bool) {
      self.label = label
      self.text = text
      self.required = required
    }
  }

  /// The action.
  public var kind: Kind
  /// The artefact acted on.
  public var artefact: String
  /// The selected version (promote), or the request's version (approve, reject).
  public var version: String
  /// The request decided (approve, reject).
  public var requestID: Int64?
  /// A one-line summary of the request (approve, reject), e.g. `REQ-3 production v12 → v13, 1/2`.
  public var requestSummary: String?
  /// Pointer → version as seen when the dialog opened.
  public var seenPointers: [PointerName: String]
  /// The production version seen when the dialog opened (rollback).
  public var seenProduction: String?
  /// The version a rollback goes to: computed from the pointer history, `nil` while unknown.
  public var rollbackTarget: String?
  /// The rollout acted on (rollout dialogs), e.g. `RO-1 v13: analysing step 3/10 at 10 %`.
  public var rolloutSummary: String?
  /// The proposed canary weight in percent (set-weight dialog).
  public var proposedWeight: Int?
  /// The canary weight in percent seen when the set-weight dialog opened.
  public var seenWeight: Int?
  /// The what-if projection lines shown in the set-weight dialog (p95, error
  /// rate, cost per hour: current → proposed, with their sample sizes).
  public var projection: [String] = []
  /// The incident acted on (incident dialogs; a rollback opened from an incident).
  public var incidentID: Int64?
  /// What a hand-opened incident links (the selected alert, version or rollout).
  public var incidentLinks = IncidentLinks()
  /// A one-line summary of what the dialog acts on, e.g. the incident's
  /// `INC-3 SEV2 triggered: p95 over budget` or the alert silenced.
  public var subject: String?
  /// The time the silence starts (the snapshot's clock when the silence dialog opened).
  public var startsAt: Timestamp?
  /// The fields: promote has target then reason; approve and reject a
  /// comment; rollback, abort, step and retry a reason; promote in full none.
  public var fields: [Field]
  /// The field being typed into.
  public var focusedField: Int = 0
  /// Why the last submit was refused by the dialog itself (e.g. a required field is blank).
  public var problem: String?

  /// Creates a dialog.
  public init(
    kind: Kind, artefact: String, version: String, requestID: Int64? = nil, requestSummary: String? = nil,
    seenPointers: [PointerName: String] = [:], seenProduction: String? = nil, rollbackTarget: String? = nil,
    rolloutSummary: String? = nil, fields: [Field]
  ) {
    self.kind = kind
    self.artefact = artefact
    self.version = version
    self.requestID = requestID
    self.requestSummary = requestSummary
    self.seenPointers = seenPointers
    self.seenProduction = seenProduction
    self.rollbackTarget = rollbackTarget
    self.rolloutSummary = rolloutSummary
    self.fields = fields
  }

  /// The dialog's title, e.g. `Request promotion`.
  public var title: String {
    switch kind {
    case .promote: return "Request promotion"
    case .approve: return "Approve request"
    case .reject: return "Reject request"
    case .rollback: return "Roll back production"
    case .promoteRolloutFull: return "Promote rollout in full"
    case .abortRollout: return "Abort rollout"
    case .promoteRolloutStep: return "Skip to the next step"
    case .retryRollout: return "Retry rollout"
    case .setCanaryWeight: return "Set canary weight"
    case .openIncident: return "Open incident"
    case .silence: return "Silence alerts"
    case .assignIncident: return "Assign commander"
    case .noteIncident: return "Add note"
    case .mitigateIncident: return "Mark mitigated"
    case .resolveIncident: return "Resolve incident"
    case .incidentSeverity: return "Change severity"
    }
  }

  /// The label of the severity field (open-incident and severity dialogs),
  /// which ←/→ cycle and 1–4 set.
  public static let severityField = "severity"

  /// The text of the field labelled `label` (empty when absent).
  public func text(of label: String) -> String { fields.first { $0.label == label }?.text ?? "" }
}
