import Foundation

extension RoutingConfiguration {
  /// The configuration as the `[routing]` table and its
  /// `[[routing.targets]]` of a configuration file (the keys
  /// ``FlightDeckConfiguration/parse(_:file:)`` reads back to an equal
  /// value, <doc:Routing>), e.g.
  ///
  /// ```toml
  /// [routing]
  /// initial_backoff = "1s"
  /// max_backoff = "30s"
  /// check_interval = "2s"
  ///
  /// [[routing.targets]]
  /// name = "litellm"
  /// type = "litellm"
  /// path = "/srv/demo/routing/litellm.yaml"
  /// ```
  ///
  /// Durations as ``DurationText/format(_:)`` writes them (exact); strings
  /// are TOML basic strings (``TOMLBasicString``); options in key order; an
  /// `exec` target's `command` and `timeout` instead of `path`; `artefacts`
  /// only when the target does not carry every artefact. The claim length
  /// (``RoutingRetryPolicy/claimForMs``) is not a configuration key and is
  /// not written.
  public var tomlText: String {
    let quoted = TOMLBasicString.quoted
    var lines = [
      "[routing]",
      "initial_backoff = " + quoted(DurationText.format(retry.initialBackoffMs)),
      "max_backoff = " + quoted(DurationText.format(retry.maxBackoffMs)),
      "check_interval = " + quoted(DurationText.format(checkIntervalMs)),
    ]
    for target in targets {
      lines += [
        "", "[[routing.targets]]", "name = " + quoted(target.name), "type = " + quoted(target.kind.rawValue),
      ]
      if target.kind == .exec {
        lines.append("command = [" + target.command.map(quoted).joined(separator: ", ") + "]")
        lines.append("timeout = " + quoted(DurationText.format(target.timeoutMs)))
      } else {
        lines.append("path = " + quoted(target.path))
      }
      if let artefacts = target.artefacts {
        lines.append("artefacts = [" + artefacts.map(quoted).joined(separator: ", ") + "]")
      }
      if !target.options.isEmpty {
        lines.append("[routing.targets.options]")
        for (key, value) in target.options.sorted(by: { $0.key < $1.key }) {
          lines.append(quoted(key) + " = " + quoted(value))
        }
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
