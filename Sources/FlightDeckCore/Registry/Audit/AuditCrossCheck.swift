import Foundation

/// The cross-check of `flightdeck audit verify` between the domain tables and
/// the audit log: every pointer move, promotion request, decision, rollout and
/// incident the store records has the audit entry FlightDeck writes with it
/// (in the same transaction), and every such entry has its row. A row without
/// its entry was written by SQL around FlightDeck; an entry without its row
/// had its row deleted. The hash chain alone sees neither.
///
/// What "its entry" means, field by field (the entries the domain
/// transactions of ``SQLStoreTransaction`` append):
///
/// | row | entry | matched on |
/// |---|---|---|
/// | `pointer_move` | `pointer.move` or `rollback` on `artefact:pointer` | actor, time, `before.version` = from, `after.version` = to, `after.request` = request id |
/// | `promotion_request` | `request.create` on `REQ-id` | time, `after.artefact`, `after.version`, `after.target`, requester (`after.requester`, else the entry's actor), the rule (`after.approvalsNeeded`, `after.requiredRole`, `after.selfApproval`); and a request its newest entry closed is not open again |
/// | `pointer` | the `pointer_move` rows | each pointer holds what its last move set, and each move starts where the one before it left the pointer |
/// | `request_decision` | `request.approve` / `request.reject` on `REQ-id` | actor, time, verdict |
/// | `rollout` | `rollout.start` on `artefact:RO-id` | actor, start time, `after.version`; and its newest `rollout.*` entry has the row's phase and update time |
/// | `incident` | `incident.open` on `INC-id` | actor, time; and its newest entry with an `after.state` has the row's state |
/// | `incident_note` | `incident.note` on `INC-id` | actor, time, text (the entry's reason) |
/// | `artefact.canary_weight` | its newest `canary.weight` entry on the artefact | `after.weight` (0 when no entry ever set it) |
/// | `silence` | `silence.create` on `SIL-id`; its newest `silence.*` entry | actor, creation time, `after.starts_at`, `after.matchers`; and `after.ends_at` of the newest entry is the row's end |
///
/// Rows and entries are matched as multisets of these keys, so two identical
/// moves need two entries.
public enum AuditCrossCheck {
  /// One row or entry reduced to what must match (`key`) and how a report
  /// names it (`description`, e.g. `pointer_move #12 support-bot production v3 → v4 at …`).
  public struct Record: Sendable, Hashable {
    /// What a row and its entry share, as one string.
    public var key: String
    /// The row or entry, named for a report.
    public var description: String

    /// Creates a record.
    public init(key: String, description: String) {
      self.key = key
      self.description = description
    }
  }

  /// A domain table's rows as the cross-check reads them.
  public struct Rows: Sendable {
    /// One record per `pointer_move` row (``move(id:artefact:pointer:from:to:actor:at:request:)``).
    public var moves: [Record] = []
    /// One record per `promotion_request` row (``request(id:artefact:version:target:requester:at:)``).
    public var requests: [Record] = []
    /// One record per `request_decision` row (``decision(id:request:actor:verdict:at:)``).
    public var decisions: [Record] = []
    /// One record per `rollout` row's start (``rolloutStart(id:artefact:version:actor:at:)``).
    public var rollouts: [Record] = []
    /// Each rollout's subject (`artefact:RO-id`) → its phase and update time (ms), with its description.
    public var rolloutStates: [String: (phase: String, at: Int64, description: String)] = [:]
    /// One record per `incident` row's opening (``incidentOpen(id:actor:at:)``).
    public var incidents: [Record] = []
    /// Each incident's subject (`INC-id`) → its state, with its description.
    public var incidentStates: [String: (state: String, description: String)] = [:]
    /// One record per `incident_note` row (``note(id:incident:actor:at:text:)``).
    public var notes: [Record] = []
    /// Each pointer row: subject (`artefact:pointer`) → the version it holds.
    public var pointers: [String: String] = [:]
    /// The pointer moves in `id` order: subject, versions before and after, and the row's description.
    public var moveSteps: [(subject: String, from: String?, to: String?, description: String)] = []
    /// Each request's subject (`REQ-id`) → its state, with its description.
    public var requestStates: [String: (state: String, description: String)] = [:]
    /// Each artefact → its canary weight (percent), with its description.
    public var canaryWeights: [String: (weight: Int64, description: String)] = [:]
    /// One record per `silence` row's creation (``silenceCreate(id:actor:at:startsAt:matchers:)``).
    public var silences: [Record] = []
    /// Each silence's subject (`SIL-id`) → its end (ms), with its description.
    public var silenceEnds: [String: (endsAt: Int64, description: String)] = [:]

