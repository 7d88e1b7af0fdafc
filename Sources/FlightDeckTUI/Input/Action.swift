/// What a key binding does, independent of which key triggers it.
///
/// ``AppUpdate`` interprets actions; ``KeyMap`` maps keys to them, so keys
/// are data and the help overlay, footer hints and docs are generated from
/// the same table.
public enum Action: String, Sendable, Hashable, CaseIterable {
  /// Move focus to the next pane (Tab order).
  case focusNext
  /// Move focus to the previous pane.
  case focusPrevious
  /// Move the selection one row up (clamped at the first row).
  case selectPrevious
  /// Move the selection one row down (clamped at the last row).
  case selectNext
  /// Drill into the selected artefact: detail view of its versions, charts follow it.
  case drillDown
  /// Show or hide the help overlay.
  case toggleHelp
  /// Pause or resume the live view (LIVE / PAUSED).
  case togglePause
  /// Switch to the next theme.
  case nextTheme
  /// Open the artefact filter prompt.
  case beginFilter
  /// Apply the filter being typed and close the prompt.
  case applyFilter
  /// Clear the filter and close the prompt.
  case clearFilter
  /// Delete the last character of the filter being typed.
  case deleteFilterCharacter
  /// Back out of the innermost overlay, drill-down or filter.
  case back
  /// Request promotion of the selected version (opens the promotion dialog).
  case requestPromotion
  /// Approve the selected version's open request (opens the approval dialog).
  case approveRequest
  /// Reject the selected version's open request (opens the rejection dialog).
  case rejectRequest
  /// Roll the selected artefact's production back (opens the confirmation dialog).
  case rollback
  /// Show the selected ingest error in full (path, line, field, message).
  case showIngestError
  /// Show the selected alert in full (labels, value, since when, annotations, silences, incident).
  case showAlert
  /// Show the pointer history of the selected artefact.
  case showHistory
  /// Promote the selected artefact's rollout to its next step (`promote`).
  case promoteRolloutStep
  /// Promote the selected artefact's rollout in full (opens a confirmation dialog).
  case promoteRolloutFull
  /// Abort the selected artefact's rollout (opens a dialog asking for the reason).
  case abortRollout
  /// Pause the selected artefact's rollout, or resume it when a human paused it.
  case pauseResumeRollout
  /// Retry the selected artefact's aborted rollout or inconclusive analysis.
  case retryRollout
  /// Open the audit pane (verifies the chain on opening).
  case showAudit
  /// Show the selected canary's last analysis verdict, metric by metric
  /// (falls back to ``drillDown`` when it has none).
  case showVerdict
  /// Propose a canary weight 5 points higher and project it (what-if).
  case raiseProposedWeight
  /// Propose a canary weight 5 points lower and project it (what-if).
  case lowerProposedWeight
  /// Set the canary weight to the proposed one (opens a confirmation dialog).
  case confirmProposedWeight
  /// Acknowledge the selected firing alert (`acknowledgeAlert`, audited).
  case acknowledgeAlert
  /// Silence the selected alert (opens a dialog: matchers, duration, comment).
  case silenceAlert
  /// Open an incident by hand on the selected row (opens a dialog: title, severity).
  case openIncident
  /// Open the incident view of the selected incident (header and timeline).
  case showIncident
  /// Acknowledge the selected (or viewed) incident.
  case acknowledgeIncident
  /// Make someone the incident commander (opens a dialog; default: you).
  case assignIncident
  /// Add a note to the incident's timeline (opens a dialog).
  case noteIncident
  /// Mark the incident mitigated (opens a dialog with an optional note).
  case mitigateIncident
  /// Resolve the incident (opens a dialog with an optional note).
  case resolveIncident
  /// Change the incident's severity (opens a dialog; ←/→ or 1–4).
  case changeIncidentSeverity
  /// Roll back the production version the incident links (the rollback dialog).
  case rollbackIncident
  /// Show how to replay the incident (`flightdeck dashboard --replay …`).
  case replayIncidentHint
  /// Open the lifecycle KPI view (last 30 days).
  case showKPIs
  /// Choose the previous value of the dialog's choice (severity).
  case previousDialogChoice
  /// Choose the next value of the dialog's choice (severity).
  case nextDialogChoice
  /// Submit the open dialog.
  case submitDialog
  /// Cancel the open dialog.
  case cancelDialog
  /// Move to the dialog's next text field.
  case nextDialogField
  /// Delete the last character of the dialog field being typed.
  case deleteDialogCharacter
  /// Close the history overlay or the audit pane.
  case closeOverlay
  /// Scroll the overlay one row up.
  case scrollUp
  /// Scroll the overlay one row down.
  case scrollDown
  /// Scroll the overlay one page up.
  case pageUp
  /// Scroll the overlay one page down.
  case pageDown
  /// Scroll the overlay to its first row (Home).
  case scrollToTop
  /// Scroll the overlay to its last row (End).
  case scrollToBottom
  /// Open the line under the cursor whole: the incident view's timeline
  /// row, the messages view's top message (``TextView``).
  case openEntry
  /// Read the status line's last message whole (``TextView``).
  case showLastMessage
  /// Open the messages view: every recent status-line message, read whole.
  case showMessages
  /// Open the `:` command prompt (k9s's command mode; ``CommandModeUpdate``).
  case beginCommand
  /// Quit FlightDeck.
  case quit
  /// Redraw the whole screen.
  case redraw
}
