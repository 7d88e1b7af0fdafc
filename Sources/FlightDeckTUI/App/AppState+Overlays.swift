import FlightDeckCore

/// Each overlay's state by name, read from and written to the one
/// ``AppState/overlays`` stack: setting a value opens that overlay on top
/// (or replaces its state where it stands), setting `nil` closes it.
extension AppState {
  /// Whether the help overlay is open; setting `true` opens it on top.
  public var isHelpVisible: Bool {
    get { overlays.contains(.help) }
    set {
      if newValue {
        if !overlays.contains(.help) { overlays.open(.help(offset: 0)) }
      } else {
        overlays.close(.help)
      }
    }
  }

  /// The first help row shown (the help scrolls with `j`/`k`/PgUp/PgDn);
  /// 0 when the help is closed, and setting it then does nothing.
  public var helpOffset: Int {
    get { if case .help(let offset)? = overlays.layer(.help) { return offset } else { return 0 } }
    set { if overlays.contains(.help) { overlays.open(.help(offset: newValue)) } }
  }

  /// The open registry, rollout or incident dialog, if any.
  public var dialog: RegistryDialog? {
    get { if case .dialog(let d)? = overlays.layer(.dialog) { return d } else { return nil } }
    set { overlays.set(.dialog, newValue.map(OverlayLayer.dialog)) }
  }

  /// The pointer-history overlay, if open.
  public var history: HistoryOverlayState? {
    get { if case .history(let h)? = overlays.layer(.history) { return h } else { return nil } }
    set { overlays.set(.history, newValue.map(OverlayLayer.history)) }
  }

  /// The audit pane, if open.
  public var audit: AuditOverlayState? {
    get { if case .audit(let a)? = overlays.layer(.audit) { return a } else { return nil } }
    set { overlays.set(.audit, newValue.map(OverlayLayer.audit)) }
  }

  /// The verdict drill-down of a canary, if open.
  public var verdict: VerdictOverlayState? {
    get { if case .verdict(let v)? = overlays.layer(.verdict) { return v } else { return nil } }
    set { overlays.set(.verdict, newValue.map(OverlayLayer.verdict)) }
  }

  /// The what-if weight proposal being projected, if any.
  public var whatIf: WhatIfProposal? {
    get { if case .whatIf(let w)? = overlays.layer(.whatIf) { return w } else { return nil } }
    set { overlays.set(.whatIf, newValue.map(OverlayLayer.whatIf)) }
  }

  /// The incident view (Enter on an incident), if open.
  public var incidentView: IncidentViewState? {
    get { if case .incident(let v)? = overlays.layer(.incident) { return v } else { return nil } }
    set { overlays.set(.incident, newValue.map(OverlayLayer.incident)) }
  }

  /// The KPI view (`K`), if open.
  public var kpi: KPIOverlayState? {
    get { if case .kpi(let k)? = overlays.layer(.kpi) { return k } else { return nil } }
    set { overlays.set(.kpi, newValue.map(OverlayLayer.kpi)) }
  }

  /// The messages view (`M`), if open.
  public var messages: MessagesOverlayState? {
    get { if case .messages(let m)? = overlays.layer(.messages) { return m } else { return nil } }
    set { overlays.set(.messages, newValue.map(OverlayLayer.messages)) }
  }

  /// The ingest error shown in full (Enter in the Ingest errors pane), if
  /// any; setting another error shows it from the top.
  public var ingestError: IngestError? {
    get { if case .ingestError(let v)? = overlays.layer(.ingestError) { return v.error } else { return nil } }
    set {
      if let newValue, newValue == ingestError { return }
      overlays.set(.ingestError, newValue.map { .ingestError(IngestErrorViewState(error: $0)) })
    }
  }

  /// The alert shown whole (Enter in the Alerts pane), by fingerprint;
  /// `nil` when closed. Setting another fingerprint shows it from the top.
  public var alertView: String? {
    get { if case .alert(let v)? = overlays.layer(.alert) { return v.fingerprint } else { return nil } }
    set {
      if let newValue, newValue == alertView { return }
      overlays.set(.alert, newValue.map { .alert(AlertViewState(fingerprint: $0)) })
    }
  }

  /// The piece of text read whole (a timeline entry, a message), if open.
  ///
  /// A text opened while another is open lower in the stack (a message
  /// opened from the messages view over a timeline entry) goes on top, the
  /// older text closing: it does not replace the one underneath out of sight.
  public var textView: TextViewState? {
    get { if case .text(let t)? = overlays.layer(.text) { return t } else { return nil } }
    set {
      if newValue != nil, overlays.top?.kind != .text { overlays.close(.text) }
      overlays.set(.text, newValue.map(OverlayLayer.text))
    }
  }
}
