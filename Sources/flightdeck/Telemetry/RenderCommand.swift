import ArgumentParser
import FlightDeckCore
import FlightDeckTUI
import Foundation

/// `flightdeck render`: one dashboard frame, headless.
struct RenderCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "render",
    abstract: "Render one dashboard frame without a terminal (for screenshots and tests).",
    discussion: """
      Reads the telemetry to the end and prints the frame the dashboard would show, as plain text or \
      with ANSI colours (pipe through `aha` for HTML). --at sets the clock, so a frame can be reproduced. \
      The header says FRAME where the dashboard says LIVE: a still frame is not live.
      """)

  /// Output formats.
  enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, ansi
  }

  @Argument(help: "Telemetry files, globs or directories.", completion: .file())
  var paths: [String]

  @Option(
    help: "Frame width in columns (1 to 1000, default 120).",
    transform: OptionValue.count(OptionBounds.frameSize))
  var width: Int = 120

  @Option(
    help: "Frame height in rows (1 to 1000, default 40).",
    transform: OptionValue.count(OptionBounds.frameSize))
  var height: Int = 40

  @Option(help: "Output: text or ansi.")
  var format: OutputFormat = .text

  @Option(help: "The instant the frame shows (RFC 3339). Default: now.")
  var at: String?

  @Option(
    help: "Glyphs: braille, block or ascii. Default: from the locale.",
    completion: .list(["braille", "block", "ascii"]))
  var symbols: String?

  @Option(
    help: "Pane to focus: registry, canary, charts, alerts, incidents.",
    completion: .list(["registry", "canary", "charts", "alerts", "incidents"]))
  var focus: String?

  @Option(
    help: "Colours for --format ansi: truecolor, 256, 16, 8 or none.",
    completion: .list(["truecolor", "256", "16", "8", "none"]))
  var colors: String = "truecolor"

  @Option(
    name: .customLong("input-format"), help: "Telemetry format: auto, flightdeck, otlp, litellm or langfuse.",
    completion: .list(["auto", "flightdeck", "otlp", "litellm", "langfuse"]))
  var inputFormat: String?

  @Option(help: "A registry workspace to show (read-only); default: none, unless the config names one.")
  var workspace: String?

  @Option(
    help:
      "Open an overlay: help, history (of the selected artefact), audit, verdict (the selected artefact's last canary verdict) or incident (the newest incident's view)."
  )
  var overlay: String?

  @Option(help: "Select the first Registry row of this artefact (default: the first row).")
  var select: String?

  @OptionGroup var input: TelemetryInputOptions
  @OptionGroup var display: DisplayOptions

  func validate() throws {
    if let overlay, !["help", "history", "audit", "verdict", "incident"].contains(overlay) {
      throw ValidationError(
        "--overlay: '\(RegistryNames.excerpt(overlay))' is not one of help, history, audit, verdict, incident"
      )
    }
    if let at, RFC3339Parser.parse(at) == nil {
      throw ValidationError(
        "--at: '\(RegistryNames.excerpt(at))' is not an RFC 3339 time (e.g. 2025-06-01T00:10:00Z)")
    }
    if let symbols, Symbols.Mode(rawValue: symbols) == nil {
      throw ValidationError(
        "--symbols: '\(RegistryNames.excerpt(symbols))' is not one of braille, block, ascii")
    }
    if let focus, PaneID(rawValue: focus) == nil {
      throw ValidationError(
        "--focus: '\(focus)' is not one of \(PaneID.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    if !["truecolor", "256", "16", "8", "none"].contains(colors) {
      throw ValidationError(
        "--colors: '\(RegistryNames.excerpt(colors))' is not one of truecolor, 256, 16, 8, none")
    }
    if let config = input.config { try ConfigPathCheck.validate(config) }
  }

  func run() throws {
    let (options, config): (EngineOptions, FlightDeckConfiguration)
    let themes: [Theme]
    do {
      // As the dashboard: the workspace's own configuration over the operator's config.toml.
      let (engineOptions, choice) = try input.engineOptions(format: inputFormat, workspace: workspace)
      (options, config) = (engineOptions, choice.configuration)
      themes = try ThemeCatalog.load(choice: display.theme ?? config.theme).themes
    } catch let e as ValidationError {
      throw e
    } catch {
      throw CLIError("\(error)")
    }
    let clock = FixedClock(at.flatMap(RFC3339Parser.parse) ?? SystemClock().now())
    do {
      _ = try ReplayAggregator.expand(paths)
    } catch {
      throw CLIError("\(error)")
    }
    var frameOptions = options
    // A frame "as of --at" shows nothing from after that instant.
    frameOptions.dropRecordsAfterClock = at != nil
    var store: (any RegistryStore)?
    if let dir = workspace ?? config.workspace {
      do {
        let location = try StoreLocation.chosen(option: nil, configuration: config.store)
        store = try RegistryWorkspace(directory: dir, store: location).open(
          clock: clock, policy: config.riskPolicy, readOnly: true, backends: .cli)
      } catch let e as RegistryError {
        throw CLIError(e.message)
      }
    }
    // The configuration's alert rules, evaluated over the window up to the
    // frame's instant (not restored from the workspace, whose state may be later).
    let desk = store.map { ReleaseDesk(store: $0, identity: .current(roles: config.roles), clock: clock) }
    let alerts = try DashboardSession.alertEngine(config.alerts, desk: nil)
    let engine = DashboardEngine(patterns: paths, options: frameOptions, clock: clock, alerts: alerts)
    engine.drain()
    engine.catchUpAlerts(overMs: options.windowMs)
    var state = AppState(
      keyMap: try display.keyMap(), readOnly: display.readOnly, width: width,
      height: height)
    _ = AppUpdate.update(&state, .themeList(themes.map(\.name), current: themes[0].name))
    _ = AppUpdate.update(&state, .newSnapshot(engine.snapshot()))
    state.isStill = true
    if let focus, let pane = PaneID(rawValue: focus) { state.focus = pane }
    if let desk {
      state.operatorName = desk.identity.name
      state.operatorIdentification = desk.identification
      /// Runs `message` and every effect it leads to through the desk, as the run loop does.
      func send(_ message: AppMessage) {
        var queue = [message]
        while !queue.isEmpty {
          let next = queue.removeFirst()
          for effect in AppUpdate.update(&state, next) {
            queue += RegistryBridge.execute(effect, desk: desk)
          }
        }
      }
      if let snapshot = desk.poll(now: clock.now()) { send(.registrySnapshot(snapshot)) }
      if let select {
        let keys = state.registryKeys
        guard let index = keys.firstIndex(where: { $0.artefact == select }) else {
          throw CLIError("--select: no Registry row for artefact '\(RegistryNames.excerpt(select))'")
        }
        state.selection[.registry] = PaneSelection(index: index, key: keys[index])
      }
      switch overlay {
      case "history": send(.key(.char("h")))
      case "audit": send(.key(.char("A")))
      case "verdict":
        state.focus = .canary
        if let select {
          let rows = AppRows.keys(for: .canary, snapshot: state.snapshot, filter: state.filter)
          if let index = rows.firstIndex(where: { $0.artefact == select }) {
            state.selection[.canary] = PaneSelection(index: index, key: rows[index])
          }
        }
        send(.key(.enter))
      case "incident":
        state.focus = .incidents
        send(.key(.enter))
      default: break
      }
    }
    if overlay == "help" { _ = AppUpdate.update(&state, .key(.char("?"))) }
    // Above the engine's chart limit only the selected artefact is charted:
    // its charts are added to the snapshot (the artefacts stay as they are).
    engine.apply(.selectArtefact(state.selectedArtefact))
    state.snapshot = engine.snapshot()
    let mode = symbols.flatMap(Symbols.Mode.init(rawValue:)) ?? Symbols.detect()
    let canvas = ScreenView.view(
      state: state, snapshot: state.snapshot, width: width, height: height, symbols: Symbols(mode: mode))
    let text: String
    switch format {
    case .text:
      text = canvas.textRows().joined(separator: "\n") + "\n"
    case .ansi:
      let colorMode: AnsiRenderer.ColorMode
      switch colors {
      case "none": colorMode = .none
      case "truecolor": colorMode = .truecolor
      default: colorMode = .palette(Int(colors) ?? 256)
      }
      let noColor = ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } ?? false
      let theme = noColor ? themes[0].withoutColor() : themes[0]
      text = AnsiRenderer.render(canvas, theme: theme, colors: noColor ? .none : colorMode)
    }
    FileHandle.standardOutput.write(Data(text.utf8))
  }
}
