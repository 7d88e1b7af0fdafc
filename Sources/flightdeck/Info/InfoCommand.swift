import ArgumentParser
import FlightDeckCore
import FlightDeckTUI
import Foundation

/// `flightdeck info`: where FlightDeck finds and puts things, as `k9s info` prints.
struct InfoCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "info",
    abstract: "Print where the configuration, themes, logs, workspace and store are.",
    discussion: """
      The configuration folder is $FLIGHTDECK_CONFIG_DIR, else $XDG_CONFIG_HOME/flightdeck, else \
      ~/.config/flightdeck; it holds config.toml (the keys of flightdeck.toml, read when no --config is \
      given: its workspace and store are found from any folder), themes/ (your own *.toml themes beside \
      the shipped ones) and keymap.toml (your key bindings; the dashboard refuses a bad one, naming file, \
      line and field). Logs go to $FLIGHTDECK_LOG, else flightdeck.log in $XDG_STATE_HOME/flightdeck \
      (else ~/.local/state/flightdeck), unless the configuration's [log] file names one; the level is \
      $FLIGHTDECK_LOG_LEVEL, else [log] level, else info. The workspace and store are the ones a registry \
      command here would use (--workspace, --config, --store and FLIGHTDECK_STORE count). Secrets are never printed.
      --json: {"version","configuration":{"folder","chosen_by","file","file_exists"},"themes":{"folder",\
      "user_themes":[…],"shipped_folder":str|null},"keymap":{"file","in_use","problems":[…]},\
      "log":{"file","chosen_by","level","level_chosen_by"},\
      "workspace":{"folder","exists","configuration_file":str|null},"store"}.
      Exit codes: 0 printed; 1 a configuration file that exists but is bad; 64 bad arguments.
      """)

  @OptionGroup var options: RegistryOptions

  /// `--log-level`, to see which level a command given it would log at.
  @OptionGroup var log: LogOptions

  func run() throws {
    try RegistryCLI.run {
      let dirs = UserDirectories.current
      let context = try RegistryContext(options)
      let fm = FileManager.default
      let userThemes =
        ((try? fm.contentsOfDirectory(atPath: dirs.themesDirectory)) ?? [])
        .filter { $0.hasSuffix(".toml") }.map { String($0.dropLast(5)) }.sorted()
      let shipped = ThemeCatalog.directory()?.path
      // --config replaces config.toml: name the file this command reads.
      let configFile = options.config ?? dirs.configurationFile
      let configChosenBy = options.config == nil ? dirs.configSource.rawValue : "--config"
      let configExists = fm.fileExists(atPath: configFile)
      let keymapStatus = KeyMapFileStatus(path: dirs.keymapFile)
      let keymapExists = keymapStatus != .absent
      let keymapProblems = keymapStatus.problems
      let keymapInUse = keymapExists && keymapProblems.isEmpty
      let workspace = context.workspace
      var isFolder: ObjCBool = false
      let workspaceExists =
        fm.fileExists(atPath: workspace.directory, isDirectory: &isFolder) && isFolder.boolValue
      let workspaceConfig =
        fm.fileExists(atPath: workspace.configurationPath) ? workspace.configurationPath : nil
      let store = workspace.storeLocation.description
      let logConfig = context.configuration.log
      let logFile = FileLogHandler.defaultPath(configured: logConfig.file)
      let logFileSource: String
      if let env = ProcessInfo.processInfo.environment["FLIGHTDECK_LOG"], !env.isEmpty {
        logFileSource = "FLIGHTDECK_LOG"
      } else if logConfig.file != nil {
        logFileSource = "[log] file"
      } else {
        logFileSource = dirs.stateSource.rawValue
      }
      let (logLevel, logLevelSource) = try logConfig.resolveLevel(
        option: log.logLevel, environment: ProcessInfo.processInfo.environment)
      if context.json {
        RegistryCLI.printJSON(
          .object([
            "version": .string(FlightDeckCommand.version),
            "configuration": .object([
              "folder": .string(dirs.configDirectory), "chosen_by": .string(configChosenBy),
              "file": .string(configFile), "file_exists": .bool(configExists),
            ]),
            "themes": .object([
              "folder": .string(dirs.themesDirectory),
              "user_themes": .array(userThemes.map { .string($0) }), "shipped_folder": .optional(shipped),
            ]),
            "keymap": .object([
              "file": .string(dirs.keymapFile), "in_use": .bool(keymapInUse),
              "problems": .array(keymapProblems.map { .string($0) }),
            ]),
            "log": .object([
              "file": .string(logFile), "chosen_by": .string(logFileSource),
              "level": .string(logLevel.rawValue), "level_chosen_by": .string(logLevelSource.rawValue),
            ]),
            "workspace": .object([
              "folder": .string(workspace.directory), "exists": .bool(workspaceExists),
              "configuration_file": .optional(workspaceConfig),
            ]),
            "store": .string(store),
          ]))
        return
      }
      var table = CLITable(["WHAT", "WHERE", "NOTE"])
      table.add([
        "configuration", configFile,
        options.config != nil
          ? "given with --config (\(dirs.configurationFile) is not read)"
          : (configExists ? "read when no --config is given" : "none yet")
            + " (folder from \(dirs.configSource.rawValue))",
      ])
      table.add([
        "themes", dirs.themesDirectory,
        userThemes.isEmpty ? "none of your own" : userThemes.joined(separator: ", "),
      ])
      table.add(["shipped themes", shipped ?? "-", shipped == nil ? "only the built-in dark theme" : ""])
      table.add([
        "keymap", dirs.keymapFile,
        !keymapExists
          ? "none: default keys"
          : keymapInUse
            ? "in use" : "NOT in use: \(keymapProblems.count) problem(s); the dashboard lists them",
      ])
      table.add(["log", logFile, "chosen by \(logFileSource)"])
      table.add(["log level", logLevel.rawValue, "chosen by \(logLevelSource.rawValue)"])
      table.add([
        "workspace", workspace.directory,
        workspaceExists
          ? (workspaceConfig.map { "its configuration: \($0)" } ?? "exists") : "not created yet",
      ])
      table.add(["store", store, workspace.storeIsEmbedded ? "embedded (SQLite)" : "shared"])
      RegistryCLI.print("flightdeck \(FlightDeckCommand.version)\n" + table.render(empty: ""))
    }
  }
}
