import ArgumentParser
import FlightDeckCore
import FlightDeckTUI
import Foundation

/// What the `flightdeck incident …` commands share: incident ids, performing
/// a command, and the text and `--json` forms of incidents and timelines.
///
/// - incident JSON: `{"id":3,"display_id":"INC-3","title","severity":"SEV2",
///   "state","commander":str|null,"source":"manual"|"alert","opened_at",
///   "opened_by","acknowledged_at","acknowledged_by","mitigated_at",
///   "resolved_at" (times or null),"tta_ms","ttm_ms","ttr_ms" (int|null),
///   "links":{"artefacts":[…],"versions":["a@v",…],"rollouts":["RO-1",…],
///   "alerts":[{"rule","fingerprint","labels":{…},"firing_since"}]},
///   "retro_path","retro_digest"}`
/// - timeline entry JSON: `{"at","kind","actor","text","sequence"}`
/// - outcome JSON: the registry outcome (`flightdeck promote --json`) plus `"incident":incident|null`.
enum IncidentCLI {
  typealias Value = CanonicalJSON.Value

  /// Parses `INC-3`, `inc-3` or `3` (strict digits: `INC-+3` is refused).
  /// - Throws: `ValidationError` (exit 64) otherwise.
  static func id(_ text: String) throws -> Int64 {
    try OptionValue.check { try OptionBounds.identifier(text, prefix: "INC", noun: "incident", option: nil) }
  }

  /// Parses a severity (`SEV1`…`SEV4`, `sev2`, `2`).
  /// - Throws: `ValidationError` (exit 64) otherwise.
  static func severity(_ text: String) throws -> IncidentSeverity {
    guard let s = IncidentSeverity.parse(text) else {
      throw ValidationError("'\(RegistryNames.excerpt(text))' is not a severity (SEV1, SEV2, SEV3 or SEV4)")
    }
    return s
  }

  /// Opens the workspace, performs `command(id)` as the operator and reports the outcome.
  /// - Throws: `ExitCode` through ``RegistryCLI/run(_:)`` when refused or failed.
  static func perform(
    _ options: RegistryOptions, incident text: String, _ command: (Int64) -> RegistryCommand
  )
    throws
  {
    let id = try id(text)
    try RegistryCLI.run {
      let context = try RegistryContext(options)
      let store = try context.open()
      report(try context.perform(command(id), on: store), json: context.json)
    }
  }

  /// The outcome's message (stdout), warnings (stderr); or its JSON.
  static func report(_ outcome: RegistryOutcome, json: Bool) {
    if json {
      var members: [String: Value] = [:]
      if case .object(let base) = RegistryJSON.outcome(outcome) { members = base }
      members["incident"] = outcome.incident.map(incident) ?? .null
      RegistryCLI.printJSON(.object(members))
    } else {
      RegistryCLI.say(outcome.message)
      for w in outcome.warnings { RegistryCLI.warn(w) }
    }
  }

  static func ms(_ v: Int64?) -> Value { v.map { .integer($0) } ?? .null }

  /// An incident as JSON (see the type's documentation).
  static func incident(_ i: Incident) -> Value {
    .object([
      "id": .integer(i.id), "display_id": .string(i.displayID), "title": .string(i.title),
      "severity": .string(i.severity.rawValue), "state": .string(i.state.rawValue),
      "commander": .optional(i.commander), "source": .string(i.source.rawValue),
      "opened_at": RegistryJSON.time(i.openedAt), "opened_by": .string(i.openedBy),
      "acknowledged_at": RegistryJSON.time(i.acknowledgedAt), "acknowledged_by": .optional(i.acknowledgedBy),
      "mitigated_at": RegistryJSON.time(i.mitigatedAt), "resolved_at": RegistryJSON.time(i.resolvedAt),
      "tta_ms": ms(i.timeToAcknowledgeMs), "ttm_ms": ms(i.timeToMitigateMs), "ttr_ms": ms(i.timeToResolveMs),
      "links": .object([
        "artefacts": .array(i.links.allArtefacts.map { .string($0) }),
        "versions": .array(i.links.versions.map { .string("\($0.artefact)@\($0.label)") }),
        "rollouts": .array(i.links.rollouts.map { .string("RO-\($0)") }),
        "alerts": .array(
          i.links.alerts.map {
            .object([
              "rule": .string($0.rule), "fingerprint": .string($0.fingerprint),
              "labels": .object($0.labels.mapValues { .string($0) }),
              "firing_since": RegistryJSON.time($0.firingSince),
            ])
          }),
      ]),
      "retro_path": .optional(i.retroPath), "retro_digest": .optional(i.retroDigest),
    ])
  }

  /// A timeline entry as JSON.
  static func entry(_ e: IncidentTimelineEntry) -> Value {
    .object([
      "at": RegistryJSON.time(e.at), "kind": .string(e.kind.rawValue), "actor": .string(e.actor),
      "text": .string(e.text), "sequence": .integer(e.sequence),
    ])
  }

  /// The queue order: open incidents first, then by severity (SEV1 first),
  /// then oldest first; resolved ones after, newest first.
  static func queueOrder(_ a: Incident, _ b: Incident) -> Bool {
    if a.state.isOpen != b.state.isOpen { return a.state.isOpen }
    if a.state.isOpen {
      return (a.severity.level, a.openedAt, a.id) < (b.severity.level, b.openedAt, b.id)
    }
    return a.id > b.id
  }

  /// `12m30s` or `-`.
  static func duration(_ ms: Int64?) -> String { ms.map { DurationText.readable(max(0, $0)) } ?? "-" }
}
