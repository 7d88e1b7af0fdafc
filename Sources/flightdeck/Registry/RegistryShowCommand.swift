import ArgumentParser
import FlightDeckCore

/// `flightdeck registry show ARTEFACT`: versions, pointers and open requests of one artefact.
struct RegistryShowCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "show",
    abstract: "Show one artefact: its versions with pointers, source, tags; its pointers; open requests.",
    discussion: """
      --json: {"artefact":{"name","kind","tier","owner","description","created_at","created_by",\
      "canary_weight_percent","serving":[{"version","weight"}]},"versions":[version],"pointers":{"production":{"version","moved_at",\
      "moved_by","reason"},…},"requests":[request]} (version and request as in `flightdeck requests --json`; \
      each version's "gates" is its latest gate check {"passed","tier","pass_count","gate_count",\
      "evaluated_at","evaluated_by"} or null).
      Exit codes: 0 ok; 1 unknown artefact, no workspace or a storage failure; 64 bad arguments.
      """)

  @OptionGroup var options: RegistryOptions

  @Argument(help: "The artefact name.")
  var artefact: String

  func run() throws {
    try RegistryCLI.run {
      let context = try RegistryContext(options)
      let snapshot = try context.openForReading().snapshot()
      guard let entry = snapshot.artefact(artefact) else {
        throw RegistryError(
          .notFound, "no artefact named \"\(RegistryNames.quoted(artefact))\" (see flightdeck registry list)")
      }
      let a = entry.artefact
      let open = snapshot.openRequests(artefact: artefact)
      if context.json {
        var pointers: [String: CanonicalJSON.Value] = [:]
        for (p, v) in entry.pointers {
          let m = entry.lastMoves[p]
          pointers[p.rawValue] = .object([
            "version": .string(v), "moved_at": RegistryJSON.time(m?.at), "moved_by": .optional(m?.actor),
            "reason": .optional(m?.reason),
          ])
        }
        RegistryCLI.printJSON(
          .object([
            "artefact": .object([
              "name": .string(a.name), "kind": .string(a.kind.rawValue), "tier": .string(a.riskTier.rawValue),
              "owner": .string(a.owner), "description": .string(a.description),
              "created_at": RegistryJSON.time(a.createdAt), "created_by": .string(a.createdBy),
              "canary_weight_percent": .integer(Int64(entry.canaryWeightPercent)),
              "serving": RegistryCLI.servingJSON(entry),
            ]),
            "versions": .array(
              entry.versions.map { RegistryJSON.version($0, pointers: entry.pointers(on: $0.label)) }),
            "pointers": .object(pointers),
            "requests": .array(open.map(RegistryJSON.request)),
          ]))
        return
      }
      var text = "\(a.name)  \(a.kind.rawValue), \(a.riskTier.rawValue) risk"
      if !a.owner.isEmpty { text += ", owner \(a.owner)" }
      text += "; registered \(a.createdAt.rfc3339) by \(a.createdBy)"
      RegistryCLI.say(text)
      if !a.description.isEmpty { RegistryCLI.say(a.description) }
      if let canary = RegistryCLI.canaryText(entry) { RegistryCLI.say("canary \(canary)") }

      var versions = CLITable(["VERSION", "POINTERS", "GATES", "SOURCE", "TAGS", "CREATED", "BY"])
      for v in entry.versions.reversed() {
        var pointers = entry.pointers(on: v.label).map(\.rawValue).joined(separator: ",")
        if v.rolledBackAt != nil { pointers += pointers.isEmpty ? "(rolled back)" : " (rolled back)" }
        let tags = v.tags.keys.sorted().map { "\($0)=\(v.tags[$0] ?? "")" }.joined(separator: " ")
        versions.add([
          v.label, pointers.isEmpty ? "-" : pointers,
          v.gates.map { "\($0.text) \($0.evaluatedAt.rfc3339)" } ?? "never checked",
          v.source?.text ?? "-", tags.isEmpty ? "-" : tags,
          v.createdAt.rfc3339, v.createdBy.isEmpty ? "-" : v.createdBy,
        ])
      }
      RegistryCLI.print("\nVersions (newest first)\n" + versions.render(empty: "  no versions"))

      var pointers = CLITable(["POINTER", "VERSION", "MOVED", "BY", "REASON"])
      for p in entry.pointers.keys.sorted() {
        let m = entry.lastMoves[p]
        pointers.add([
          p.rawValue, entry.pointers[p] ?? "-", m?.at.rfc3339 ?? "-", m?.actor ?? "-", m?.reason ?? "",
        ])
      }
      RegistryCLI.print("\nPointers\n" + pointers.render(empty: "  no pointers"))

      var requests = CLITable(["REQUEST", "VERSION", "TARGET", "APPROVALS", "REQUESTER", "EXPIRES", "REASON"])
      for r in open {
        requests.add([
          r.displayID, r.version, r.target.rawValue, RequestsCommand.approvals(r), r.requester,
          r.expiresAt.rfc3339, r.reason,
        ])
      }
      RegistryCLI.print("\nOpen requests\n" + requests.render(empty: "  none"))
    }
  }
}
