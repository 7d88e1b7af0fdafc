import ArgumentParser
import FlightDeckCore
import Foundation

/// `flightdeck registry register ARTEFACT [VERSION]`: register an artefact, or a version of one.
struct RegistryRegisterCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "register",
    abstract: "Register an artefact (no VERSION) or a version of a registered artefact.",
    discussion: """
      Without VERSION: registers the artefact with --kind, --tier, --owner, --description.
      With VERSION: registers an immutable version of an existing artefact (register the artefact \
      first), with --source, --tag and --description; --template FILE stores that prompt template (UTF-8 \
      text, at most 256 KiB) with the version, immutable, and records its SHA-256 as the source.
      Sources: git:COMMIT (7–40 hex digits), mlflow-run:RUN_ID, sha256:HEX (64 hex digits), uri:ANY.
      --json: the outcome {"message","changed","request":null,"moves":[],"audit_sequences":[N],"warnings":[]}.
      Exit codes: 0 registered; 1 refused (exists already, unknown artefact, bad name or label); \
      64 bad arguments.
      """)

  @OptionGroup var options: RegistryOptions

  @Argument(help: "The artefact name (letters, digits, . _ - /).")
  var artefact: String

  @Argument(help: "The version label (v12, 2024.06.01, 15); leave out to register the artefact.")
  var version: String?

  @Option(help: "Artefact kind: model, prompt or agent (artefact only; default model).")
  var kind: String?

  @Option(help: "Risk tier: low, medium, high or critical (artefact only; default medium).")
  var tier: String?

  @Option(help: "Owning team or person (artefact only).")
  var owner: String?

  @Option(help: "Free-text description.")
  var description: String = ""

  @Option(help: "Where the version came from: git:COMMIT, mlflow-run:ID, sha256:HEX or uri:ANY.")
  var source: String?

  @Option(
    help:
      "A prompt template file (UTF-8, at most 256 KiB), stored with the version; its SHA-256 becomes the source."
  )
  var template: String?

  @Option(name: .customLong("tag"), help: "A tag KEY=VALUE (repeatable).")
  var tags: [String] = []

  func validate() throws {
    if let template { try ConfigPathCheck.validate(template, option: "--template") }
    if version == nil {
      if source != nil || template != nil || !tags.isEmpty {
        throw ValidationError("--source, --template and --tag describe a version: give VERSION too")
      }
      if let kind, ArtefactKind(rawValue: kind) == nil {
        throw ValidationError("--kind: '\(RegistryNames.excerpt(kind))' is not one of model, prompt, agent")
      }
      if let tier, RiskTier(rawValue: tier) == nil {
        throw ValidationError(
          "--tier: '\(RegistryNames.excerpt(tier))' is not one of low, medium, high, critical")
      }
    } else {
      if kind != nil || tier != nil || owner != nil {
        throw ValidationError("--kind, --tier and --owner describe the artefact: register it without VERSION")
      }
      if source != nil && template != nil { throw ValidationError("give --source or --template, not both") }
      if let source { _ = try Self.parseSource(source) }
      for t in tags where !t.contains("=") || t.hasPrefix("=") {
        throw ValidationError("--tag: '\(RegistryNames.excerpt(t))' is not KEY=VALUE")
      }
    }
  }

  /// Parses `kind:value`.
  /// - Throws: `ValidationError` naming what is wrong.
  static func parseSource(_ text: String) throws -> SourceReference {
    guard let colon = text.firstIndex(of: ":"),
      let kind = SourceReference.Kind(rawValue: String(text[..<colon]))
    else {
      throw ValidationError(
        "--source: '\(RegistryNames.excerpt(text))' must start with git:, mlflow-run:, sha256: or uri:")
    }
    let value = String(text[text.index(after: colon)...])
    let hex = !value.isEmpty && value.allSatisfy(\.isHexDigit)
    switch kind {
    case .git where !(hex && (7...40).contains(value.count)):
      throw ValidationError("--source: a git commit is 7–40 hex digits")
    case .sha256 where !(hex && value.count == 64):
      throw ValidationError("--source: a sha256 digest is 64 hex digits")
    case .mlflowRun where !hex:
      throw ValidationError("--source: an MLflow run id is hex digits (32)")
    case .uri where value.isEmpty:
      throw ValidationError("--source: uri: needs a location")
    default: break
    }
    return SourceReference(kind: kind, value: kind == .uri ? value : value.lowercased())
  }

  /// The template in the file at `path`, checked (``PromptTemplate``).
  /// - Throws: `CLIError` naming the file: unreadable, larger than 256 KiB
  ///   (refused before it is read whole), not UTF-8 (with the offset of the
  ///   first bad byte), empty or holding a NUL character.
  static func readTemplate(_ path: String) throws -> PromptTemplate {
    let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue
    if let size, size > PromptTemplate.maximumBytes {
      throw CLIError(
        "--template \(path): \(size) bytes; at most \(PromptTemplate.maximumBytes) (256 KiB) are kept")
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw CLIError("--template: cannot read '\(RegistryNames.excerpt(path))'")
    }
    do {
      return try PromptTemplate(data: data)
    } catch {
      throw CLIError("--template \(path): \(error.message)")
    }
  }

  func run() throws {
    try RegistryCLI.run {
      let context = try RegistryContext(options)
      let command: RegistryCommand
      if let version {
        var reference = try source.map(Self.parseSource)
        var text: String?
        if let template {
          let prompt = try Self.readTemplate(template)
          reference = prompt.sourceReference
          text = prompt.text
        }
        var tagMap: [String: String] = [:]
        for t in tags {
          let parts = t.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
          tagMap[String(parts[0])] = parts.count > 1 ? String(parts[1]) : ""
        }
        command = .registerVersion(
          artefact: artefact, label: version, source: reference, tags: tagMap, description: description,
          template: text)
      } else {
        command = .registerArtefact(
          name: artefact, kind: kind.flatMap(ArtefactKind.init(rawValue:)) ?? .model, owner: owner ?? "",
          riskTier: tier.flatMap(RiskTier.init(rawValue:)) ?? .medium, description: description)
      }
      let store = try context.open()
      do {
        RegistryCLI.report(try context.perform(command, on: store), json: context.json)
      } catch let e as RegistryError where e.code == .notFound && version != nil {
        // A version of an artefact not registered yet: say how to register it.
        throw RegistryError(
          .notFound,
          e.message + " (register it first: flightdeck registry register "
            + RegistryNames.quoted(artefact) + " --kind model|prompt|agent)")
      }
    }
  }
}