    /// No rows.
    public init() {}
  }

  /// `2026-03-01T12:00:00.000Z`-style time of `ms` for a report.
  static func time(_ ms: Int64) -> String { Timestamp(millisecondsSinceEpoch: ms).rfc3339 }

  /// A `pointer_move` row.
  public static func move(
    id: Int64, artefact: String, pointer: String, from: String?, to: String?, actor: String, at: Int64,
    request: Int64?
  ) -> Record {
    Record(
      key: moveKey(artefact + ":" + pointer, actor, at, from, to, request),
      description:
        "pointer_move #\(id) \(artefact) \(pointer) \(from ?? "none") → \(to ?? "none") at \(time(at)) by \(actor)"
    )
  }

  /// A `promotion_request` row, with the rule it was filed under
  /// (approvals needed, the role one approver must hold, self-approval).
  public static func request(
    id: Int64, artefact: String, version: String, target: String, requester: String, at: Int64,
    approvals: Int64, role: String?, selfApproval: Bool
  ) -> Record {
    Record(
      key: [
        "request", "REQ-\(id)", artefact, version, target, requester, String(at), String(approvals),
        role ?? "\u{0}", String(selfApproval),
      ].joined(separator: "\u{1F}"),
      description:
        "promotion_request REQ-\(id) \(artefact) \(target) → \(version) by \(requester) at \(time(at))")
  }

  /// A `request_decision` row.
  public static func decision(id: Int64, request: Int64, actor: String, verdict: String, at: Int64) -> Record
  {
    Record(
      key: ["decision", "REQ-\(request)", actor, verdict, String(at)].joined(separator: "\u{1F}"),
      description: "request_decision #\(id) \(verdict) of REQ-\(request) by \(actor) at \(time(at))")
  }

  /// A `rollout` row's start.
  public static func rolloutStart(id: Int64, artefact: String, version: String, actor: String, at: Int64)
    -> Record
  {
    Record(
      key: ["rollout", "\(artefact):RO-\(id)", version, actor, String(at)].joined(separator: "\u{1F}"),
      description: "rollout RO-\(id) \(artefact) \(version) started by \(actor) at \(time(at))")
  }

  /// An `incident` row's opening.
  public static func incidentOpen(id: Int64, actor: String, at: Int64) -> Record {
    Record(
      key: ["incident", "INC-\(id)", actor, String(at)].joined(separator: "\u{1F}"),
      description: "incident INC-\(id) opened by \(actor) at \(time(at))")
  }

  /// An `incident_note` row.
  public static func note(id: Int64, incident: Int64, actor: String, at: Int64, text: String) -> Record {
    Record(
      key: ["note", "INC-\(incident)", actor, String(at), text].joined(separator: "\u{1F}"),
      description: "incident_note #\(id) on INC-\(incident) by \(actor) at \(time(at))")
  }

  /// A `silence` row's creation: who made it, when (ms), when it starts
  /// (ms) and its label matchers as written (`severity="page"`; the raw
  /// column for a row whose matchers do not decode, which then matches no entry).
  public static func silenceCreate(id: Int64, actor: String, at: Int64, startsAt: Int64, matchers: [String])
    -> Record
  {
    Record(
      key: silenceKey("SIL-\(id)", actor, at, time(startsAt), matchers),
      description: "silence SIL-\(id) by \(actor) at \(time(at))")
  }

  /// The key a silence and its `silence.create` entry share: subject, actor,
  /// time (ms), start (RFC 3339, as the entry writes it) and matchers, joined
  /// by U+001F (the matchers among themselves by U+001E).
  static func silenceKey(
    _ subject: String, _ actor: String, _ at: Int64, _ starts: String, _ matchers: [String]
  )
    -> String
  {
    ["silence", subject, actor, String(at), starts, matchers.joined(separator: "\u{1E}")].joined(
      separator: "\u{1F}")
  }

  /// The key a pointer move and its entry share: subject (`artefact:pointer`),
  /// actor, time (ms), versions before and after and request id (NUL for none),
  /// joined by U+001F.
  static func moveKey(
    _ subject: String, _ actor: String, _ at: Int64, _ from: String?, _ to: String?, _ request: Int64?
  )
    -> String
  {
    ["move", subject, actor, String(at), from ?? "\u{0}", to ?? "\u{0}", request.map(String.init) ?? "\u{0}"]
      .joined(separator: "\u{1F}")
  }

