import Foundation
import Yams

/// Renders the Gateway API `HTTPRoute` manifests of a target: a pure
/// function of the routing states (<doc:Routing>).
///
/// One YAML document per artefact with a stable version
/// (`gateway.networking.k8s.io/v1`, documents separated by `---`) whose
/// single rule sends requests to weighted `backendRefs`: the stable
/// version's Service, then the canary's while a canary is set. Gateway API
/// weights are relative integers (a backend gets weight / sum of the
/// rule's weights; 0 sends it nothing while keeping it in the route), so a
/// canary at 0 % — or a stable version at 0 % once the canary reaches
/// 100 % — stays listed with weight 0
/// (<https://gateway-api.sigs.k8s.io/reference/spec/#httpbackendref>).
///
/// While the state has a shadow with a mirror share above 0
/// (``RoutingState/shadow``, ``RoutingState/shadowPercent``), the rule also
/// carries a `RequestMirror` filter (`HTTPRequestMirrorFilter`) whose
/// `backendRef` is the shadow version's Service and whose `percent` is the
/// share (an integer 0–100: Gateway API mirrors that percentage of the
/// rule's requests and ignores the mirror's responses;
/// <https://gateway-api.sigs.k8s.io/reference/spec/#httprequestmirrorfilter>).
/// At 0 % the filter is left out: the route mirrors nothing. `fraction`,
/// the other way to give the share, is not written (only one of the two
/// may be).
///
/// Options: `gateway` (required: the parent Gateway's name),
/// `gateway_namespace`, `name` (the route's name, default `{artefact}`, an
/// RFC 1123 subdomain), `namespace`, `hostname` (one entry of
/// `spec.hostnames`), `service` (the Service name template, default
/// `{artefact}-{version}`, an RFC 1035 label once filled), `port` (the
/// Service port, default 80). A version's `service` tag overrides the
/// template. The `flightdeck/artefact` and `flightdeck/versions` (JSON:
/// Service → version) annotations are what read-back matches on.
public enum GatewayHTTPRouteRenderer {
  /// The API version written.
  public static let apiVersion = "gateway.networking.k8s.io/v1"
  /// The annotation naming the artefact.
  public static let artefactAnnotation = "flightdeck/artefact"
  /// The annotation mapping each backend Service to its version (a JSON object).
  public static let versionsAnnotation = "flightdeck/versions"
  /// The default Service name template.
  public static let defaultServiceTemplate = "{artefact}-{version}"

  /// The YAML documents for `states` under `target`'s options.
  /// - Throws: ``RoutingRenderError`` naming the artefact and field when a
  ///   name is not a valid Kubernetes name or two versions share a Service,
  ///   or YAML emission fails.
  public static func render(_ states: [RoutingState], target: RoutingTarget) throws -> Data {
    let port = target.options["port"].flatMap { Int($0) } ?? 80
    var documents: [Node] = []
    for state in states.sorted(by: { $0.artefact < $1.artefact }) {
      guard let stable = state.stable else { continue }
      let name = KubernetesManifest.fill(
        target.options["name"] ?? "{artefact}", artefact: state.artefact, version: "")
      guard KubernetesNames.isDNS1123Subdomain(name) else {
        throw RoutingRenderError(
          target: target.name,
          reason:
            "\(state.artefact): metadata.name \"\(TerminalText.sanitize(name))\" is not an RFC 1123 subdomain (a-z 0-9 - ., at most 253): set options.name"
        )
      }
      var backends: [(version: String, weight: Int)] = [(stable, state.stableWeight)]
      if let canary = state.canary { backends.append((canary, state.canaryWeight)) }
      var refs: [Node] = []
      var services: [String: String] = [:]
      for (version, weight) in backends {
        let service = try Self.service(of: version, in: state, target: target, field: "backendRefs")
        guard services[service] == nil else {
          throw RoutingRenderError(
            target: target.name,
            reason:
              "\(state.artefact): versions \(services[service]!) and \(version) both route to the Service \(service)"
          )
        }
        services[service] = version
        refs.append(
          .mapping(
            Node.Mapping([
              (KubernetesManifest.key("name"), KubernetesManifest.string(service)),
              (KubernetesManifest.key("port"), KubernetesManifest.int(port)),
              (KubernetesManifest.key("weight"), KubernetesManifest.int(weight)),
            ])))
      }
      var parent: [(Node, Node)] = [
        (KubernetesManifest.key("name"), KubernetesManifest.string(target.options["gateway"] ?? "gateway"))
      ]
      if let ns = target.options["gateway_namespace"] {
        parent.append((KubernetesManifest.key("namespace"), KubernetesManifest.string(ns)))
      }
      var spec: [(Node, Node)] = [
        (KubernetesManifest.key("parentRefs"), .sequence(Node.Sequence([.mapping(Node.Mapping(parent))])))
      ]
      if let host = target.options["hostname"] {
        spec.append(
          (KubernetesManifest.key("hostnames"), .sequence(Node.Sequence([KubernetesManifest.string(host)]))))
      }
      var rule: [(Node, Node)] = [(KubernetesManifest.key("backendRefs"), .sequence(Node.Sequence(refs)))]
      if let shadow = state.shadow, state.shadowPercent > 0 {
        let service = try Self.service(
          of: shadow, in: state, target: target, field: "requestMirror.backendRef")
        let mirror = Node.Mapping([
          (
            KubernetesManifest.key("backendRef"),
            .mapping(
              Node.Mapping([
                (KubernetesManifest.key("name"), KubernetesManifest.string(service)),
                (KubernetesManifest.key("port"), KubernetesManifest.int(port)),
              ]))
          ),
          (KubernetesManifest.key("percent"), KubernetesManifest.int(state.shadowPercent)),
        ])
        let filter = Node.Mapping([
          (KubernetesManifest.key("type"), KubernetesManifest.string("RequestMirror")),
          (KubernetesManifest.key("requestMirror"), .mapping(mirror)),
        ])
        rule.append((KubernetesManifest.key("filters"), .sequence(Node.Sequence([.mapping(filter)]))))
      }
      spec.append(
        (KubernetesManifest.key("rules"), .sequence(Node.Sequence([.mapping(Node.Mapping(rule))]))))
      let map = String(
        decoding: (try? JSONSerialization.data(withJSONObject: services, options: [.sortedKeys]))
          ?? Data("{}".utf8),
        as: UTF8.self)
      documents.append(
        KubernetesManifest.object(
          apiVersion: apiVersion, kind: "HTTPRoute", name: name, namespace: target.options["namespace"],
          annotations: [(artefactAnnotation, state.artefact), (versionsAnnotation, map)],
          spec: Node.Mapping(spec)))
    }
    return try KubernetesManifest.serialize(documents, target: target)
  }

