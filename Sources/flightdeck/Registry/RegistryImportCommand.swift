import ArgumentParser
import FlightDeckCore
import Foundation

/// `flightdeck registry import mlflow FILE`: import a registered model from MLflow.
struct RegistryImportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import",
    abstract: "Import a registered model and its versions from an MLflow JSON file.",
    discussion: """
      Reads MLflow's REST shapes ({"registered_model":…}, {"model_version":…}, {"model_versions":[…]}, a \
      bare model or version object) and mlflow-export-import files ({"system":…,"mlflow":{…}}). Stages: \
      Production → pointer production, Staging → staging, Archived → tag mlflow.stage=Archived. Aliases \
      become pointers (lower-cased when that makes them valid). Anything not decided silently (two \
      versions in Production, skipped aliases) is printed as `warning: …` on stderr. Importing the same \
      file twice changes nothing.
      --json: the outcome {"message","changed","request":null,"moves":[move],"audit_sequences":[…],\
      "warnings":[…]} with the reader's warnings first.
      Exit codes: 0 imported (or already up to date); 1 unreadable or invalid file (the message names \
      the file and JSON field path) or a refusal; 64 bad arguments.
      """)

  /// Registries FlightDeck imports from.
  enum Source: String, ExpressibleByArgument, CaseIterable {
    case mlflow
  }

  @OptionGroup var options: RegistryOptions

  @Argument(help: "Where the file comes from: mlflow.")
  var source: Source

  @Argument(help: "The JSON file.", completion: .file())
  var file: String

  @Option(help: "Risk tier for a newly created artefact: low, medium, high or critical.")
  var tier: String = "medium"

  func validate() throws {
    try ConfigPathCheck.validate(file, option: nil)
    if RiskTier(rawValue: tier) == nil {
      throw ValidationError(
        "--tier: '\(RegistryNames.excerpt(tier))' is not one of low, medium, high, critical")
    }
  }

  func run() throws {
    try RegistryCLI.run {
      let context = try RegistryContext(options)
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory), !isDirectory.boolValue,
        let data = FileManager.default.contents(atPath: file)
      else {
        throw CLIError("cannot read '\(RegistryNames.excerpt(file))' (missing, a folder or not readable)")
      }
      let plan = try MLflowRegistryImport.plan(
        data: data, file: file, riskTier: RiskTier(rawValue: tier) ?? .medium)
      let store = try context.open()
      var outcome = try context.perform(.importArtefact(plan), on: store)
      outcome.warnings = plan.warnings + outcome.warnings.filter { !plan.warnings.contains($0) }
      RegistryCLI.report(outcome, json: context.json)
    }
  }
}
