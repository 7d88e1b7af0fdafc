import Foundation
import Yams

/// Renders the LiteLLM router configuration of a target: a pure function of
/// the routing states (<doc:Routing>).
///
/// Each artefact with a stable version becomes `model_list` entries sharing
/// the `model_name` (the artefact's name, or the `model_name` option with
/// `{artefact}` replaced), one per serving version (``RoutingState/servingSplit``),
/// each with an integer `weight` in `litellm_params` — LiteLLM's
/// `simple-shuffle` strategy picks a deployment with probability
/// weight / sum of the group's weights, and does so only when the group's
/// first deployment has a weight, so every entry carries one
/// (<https://docs.litellm.ai/docs/routing>). `litellm_params.model` is the
/// `model` option with `{artefact}` and `{version}` replaced (default
/// `openai/{artefact}-{version}`); `model_info.id` is `ARTEFACT@VERSION`,
/// the deployment's identity read-back and drift checks match on. A
/// version at weight 0 is left out (the router sends it nothing either way).
///
/// The shadow, where the `shadow_model_name` option is set and the state
/// has a shadow with a mirror share above 0, is LiteLLM's silent
/// experiment: an entry of its own in the `model_list` whose `model_name`
/// is the option (with `{artefact}` filled), `model_info.id`
/// `ARTEFACT@VERSION` and `model_info.shadow: true`, and every serving
/// entry names that group in `litellm_params.silent_model`. LiteLLM 1.82.6
/// (`Router._completion`) then sends every request a serving deployment
/// handles to the shadow group on a background thread and answers the
/// caller with the serving deployment's response. It has no sampling: the
/// mirror share is all or nothing, so a shadow at 1 % is mirrored at 100 %
/// (<doc:Routing> says so). Read-back ignores the shadow entry.
///
/// The output is deterministic (artefacts by name, stable before canary,
/// keys in a fixed order, strings double-quoted), so publishing an
/// unchanged state writes the same bytes.
public enum LiteLLMRouterRenderer {
  /// The default `litellm_params.model` template.
  public static let defaultModelTemplate = "openai/{artefact}-{version}"

  /// The first line of every file written.
  public static let header =
    "# Written by FlightDeck: routing decisions are published here and hand edits are reported as drift.\n"

  /// The YAML file for `states` under `target`'s options.
  /// - Throws: ``RoutingRenderError`` when YAML emission fails.
  public static func render(_ states: [RoutingState], target: RoutingTarget) throws -> Data {
    let modelTemplate = target.options["model"] ?? defaultModelTemplate
    let nameTemplate = target.options["model_name"] ?? "{artefact}"
    var entries: [Node] = []
    for state in states.sorted(by: { $0.artefact < $1.artefact }) {
      let modelName = fill(nameTemplate, artefact: state.artefact, version: "")
      let shadowGroup = target.options["shadow_model_name"].flatMap { template -> String? in
        guard state.shadow != nil, state.shadowPercent > 0, state.stable != nil else { return nil }
        return fill(template, artefact: state.artefact, version: "")
      }
      if shadowGroup == modelName {
        throw RoutingRenderError(
          target: target.name,
          reason:
            "\(state.artefact): shadow_model_name and model_name are both \(modelName): the shadow needs a group of its own"
        )
      }
      for (version, weight) in state.servingSplit {
        var params: [(Node, Node)] = [
          (key("model"), string(fill(modelTemplate, artefact: state.artefact, version: version))),
          (key("weight"), Node(String(weight), Tag(.int), .plain)),
        ]
        if let shadowGroup { params.append((key("silent_model"), string(shadowGroup))) }
        let info = Node.Mapping([(key("id"), string("\(state.artefact)@\(version)"))])
        entries.append(
          .mapping(
            Node.Mapping([
              (key("model_name"), string(modelName)),
              (key("litellm_params"), .mapping(Node.Mapping(params))),
              (key("model_info"), .mapping(info)),
            ])))
      }
      if let shadowGroup, let shadow = state.shadow {
        let params = Node.Mapping([
          (key("model"), string(fill(modelTemplate, artefact: state.artefact, version: shadow))),
          (key("weight"), Node("1", Tag(.int), .plain)),
        ])
        let info = Node.Mapping([
          (key("id"), string("\(state.artefact)@\(shadow)")),
          (key("shadow"), Node("true", Tag(.bool), .plain)),
        ])
        entries.append(
          .mapping(
            Node.Mapping([
              (key("model_name"), string(shadowGroup)),
              (key("litellm_params"), .mapping(params)),
              (key("model_info"), .mapping(info)),
            ])))
      }
    }
    let root = Node.Mapping([
      (key("model_list"), .sequence(Node.Sequence(entries))),
      (
        key("router_settings"),
        .mapping(Node.Mapping([(key("routing_strategy"), string("simple-shuffle"))]))
      ),
    ])
    do {
      let text = try Yams.serialize(node: .mapping(root), allowUnicode: true)
      return Data((header + text).utf8)
    } catch {
      throw RoutingRenderError(target: target.name, reason: "YAML emission failed: \(error)")
    }
  }

  /// The weights a LiteLLM file routes by, per artefact: `model_info.id`
  /// `ARTEFACT@VERSION` → `litellm_params.weight` (entries without an id of
  /// that form, and the shadow's entry, are ignored). Used to read a target back.
  /// - Throws: ``RoutingRenderError`` when the text is not YAML or has no `model_list`.
  public static func weights(in data: Data, target: String) throws -> [String: [String: Int]] {
    let text = String(decoding: data.prefix(16 << 20), as: UTF8.self)
    let loaded: Any?
    do { loaded = try Yams.load(yaml: text) } catch {
      throw RoutingRenderError(target: target, reason: "the file is not YAML (\(error))")
    }
    guard let root = loaded as? [String: Any], let list = root["model_list"] as? [Any] else {
      throw RoutingRenderError(target: target, reason: "the file has no model_list")
    }
    var out: [String: [String: Int]] = [:]
    for item in list {
      guard let entry = item as? [String: Any], let info = entry["model_info"] as? [String: Any],
        let id = info["id"] as? String, let at = id.firstIndex(of: "@"), info["shadow"] as? Bool != true
      else { continue }
      let params = entry["litellm_params"] as? [String: Any]
      let weight = (params?["weight"] as? Int) ?? (params?["weight"] as? Double).map { Int($0) } ?? 0
      out[String(id[..<at]), default: [:]][String(id[id.index(after: at)...])] = weight
    }
    return out
  }

  static func string(_ s: String) -> Node { Node(s, Tag(.str), .doubleQuoted) }

  static func key(_ s: String) -> Node { Node(s, Tag(.str), .plain) }

  static func fill(_ template: String, artefact: String, version: String) -> String {
    template.replacingOccurrences(of: "{artefact}", with: artefact).replacingOccurrences(
      of: "{version}", with: version)
  }
}