  /// The mismatches between `rows` and `entries` (the whole log), one
  /// sentence each, rows first (in table order), then entries (by sequence):
  /// "pointer_move #12 support-bot production v3 → v4 at …: no audit entry",
  /// "audit entry #40 pointer.move support-bot:production: no pointer_move row".
  public static func mismatches(rows: Rows, entries: [AuditEntry]) -> [String] {
    var byKind: [String: [(Record, Int64)]] = [:]
    var newestState: [String: (entry: AuditEntry, state: String)] = [:]
    var newestRollout: [String: AuditEntry] = [:]
    var newestRequestState: [String: (entry: AuditEntry, state: String)] = [:]
    var newestWeight: [String: (entry: AuditEntry, weight: Int64?)] = [:]
    var newestSilenceEnd: [String: (entry: AuditEntry, endsAt: String?)] = [:]
    for entry in entries {
      let after = object(entry.after)
      let before = object(entry.before)
      func add(_ kind: String, _ key: String, _ noun: String) {
        byKind[kind, default: []].append(
          (
            Record(
              key: key,
              description:
                "audit entry #\(entry.sequence) \(entry.action.rawValue) \(entry.subject): no \(noun) row"),
            entry.sequence
          ))
      }
      switch entry.action {
      case .pointerMove, .rollback:
        add(
          "move",
          moveKey(
            entry.subject, entry.actor, entry.at.millisecondsSinceEpoch, before["version"] as? String,
            after["version"] as? String, (after["request"] as? NSNumber)?.int64Value), "pointer_move")
      case .requestCreate:
        let requester = after["requester"] as? String ?? entry.actor
        add(
          "request",
          [
            "request", entry.subject, after["artefact"] as? String ?? "", after["version"] as? String ?? "",
            after["target"] as? String ?? "", requester, String(entry.at.millisecondsSinceEpoch),
            String((after["approvalsNeeded"] as? NSNumber)?.int64Value ?? -1),
            after["requiredRole"] as? String ?? "\u{0}", String((after["selfApproval"] as? Bool) ?? false),
          ].joined(separator: "\u{1F}"), "promotion_request")
      case .requestApprove, .requestReject:
        add(
          "decision",
          [
            "decision", entry.subject, entry.actor, entry.action == .requestApprove ? "approve" : "reject",
            String(entry.at.millisecondsSinceEpoch),
          ].joined(separator: "\u{1F}"), "request_decision")
      case .rolloutStart:
        add(
          "rollout",
          [
            "rollout", entry.subject, after["version"] as? String ?? "", entry.actor,
            String(entry.at.millisecondsSinceEpoch),
          ]
          .joined(separator: "\u{1F}"), "rollout")
      case .incidentOpen:
        add(
          "incident",
          ["incident", entry.subject, entry.actor, String(entry.at.millisecondsSinceEpoch)].joined(
            separator: "\u{1F}"),
          "incident")
      case .incidentNote:
        add(
          "note",
          ["note", entry.subject, entry.actor, String(entry.at.millisecondsSinceEpoch), entry.reason].joined(
            separator: "\u{1F}"), "incident_note")
      case .silenceCreate:
        add(
          "silence",
          silenceKey(
            entry.subject, entry.actor, entry.at.millisecondsSinceEpoch, after["starts_at"] as? String ?? "",
            (after["matchers"] as? [Any])?.map { $0 as? String ?? "" } ?? []), "silence")
      case .canaryWeight:
        newestWeight[entry.subject] = (entry, (after["weight"] as? NSNumber)?.int64Value)
      default:
        break
      }
      if entry.action == .silenceCreate || entry.action == .silenceExpire {
        newestSilenceEnd[entry.subject] = (entry, after["ends_at"] as? String)
      }
      if entry.action.rawValue.hasPrefix("rollout.") { newestRollout[entry.subject] = entry }
      if entry.action.rawValue.hasPrefix("request."), let state = after["state"] as? String {
        newestRequestState[entry.subject] = (entry, state)
      }
      if entry.action.rawValue.hasPrefix("incident."), let state = after["state"] as? String {
        newestState[entry.subject] = (entry, state)
      }
    }
    var rowProblems: [String] = []
    var entryProblems: [(String, Int64)] = []
    for (kind, records) in [
      ("move", rows.moves), ("request", rows.requests), ("decision", rows.decisions),
      ("rollout", rows.rollouts),
      ("incident", rows.incidents), ("note", rows.notes), ("silence", rows.silences),
    ] {
      var unmatched: [String: [(Record, Int64)]] = Dictionary(grouping: byKind[kind] ?? [], by: { $0.0.key })
      for row in records {
        if var list = unmatched[row.key], !list.isEmpty {
          list.removeFirst()
          unmatched[row.key] = list
        } else {
          rowProblems.append("\(row.description): no audit entry")
        }
      }
      for list in unmatched.values {
        for (record, sequence) in list { entryProblems.append((record.description, sequence)) }
      }
    }
    for (subject, row) in rows.rolloutStates.sorted(by: { $0.key < $1.key }) {
      guard let entry = newestRollout[subject] else { continue }  // reported above: no rollout.start
      let phase = object(entry.after)["phase"] as? String
      if phase != row.phase || entry.at.millisecondsSinceEpoch != row.at {
        rowProblems.append(
          "\(row.description): its state \(row.phase) at \(time(row.at)) is not the one its newest audit entry #\(entry.sequence) records (\(phase ?? "none") at \(entry.at.rfc3339))"
        )
      }
    }
    for (subject, row) in rows.incidentStates.sorted(by: { $0.key < $1.key }) {
      guard let newest = newestState[subject] else { continue }
      if newest.state != row.state {
        rowProblems.append(
          "\(row.description): its state \(row.state) is not the one its newest audit entry #\(newest.entry.sequence) records (\(newest.state))"
        )
      }
    }
    // A request the log closed (rejected, cancelled, expired, applied) is never open again.
    for (subject, row) in rows.requestStates.sorted(by: { $0.key < $1.key }) {
      guard let newest = newestRequestState[subject], newest.state != row.state,
        ["rejected", "cancelled", "expired", "applied"].contains(newest.state)
      else { continue }
      rowProblems.append(
        "\(row.description): its state \(row.state) is not the one its newest audit entry #\(newest.entry.sequence) records (\(newest.state)): a closed request was reopened"
      )
    }
    // A canary weight is what its newest canary.weight entry set (0, the default, when none did).
    for (artefact, row) in rows.canaryWeights.sorted(by: { $0.key < $1.key }) {
      let newest = newestWeight[artefact]
      guard row.weight != (newest.map { $0.weight ?? -1 } ?? 0) else { continue }
      if let newest {
        rowProblems.append(
          "\(row.description) is \(row.weight) % but its newest audit entry #\(newest.entry.sequence) canary.weight set \(newest.weight.map { "\($0) %" } ?? "none")"
        )
      } else {
        rowProblems.append(
          "\(row.description) is \(row.weight) % but no canary.weight audit entry ever set it")
      }
    }
    // A silence ends when its newest entry (its creation, or its early expiry) says.
    for (subject, row) in rows.silenceEnds.sorted(by: { $0.key < $1.key }) {
      guard let newest = newestSilenceEnd[subject] else { continue }  // reported above: no silence.create
      if newest.endsAt != time(row.endsAt) {
        rowProblems.append(
          "\(row.description): it ends at \(time(row.endsAt)) but its newest audit entry #\(newest.entry.sequence) \(newest.entry.action.rawValue) says \(newest.endsAt ?? "none")"
        )
      }
    }
    rowProblems += pointerProblems(rows)
    return rowProblems + entryProblems.sorted { $0.1 < $1.1 }.map(\.0)
  }

