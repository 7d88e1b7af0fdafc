import FlightDeckCore
import Foundation

/// The shell commands the screen prints for a second terminal (a second
/// approver's `flightdeck approve`, `R`'s replay), with the real paths the
/// dashboard knows (``AppState/workspacePath``, ``AppState/telemetryPaths``)
/// instead of placeholders, quoted for a POSIX shell.
extension AppUpdate {
  /// `text` as one POSIX shell word: unchanged when it holds only
  /// characters no shell treats specially (letters, digits, `_ - . / : = + @ % ,`),
  /// else in single quotes (a `'` inside written `'\''`).
  public static func shellQuoted(_ text: String) -> String {
    let plain = text.unicodeScalars.allSatisfy { c in
      (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9")
        || "_-./:=+@%,".unicodeScalars.contains(c)
    }
    if plain && !text.isEmpty { return text }
    return "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
  }

  /// `path` made absolute against `directory` (the dashboard's working
  /// directory) when it is relative and the directory is known; `./` and a
  /// trailing `/` are tidied. A path starting with `/`, or `-`, is kept.
  public static func absolute(_ path: String, in directory: String?) -> String {
    guard !path.hasPrefix("/"), path != "-", let directory else { return path }
    var rest = Substring(path)
    while rest.hasPrefix("./") { rest = rest.dropFirst(2) }
    if rest == "." { rest = "" }
    let base = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
    return rest.isEmpty ? base : base + "/" + rest
  }

  /// ` --workspace /abs/ws` with the workspace the dashboard uses, or
  /// ` [--workspace DIR]` when it does not know one.
  /// ` --store LOCATION` instead when the store is not the workspace's own
  /// file (``AppState/storeLocation``).
  static func workspaceArgument(_ state: AppState) -> String {
    if let store = state.storeLocation { return " --store " + shellQuoted(store) }
    return state.workspacePath.map { " --workspace " + shellQuoted($0) } ?? " [--workspace DIR]"
  }

  /// The telemetry the dashboard follows, absolute and quoted, or
  /// `TELEMETRY…` when it does not know it.
  static func telemetryArguments(_ state: AppState) -> String {
    guard !state.telemetryPaths.isEmpty else { return "TELEMETRY…" }
    return state.telemetryPaths.map { shellQuoted(absolute($0, in: state.workingDirectory)) }
      .joined(separator: " ")
  }

  /// The command that replays incident `id` on this screen, with the
  /// workspace and telemetry this dashboard uses, e.g.
  /// `flightdeck dashboard --replay INC-1 --speed 10 --workspace /home/a/.flightdeck-demo /tmp/flightdeck-demo-Ab12Cd`.
  public static func replayCommand(_ id: Int64, state: AppState) -> String {
    "flightdeck dashboard --replay INC-\(id) --speed 10" + workspaceArgument(state) + " "
      + telemetryArguments(state)
  }

  /// Who could give `request` its next approval: an operator with the
  /// request's required role (``AppState/operatorRoles``), else any known
  /// operator (``AppState/knownOperators``), who is neither the requester,
  /// nor an approver already, nor this dashboard's operator (four-eyes);
  /// `nil` when none is known.
  static func nextApprover(_ request: PromotionRequest, state: AppState) -> String? {
    let excluded = Set(request.approvers + [request.requester] + [state.operatorName].compactMap { $0 })
    let withRole = request.rule.requiredRole.map { state.operatorRoles[$0] ?? [] } ?? []
    return (withRole + state.knownOperators).first { !excluded.contains($0) }
  }

  /// The command a second approver runs in another terminal, e.g.
  /// `FLIGHTDECK_USER=bob flightdeck approve REQ-12 --workspace /home/a/.flightdeck-demo`
  /// (`FLIGHTDECK_USER=NAME` when no other operator is known).
  ///
  /// On a store that vouches for identities (``AppState/identityIsAuthenticated``)
  /// the approver logs in as their own database role instead:
  /// `flightdeck approve REQ-12 --store 'postgres://…' (logged in as another approver)`.
  public static func approveCommand(_ request: PromotionRequest, state: AppState) -> String {
    if state.identityIsAuthenticated {
      return "flightdeck approve \(request.displayID)" + workspaceArgument(state)
        + " (logged in as another approver)"
    }
    let name = nextApprover(request, state: state).map(shellQuoted) ?? "NAME"
    return "FLIGHTDECK_USER=\(name) flightdeck approve \(request.displayID)" + workspaceArgument(state)
  }
}
