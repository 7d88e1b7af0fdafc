import ArgumentParser
import FlightDeckCore

/// The options every registry command shares: where the workspace is, the
/// configuration (risk policy and roles) and the output form.
struct RegistryOptions: ParsableArguments {
  @Option(
    help: "The workspace folder (default: the config's `workspace`, else ./.flightdeck).",
    completion: .directory)
  var workspace: String?

  @Option(
    help: "A configuration file (TOML) with `workspace`, [policy] and [roles].",
    completion: .file(extensions: ["toml"]))
  var config: String?

  @Option(
    help: ArgumentHelp(
      "Where the store is: sqlite:PATH or postgres://USER@HOST/DATABASE (default: $FLIGHTDECK_STORE, else the config's `store`, else the workspace folder's own file).",
      valueName: "url"))
  var store: String?

  @Flag(help: "Print one JSON document (for scripts) instead of a table.")
  var json = false

  func validate() throws {
    if let config { try ConfigPathCheck.validate(config) }
    if let workspace, workspace.isEmpty { throw ValidationError("--workspace: give a folder") }
    if let store {
      do { _ = try StoreLocation(parsing: store) } catch let e as RegistryError {
        throw ValidationError("--store: \(e.message)")
      }
    }
  }
}