  /// Pointers against their moves: each move starts where the one before it
  /// (same artefact and pointer) left the pointer, and each pointer holds
  /// what its last move set (a pointer without moves, or one whose last move
  /// set none, is reported). A pointer changed by SQL without a move — the
  /// move table and the audit log both clean — shows here.
  static func pointerProblems(_ rows: Rows) -> [String] {
    var problems: [String] = []
    var last: [String: (to: String?, description: String)] = [:]
    for step in rows.moveSteps {
      if let previous = last[step.subject], previous.to != step.from {
        problems.append(
          "\(step.description): starts from \(step.from ?? "none") but the move before it (\(previous.description)) left the pointer at \(previous.to ?? "none")"
        )
      }
      last[step.subject] = (step.to, step.description)
    }
    let subjects = Set(rows.pointers.keys).union(last.compactMap { $0.value.to == nil ? nil : $0.key })
    for subject in subjects.sorted() {
      let held = rows.pointers[subject]
      let moved = last[subject]
      guard held != moved?.to else { continue }
      let name = subject.replacingOccurrences(of: ":", with: " ")
      if let moved {
        problems.append(
          "pointer \(name) holds \(held ?? "none") but its last move (\(moved.description)) set \(moved.to ?? "none"): changed without a move"
        )
      } else {
        problems.append(
          "pointer \(name) holds \(held ?? "none") but no move ever set it: changed without a move")
      }
    }
    return problems
  }

  /// The JSON object `text` holds (empty when `nil` or not an object).
  static func object(_ text: String?) -> [String: Any] {
    guard let text, let data = text.data(using: .utf8),
      let value = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
    else { return [:] }
    return value
  }
}
