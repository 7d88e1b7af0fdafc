import Foundation

/// Renders and reads back a target's file by its kind (<doc:Routing>).
public enum RoutingRenderer {
  /// The file `target` should hold for `states` (the states of the
  /// artefacts it carries; others are ignored).
  /// - Throws: ``RoutingRenderError``.
  public static func render(_ states: [RoutingState], for target: RoutingTarget) throws -> Data {
    let carried = states.filter { target.carries($0.artefact) }
    switch target.kind {
    case .litellm: return try LiteLLMRouterRenderer.render(carried, target: target)
    case .flagd: return try FlagdFlagRenderer.render(carried, target: target)
    case .kserve: return try KServeInferenceServiceRenderer.render(carried, target: target)
    case .httproute: return try GatewayHTTPRouteRenderer.render(carried, target: target)
    case .exec: return try hookInput(carried, target: target)
    }
  }

  /// The standard input of an `exec` target: `{"artefacts":[RoutingState…],"target":NAME}`
  /// as JSON with sorted keys, artefacts by name.
  /// - Throws: ``RoutingRenderError`` when encoding fails.
  public static func hookInput(_ states: [RoutingState], target: RoutingTarget) throws -> Data {
    struct Input: Encodable {
      var artefacts: [RoutingState]
      var target: String
    }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    do {
      return try encoder.encode(
        Input(artefacts: states.sorted { $0.artefact < $1.artefact }, target: target.name))
    } catch {
      throw RoutingRenderError(target: target.name, reason: "JSON encoding failed: \(error)")
    }
  }

  /// The weights `data` routes by: artefact → version → integer weight.
  /// - Throws: ``RoutingRenderError`` when the file cannot be read as the target's kind.
  public static func weights(in data: Data, for target: RoutingTarget) throws -> [String: [String: Int]] {
    switch target.kind {
    case .litellm: return try LiteLLMRouterRenderer.weights(in: data, target: target.name)
    case .flagd: return try FlagdFlagRenderer.weights(in: data, target: target.name)
    case .kserve: return try KServeInferenceServiceRenderer.weights(in: data, target: target.name)
    case .httproute: return try GatewayHTTPRouteRenderer.weights(in: data, target: target.name)
    case .exec:
      throw RoutingRenderError(target: target.name, reason: "an exec target has no file to read back")
    }
  }

  /// The weights `states` route by (artefact → version → weight), as
  /// ``weights(in:for:)`` reads them back from a rendered file.
  public static func expectedWeights(_ states: [RoutingState], for target: RoutingTarget) -> [String: [String:
    Int]]
  {
    var out: [String: [String: Int]] = [:]
    for s in states where target.carries(s.artefact) && s.stable != nil {
      out[s.artefact] = Dictionary(uniqueKeysWithValues: s.servingSplit.map { ($0.version, $0.weight) })
    }
    return out
  }
}
