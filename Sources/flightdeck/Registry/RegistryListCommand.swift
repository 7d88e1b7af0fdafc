import ArgumentParser
import FlightDeckCore

/// `flightdeck registry list`: one line per artefact.
struct RegistryListCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "list",
    abstract: "List artefacts: kind, risk tier, owner, versions, production, canary, open requests.",
    discussion: """
      --json: {"artefacts":[{"name","kind","tier","owner","description","versions":N,\
      "pointers":{"production":"v2",…},"canary_weight_percent":N,"serving":[{"version","weight"}],\
      "open_requests":N}]} ("serving": who serves users, as published routing splits it; the canary \
      column says "promoted" when the canary pointer names the production version).
      Exit codes: 0 ok; 1 no workspace or a storage failure; 64 bad arguments.
      """)

  @OptionGroup var options: RegistryOptions

  func run() throws {
    try RegistryCLI.run {
      let context = try RegistryContext(options)
      let snapshot = try context.openForReading().snapshot()
      if context.json {
        RegistryCLI.printJSON(
          .object([
            "artefacts": .array(
              snapshot.artefacts.map { a in
                .object([
                  "name": .string(a.artefact.name), "kind": .string(a.artefact.kind.rawValue),
                  "tier": .string(a.artefact.riskTier.rawValue), "owner": .string(a.artefact.owner),
                  "description": .string(a.artefact.description),
                  "versions": .integer(Int64(a.versions.count)),
                  "pointers": RegistryJSON.pointers(a.pointers),
                  "canary_weight_percent": .integer(Int64(a.canaryWeightPercent)),
                  "serving": RegistryCLI.servingJSON(a),
                  "open_requests": .integer(Int64(snapshot.openRequests(artefact: a.artefact.name).count)),
                ])
              })
          ]))
        return
      }
      var table = CLITable([
        "ARTEFACT", "KIND", "TIER", "OWNER", "VERSIONS", "PRODUCTION", "CANARY", "OPEN REQUESTS",
      ])
      for a in snapshot.artefacts {
        let canary = RegistryCLI.canaryText(a)
        table.add([
          a.artefact.name, a.artefact.kind.rawValue, a.artefact.riskTier.rawValue,
          a.artefact.owner.isEmpty ? "-" : a.artefact.owner, String(a.versions.count),
          a.pointers[.production] ?? "-", canary ?? "-",
          String(snapshot.openRequests(artefact: a.artefact.name).count),
        ])
      }
      RegistryCLI.print(
        table.render(empty: "no artefacts registered (flightdeck registry register NAME --kind model)"))
    }
  }
}
