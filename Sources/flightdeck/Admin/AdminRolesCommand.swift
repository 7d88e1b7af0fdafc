import ArgumentParser
import FlightDeckCore
import Foundation

/// `flightdeck admin roles`: print or apply the team's roles and grants.
struct AdminRolesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "roles",
    abstract: "Print (or apply) the SQL that sets up a team's roles and grants on a PostgreSQL store.",
    discussion: """
      Four group roles, each a member of the one before it: flightdeck_viewer (reads), \
      flightdeck_operator (requests promotions, runs rollouts, alerts and incidents), flightdeck_approver \
      (decides requests, moves pointers), flightdeck_release_manager (registers artefacts and versions). \
      Each person logs in as their own role, a member of one of these: FlightDeck records session_user \
      as the actor and takes roles from the memberships, and the grants make the database itself refuse \
      a role without the right (see the PostgreSQL store article and the release-management runbook).
      Without --apply the SQL is printed for a database administrator to read and run; with --apply it \
      runs in one transaction as the role the store's location logs in as (the schema's owner). A SQLite \
      store has no roles: its actor is the operating-system user or $FLIGHTDECK_USER, unauthenticated.
      Exit codes: 0 printed or applied; 1 refused (the reason on stderr); 64 bad arguments.
      """)

  @Option(
    help: ArgumentHelp(
      "The store: postgres://USER@HOST/DATABASE (default: $FLIGHTDECK_STORE, else the config's `store`).",
      valueName: "url"))
  var store: String?

  @Option(
    help: "A configuration file (TOML) whose `store` names the store.",
    completion: .file(extensions: ["toml"]))
  var config: String?

  @Flag(help: "Run the SQL on the store instead of printing it.")
  var apply = false

  func run() throws {
    try RegistryCLI.run {
      let configured = try ConfigurationChoice.choose(config: config, workspace: nil).configuration.store
      guard let location = try StoreLocation.chosen(option: store, configuration: configured) else {
        throw RegistryError(
          .invalidInput(field: "store"),
          "give the store: --store postgres://USER@HOST/DATABASE or FLIGHTDECK_STORE")
      }
      let backend = try StoreBackends.cli.backend(for: location)
      guard let admin = backend as? any StoreTeamAdministration else {
        throw RegistryError(
          .notApplicable,
          "\(location.scheme): stores have no database roles: the actor is the operating-system user or $FLIGHTDECK_USER, unauthenticated; use a PostgreSQL store for a team"
        )
      }
      if apply {
        let count = try admin.applyTeamSetup(at: location)
        RegistryCLI.say("applied \(count) statements to \(location): roles and grants are set up")
      } else {
        print(try admin.teamSetupScript(at: location), terminator: "")
      }
    }
  }
}
