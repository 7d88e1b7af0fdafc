import ArgumentParser
import FlightDeckCore
import FlightDeckNetwork
import FlightDeckTUI
import Foundation

/// `flightdeck doctor`: checks what a deployment needs before it runs, as
/// `brew doctor` and kubeadm's preflight checks do — the configuration and
/// rules validate, every secret file is there and owner-only, the store is
/// reachable with this FlightDeck's schema, the listen ports are free — and
/// prints each check with its outcome. A secret's value is never read into
/// the output: only its path, mode, size and owner.
struct DoctorCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "doctor",
    abstract: "Check what a deployment needs: configuration, rules, secrets, store, ports and folders.",
    discussion: """
      Reads, and never changes: the configuration (--config, else the workspace's flightdeck.toml, \
      and the operator's config.toml), the alert rules file it names, the operator's themes and \
      keymap.toml, every \
      secret file it names (receiver.token_file, receiver.tls_key, controller.resolve_token_file, each \
      receiver's secret_file and routing_key_file, the store's password file: there, a regular file, \
      owner-only, owned by you, not too large, and a token or key its reader accepts), the store \
      (reachable, with this FlightDeck's schema, and who the store says you are), the addresses \
      serve and receive listen on (free to bind; a token wherever one is beyond loopback) and the \
      folders written to (workspace, receiver data folder, routing targets, log).
      Each check prints ok, warn, fail or skip. --json: {"ok":bool,"summary":{"ok","warn","fail",\
      "skip"},"checks":[{"area","subject","outcome","detail"}]}.
      Exit codes: 0 no check failed (warnings allowed); 1 a check failed; 64 bad arguments.
      """)

  @OptionGroup var options: RegistryOptions

  /// `--log-level`, to see which level a command given it would log at.
  @OptionGroup var log: LogOptions

  func validate() throws {
    if let config = options.config { try ConfigPathCheck.validate(config) }
  }

  func run() throws {
    var checks: [DoctorCheck] = []
    let configuration = configurationChecks(&checks)
    if let configuration {
      rulesCheck(configuration, &checks)
      logChecks(configuration, &checks)
    }
    themesCheck(&checks)
    keymapCheck(&checks)
    if let configuration {
      secretChecks(configuration, &checks)
      storeChecks(configuration, &checks)
      listenChecks(configuration, &checks)
      folderChecks(configuration, &checks)
    } else {
      checks.append(
        DoctorCheck(
          area: "store", subject: "-", outcome: .skip,
          detail: "the configuration does not load: secrets, store, ports and folders were not checked"))
    }
    if options.json {
      RegistryCLI.printJSON(Self.json(checks))
    } else {
      RegistryCLI.print(Self.table(checks))
    }
    let status = DoctorCheck.exitStatus(checks)
    if status != 0 { throw ExitCode(status) }
  }

  // MARK: Output

  /// The checks as the JSON the discussion describes.
  static func json(_ checks: [DoctorCheck]) -> CanonicalJSON.Value {
    let counts = Dictionary(grouping: checks, by: \.outcome).mapValues(\.count)
    return .object([
      "ok": .bool(DoctorCheck.exitStatus(checks) == 0),
      "summary": .object(
        Dictionary(
          uniqueKeysWithValues: DoctorOutcome.allCases.map { ($0.rawValue, .integer(Int64(counts[$0] ?? 0))) }
        )),
      "checks": .array(
        checks.map {
          .object([
            "area": .string($0.area), "subject": .string($0.subject), "outcome": .string($0.outcome.rawValue),
            "detail": .string($0.detail),
          ])
        }),
    ])
  }

  /// The checks as a table and a summary line.
  static func table(_ checks: [DoctorCheck]) -> String {
    var table = CLITable(["AREA", "CHECK", "OUTCOME", "DETAIL"])
    for c in checks { table.add([c.area, c.subject, c.outcome.rawValue, c.detail]) }
    let count = { (o: DoctorOutcome) in checks.filter { $0.outcome == o }.count }
    let verdict =
      count(.fail) > 0
      ? "\(count(.fail)) failed: fix them before deploying" : "nothing failed"
    return table.render(empty: "")
      + "\n\(count(.ok)) ok, \(count(.warn)) warnings, \(count(.fail)) failed, \(count(.skip)) skipped: \(verdict)"
  }

  // MARK: Checks

  /// Loads the configuration as the other commands do, one check per file
  /// read; `nil` when the one in force does not load.
  private func configurationChecks(_ checks: inout [DoctorCheck]) -> FlightDeckConfiguration? {
    func load(_ path: String, _ role: String) -> FlightDeckConfiguration?? {
      do {
        let c = try FlightDeckConfiguration.load(path: path)
        checks.append(
          DoctorCheck(area: "configuration", subject: path, outcome: .ok, detail: "\(role): valid"))
        return .some(c)
      } catch {
        checks.append(DoctorCheck(area: "configuration", subject: path, outcome: .fail, detail: "\(error)"))
        return .some(nil)
      }
    }
    if let path = options.config { return load(path, "--config") ?? nil }
    let dirs = UserDirectories.current
    var user: FlightDeckConfiguration?
    var userBroken = false
    if FileManager.default.fileExists(atPath: dirs.configurationFile) {
      switch load(dirs.configurationFile, "the operator's config.toml (\(dirs.configSource.rawValue))") {
      case .some(.some(let c)): user = c
      default: userBroken = true
      }
    }
    let workspace = RegistryWorkspace(
      directory: options.workspace ?? user?.workspace ?? RegistryWorkspace.defaultDirectory)
    if FileManager.default.fileExists(atPath: workspace.configurationPath) {
      // As every command chooses (ConfigurationChoice): the workspace's own over config.toml.
      let own = load(workspace.configurationPath, "the workspace's configuration") ?? nil
      return own.map { own in user.map { own.layered(over: $0) } ?? own }
    }
    if userBroken { return nil }
    if user == nil {
      checks.append(
        DoctorCheck(
          area: "configuration", subject: "-", outcome: .ok,
          detail:
            "no configuration file (neither --config, \(workspace.configurationPath) nor \(dirs.configurationFile)): the defaults"
        ))
    }
    return user ?? FlightDeckConfiguration()
  }

  private func rulesCheck(_ configuration: FlightDeckConfiguration, _ checks: inout [DoctorCheck]) {
    guard let path = configuration.alerts.rulesPath else { return }
    do {
      let groups = try AlertRulesLoader.load(path: path)
      let rules = groups.reduce(0) { $0 + $1.rules.count }
      checks.append(
        DoctorCheck(
          area: "rules", subject: "alerts.rules \(path)", outcome: .ok,
          detail: "\(groups.count) groups, \(rules) rules"))
    } catch let e as AlertRulesFileError {
      let first = e.errors.prefix(3).map(\.description).joined(separator: "; ")
      let more = e.errors.count > 3 ? " (and \(e.errors.count - 3) more: flightdeck rules check \(path))" : ""
      checks.append(
        DoctorCheck(area: "rules", subject: "alerts.rules \(path)", outcome: .fail, detail: first + more))
    } catch {
      checks.append(
        DoctorCheck(area: "rules", subject: "alerts.rules \(path)", outcome: .fail, detail: "\(error)"))
    }
  }

  private func logChecks(_ configuration: FlightDeckConfiguration, _ checks: inout [DoctorCheck]) {
    do {
      let (level, source) = try configuration.log.resolveLevel(
        option: log.logLevel, environment: ProcessInfo.processInfo.environment)
      checks.append(
        DoctorCheck(
          area: "log", subject: "level", outcome: .ok,
          detail: "\(level.rawValue) (chosen by \(source.rawValue))"))
    } catch {
      checks.append(DoctorCheck(area: "log", subject: "level", outcome: .fail, detail: "\(error)"))
    }
  }

  private func themesCheck(_ checks: inout [DoctorCheck]) {
    let folder = UserDirectories.current.themesDirectory
    guard FileManager.default.fileExists(atPath: folder) else { return }
    let (themes, warnings, errors) = ThemeLoader.loadAll(directory: URL(fileURLWithPath: folder))
    for e in errors {
      checks.append(DoctorCheck(area: "themes", subject: folder, outcome: .fail, detail: "\(e)"))
    }
    for w in warnings {
      checks.append(DoctorCheck(area: "themes", subject: folder, outcome: .warn, detail: w))
    }
    if errors.isEmpty {
      checks.append(
        DoctorCheck(
          area: "themes", subject: folder, outcome: .ok,
          detail: themes.isEmpty ? "no themes of your own" : "\(themes.count) of your own: valid"))
    }
  }

  private func keymapCheck(_ checks: inout [DoctorCheck]) {
    let path = UserDirectories.current.keymapFile
    switch KeyMapFileStatus(path: path) {
    case .absent: return
    case .valid:
      checks.append(
        DoctorCheck(area: "keymap", subject: path, outcome: .ok, detail: "valid: the dashboard uses it"))
    case .invalid(let error):
      // Every problem, one per line: the dashboard would refuse to start with them.
      checks.append(DoctorCheck(area: "keymap", subject: path, outcome: .fail, detail: "\(error)"))
    }
  }

  private func secretChecks(_ configuration: FlightDeckConfiguration, _ checks: inout [DoctorCheck]) {
    let source = configuration.source ?? ""
    for secret in DeploymentSecret.all(in: configuration) {
      var (outcome, detail) = SecretFileInspection.inspect(secret.path, maxBytes: secret.kind.maxBytes)
      if outcome != .fail {
        // The reader the server uses accepts it (its errors never carry the value).
        do {
          switch secret.kind {
          case .bearerToken: _ = try OTLPReceiverToken.read(contentsOf: secret.path)
          case .signingSecret:
            _ = try NotificationSecrets.read(secret.path, key: secret.key, configFile: source)
          case .routingKey:
            _ = try NotificationSecrets.readRoutingKey(secret.path, key: secret.key, configFile: source)
          case .tlsKey, .passwordFile: break
          }
        } catch {
          (outcome, detail) = (.fail, "\(error)")
        }
      }
      checks.append(
        DoctorCheck(
          area: "secret", subject: "\(secret.key) (\(secret.kind.rawValue))", outcome: outcome, detail: detail
        ))
    }
    if let certificate = configuration.receiver.tlsCertificate {
      let readable = access(certificate, R_OK) == 0
      checks.append(
        DoctorCheck(
          area: "secret", subject: "receiver.tls_certificate", outcome: readable ? .ok : .fail,
          detail: readable
            ? "\(certificate): readable" : "\(certificate): \(String(cString: strerror(errno)))"))
    }
  }

  private func storeChecks(_ configuration: FlightDeckConfiguration, _ checks: inout [DoctorCheck]) {
    let workspace: RegistryWorkspace
    let backend: any StoreBackend
    do {
      workspace = RegistryWorkspace(
        directory: options.workspace ?? configuration.workspace ?? RegistryWorkspace.defaultDirectory,
        store: try StoreLocation.chosen(option: options.store, configuration: configuration.store))
      backend = try StoreBackends.cli.backend(for: workspace.storeLocation)
    } catch {
      checks.append(DoctorCheck(area: "store", subject: "-", outcome: .fail, detail: "\(error)"))
      return
    }
    let location = workspace.storeLocation
    let subject = location.description
    do {
      for path in try backend.secretFiles(at: location) {
        let (outcome, detail) = SecretFileInspection.inspect(
          path, maxBytes: DeploymentSecret.Kind.passwordFile.maxBytes)
        checks.append(
          DoctorCheck(area: "secret", subject: "store password file", outcome: outcome, detail: detail))
      }
    } catch {
      checks.append(DoctorCheck(area: "store", subject: subject, outcome: .fail, detail: "\(error)"))
      return
    }
    let status: StoreSchemaStatus
    do {
      status = try backend.schemaStatus(at: location)
    } catch {
      checks.append(DoctorCheck(area: "store", subject: subject, outcome: .fail, detail: "\(error)"))
      return
    }
    if status.isCurrent {
      checks.append(
        DoctorCheck(
          area: "store", subject: subject, outcome: .ok,
          detail: "reachable; schema current (\(status.applied.count) migrations)"))
    } else {
      checks.append(
        DoctorCheck(
          area: "store", subject: subject, outcome: .warn,
          detail:
            "reachable; \(status.pending.count) migrations of this FlightDeck not applied yet (\(status.pending.joined(separator: ", "))): the first command that writes applies them"
        ))
      return
    }
    do {
      let store = try workspace.open(
        clock: SystemClock(), policy: configuration.riskPolicy, gatePolicy: configuration.gatePolicy,
        readOnly: true, backends: .cli)
      if let actor = try store.authenticatedActor() {
        let roles = actor.roles.sorted()
        checks.append(
          DoctorCheck(
            area: "identity", subject: actor.name, outcome: .ok,
            detail: "vouched for by the store; team roles: "
              + (roles.isEmpty
                ? "none granted (flightdeck admin roles prints the grants)" : roles.joined(separator: ", "))))
      } else {
        let me = OperatorIdentity.current(roles: configuration.roles)
        checks.append(
          DoctorCheck(
            area: "identity", subject: me.name, outcome: .ok,
            detail:
              "unauthenticated: the embedded store takes $FLIGHTDECK_USER or the OS user at its word (a team store vouches for its members)"
          ))
      }
    } catch {
      checks.append(DoctorCheck(area: "identity", subject: subject, outcome: .fail, detail: "\(error)"))
    }
  }

  private func listenChecks(_ configuration: FlightDeckConfiguration, _ checks: inout [DoctorCheck]) {
    var addresses: [(key: String, address: ReceiverListenAddress, token: String?, use: String)] = [
      ("controller.listen", configuration.controller.listen, nil, "serve's /healthz, /readyz and /metrics"),
      (
        "receiver.listen", configuration.receiver.listen, configuration.receiver.tokenFile,
        "receive, serve --otlp-listen"
      ),
    ]
    if let resolve = configuration.controller.resolveListen {
      addresses.append(
        (
          "controller.resolve_listen", resolve, configuration.controller.resolveTokenFile,
          "serve's resolve API"
        ))
    }
    for (key, address, token, use) in addresses {
      let subject = "\(key) \(address)"
      if key != "controller.listen", !address.isLoopback, token == nil {
        checks.append(
          DoctorCheck(
            area: "listen", subject: subject, outcome: .fail,
            detail: "beyond loopback without a bearer token: set its token file (\(use))"))
        continue
      }
      if let problem = ListenPortProbe.problem(binding: address) {
        checks.append(
          DoctorCheck(area: "listen", subject: subject, outcome: .fail, detail: "\(problem) (\(use))"))
      } else {
        let exposure = address.isLoopback ? "loopback only" : "reachable from other machines"
        checks.append(
          DoctorCheck(area: "listen", subject: subject, outcome: .ok, detail: "free; \(exposure) (\(use))"))
      }
    }
  }

  private func folderChecks(_ configuration: FlightDeckConfiguration, _ checks: inout [DoctorCheck]) {
    let workspace = options.workspace ?? configuration.workspace ?? RegistryWorkspace.defaultDirectory
    var folders: [(String, String)] = [
      ("workspace", workspace),
      ("receiver.data_dir", configuration.receiver.dataDirectory ?? workspace + "/telemetry"),
      (
        "log",
        (FileLogHandler.defaultPath(configured: configuration.log.file) as NSString).deletingLastPathComponent
      ),
    ]
    for (i, target) in configuration.routing.targets.enumerated() where target.isFile {
      folders.append(
        ("routing.targets[\(i)] \(target.name)", (target.path as NSString).deletingLastPathComponent))
    }
    for (key, folder) in folders {
      let (outcome, detail) = Self.writable(folder.isEmpty ? "." : folder)
      checks.append(DoctorCheck(area: "folder", subject: key, outcome: outcome, detail: detail))
    }
  }

  /// Whether `folder` can be written, or created under a writable parent.
  static func writable(_ folder: String) -> (DoctorOutcome, String) {
    var isFolder: ObjCBool = false
    if FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) {
      guard isFolder.boolValue else { return (.fail, "\(folder) is a file, not a folder") }
      return access(folder, W_OK | X_OK) == 0
        ? (.ok, "\(folder): writable") : (.fail, "\(folder): not writable by this user")
    }
    var parent = (folder as NSString).deletingLastPathComponent
    while !parent.isEmpty, !FileManager.default.fileExists(atPath: parent) {
      parent = (parent as NSString).deletingLastPathComponent
    }
    let base = parent.isEmpty ? "." : parent
    return access(base, W_OK | X_OK) == 0
      ? (.ok, "\(folder): not there yet; will be created under \(base)")
      : (.fail, "\(folder): not there, and \(base) is not writable by this user")
  }
}