  /// The Service of `version` of `state`'s artefact: its `service` tag,
  /// else the target's `service` template filled.
  /// - Throws: ``RoutingRenderError`` naming `field` when it is not an RFC 1035 label.
  static func service(of version: String, in state: RoutingState, target: RoutingTarget, field: String) throws
    -> String
  {
    let service =
      state.versionTags[version]?["service"]
      ?? KubernetesManifest.fill(
        target.options["service"] ?? defaultServiceTemplate, artefact: state.artefact, version: version)
    guard KubernetesNames.isDNS1035Label(service) else {
      throw RoutingRenderError(
        target: target.name,
        reason:
          "\(state.artefact) \(version): \(field) name \"\(TerminalText.sanitize(service))\" is not a Service name (an RFC 1035 label): set options.service or tag the version service=NAME"
      )
    }
    return service
  }

  /// The weights an HTTPRoute file routes by, per artefact (its
  /// `flightdeck/artefact` annotation), in percent: each backend's weight
  /// (1 when absent, as the Gateway API defaults it; clamped to its
  /// 0…1,000,000) × 100 / the sum of
  /// the first rule's weights, rounded; a backend is named by its version
  /// from `flightdeck/versions`, else as `service:NAME`; backends at 0 are
  /// left out. Documents of another kind or without the annotation are ignored.
  /// - Throws: ``RoutingRenderError`` when the text is not YAML.
  public static func weights(in data: Data, target: String) throws -> [String: [String: Int]] {
    var out: [String: [String: Int]] = [:]
    for document in try KubernetesManifest.documents(in: data, target: target) {
      guard document["kind"] as? String == "HTTPRoute",
        let metadata = document["metadata"] as? [String: Any],
        let annotations = metadata["annotations"] as? [String: Any],
        let artefact = annotations[artefactAnnotation] as? String
      else { continue }
      let versions =
        (annotations[versionsAnnotation] as? String).flatMap {
          try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: String]
        } ?? [:]
      let rules = (document["spec"] as? [String: Any])?["rules"] as? [Any]
      let refs = ((rules?.first as? [String: Any])?["backendRefs"] as? [Any] ?? []).compactMap {
        $0 as? [String: Any]
      }
      var raw: [(String, Int)] = []
      for ref in refs {
        let service = ref["name"] as? String ?? ""
        raw.append(
          (versions[service] ?? "service:\(service)", min(1_000_000, max(0, ref["weight"] as? Int ?? 1))))
      }
      let total = raw.reduce(0) { $0 + $1.1 }
      var weights: [String: Int] = [:]
      for (version, weight) in raw where total > 0 && weight > 0 {
        weights[version, default: 0] += Int((Double(weight) * 100 / Double(total)).rounded())
      }
      out[artefact] = weights
    }
    return out
  }
}
