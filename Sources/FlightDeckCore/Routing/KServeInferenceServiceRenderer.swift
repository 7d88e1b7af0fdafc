import Foundation
import Yams

/// Renders the KServe `InferenceService` manifests of a target: a pure
/// function of the routing states (<doc:Routing>).
///
/// One YAML document per artefact with a stable version
/// (`serving.kserve.io/v1beta1`, documents separated by `---`, so
/// `kubectl apply -f FILE` takes the file whole). KServe's canary rollout
/// splits traffic between two revisions of one InferenceService: the
/// revision the current `spec.predictor` creates gets
/// `spec.predictor.canaryTrafficPercent` percent, and the rest goes to the
/// last revision that was rolled out at 100 %
/// (<https://kserve.github.io/website/docs/model-serving/predictive-inference/rollout-strategies/canary>).
/// So while a canary is set the predictor is the CANARY version with
/// `canaryTrafficPercent` = the canary weight (0 keeps the canary revision
/// with no traffic: KServe's rollback pin), and with no canary the
/// predictor is the stable version with no `canaryTrafficPercent` (100 %).
/// The stable version reaches users only as KServe's previous rolled-out
/// revision, i.e. when FlightDeck published it alone before the canary
/// started — which is what a promotion through FlightDeck does.
///
/// Per version: `spec.predictor.model.storageUri` is the version's
/// `storage_uri` tag, else its `uri:` source reference, else the
/// `storage_uri` option with `{artefact}` / `{version}` filled;
/// `modelFormat.name` is the `model_format` tag, else the `model_format`
/// option. `metadata.name` is the `name` option (default `{artefact}`;
/// `{version}` is not filled there: one InferenceService serves every
/// version of the artefact), which must be an RFC 1035 label; `namespace` the `namespace` option.
/// Annotations `flightdeck/artefact`, `flightdeck/version` (the predictor's
/// version) and `flightdeck/previous-version` (the stable version, while a
/// canary runs) are what read-back matches on.
public enum KServeInferenceServiceRenderer {
  /// The API version written.
  public static let apiVersion = "serving.kserve.io/v1beta1"
  /// The annotation naming the artefact.
  public static let artefactAnnotation = "flightdeck/artefact"
  /// The annotation naming the predictor's version.
  public static let versionAnnotation = "flightdeck/version"
  /// The annotation naming the version KServe's previous rolled-out revision serves.
  public static let previousAnnotation = "flightdeck/previous-version"

  /// The YAML documents for `states` under `target`'s options.
  /// - Throws: ``RoutingRenderError`` naming the artefact, version and field
  ///   when a name is not a valid Kubernetes name, a version has no storage
  ///   URI or model format, or YAML emission fails.
  public static func render(_ states: [RoutingState], target: RoutingTarget) throws -> Data {
    var documents: [Node] = []
    for state in states.sorted(by: { $0.artefact < $1.artefact }) {
      guard let stable = state.stable else { continue }
      let version = state.canary ?? stable
      let name = KubernetesManifest.fill(
        target.options["name"] ?? "{artefact}", artefact: state.artefact, version: "")
      guard KubernetesNames.isDNS1035Label(name) else {
        throw RoutingRenderError(
          target: target.name,
          reason:
            "\(state.artefact): metadata.name \"\(TerminalText.sanitize(name))\" is not an RFC 1035 label (a-z 0-9 -, starting with a letter, at most 63): set options.name"
        )
      }
      var annotations: [(String, String)] = [
        (artefactAnnotation, state.artefact), (versionAnnotation, version),
      ]
      if state.canary != nil { annotations.append((previousAnnotation, stable)) }
      let uri = try storageURI(state, version, target)
      let format = try modelFormat(state, version, target)
      let model = Node.Mapping([
        (
          KubernetesManifest.key("modelFormat"),
          .mapping(Node.Mapping([(KubernetesManifest.key("name"), format)]))
        ),
        (KubernetesManifest.key("storageUri"), uri),
      ])
      var predictor: [(Node, Node)] = []
      if state.canary != nil {
        predictor.append(
          (KubernetesManifest.key("canaryTrafficPercent"), KubernetesManifest.int(state.canaryWeight)))
      }
      predictor.append((KubernetesManifest.key("model"), .mapping(model)))
      documents.append(
        KubernetesManifest.object(
          apiVersion: apiVersion, kind: "InferenceService", name: name,
          namespace: target.options["namespace"],
          annotations: annotations,
          spec: Node.Mapping([(KubernetesManifest.key("predictor"), .mapping(Node.Mapping(predictor)))])))
    }
    return try KubernetesManifest.serialize(documents, target: target)
  }

  static func storageURI(_ state: RoutingState, _ version: String, _ target: RoutingTarget) throws -> Node {
    let tags = state.versionTags[version] ?? [:]
    if let uri = tags["storage_uri"] ?? state.versionSources[version]
      ?? target.options["storage_uri"].map({
        KubernetesManifest.fill($0, artefact: state.artefact, version: version)
      })
    {
      return KubernetesManifest.string(uri)
    }
    throw RoutingRenderError(
      target: target.name,
      reason:
        "\(state.artefact) \(version): no spec.predictor.model.storageUri: tag the version storage_uri=URI, register it with a uri: source, or set options.storage_uri"
    )
  }

  static func modelFormat(_ state: RoutingState, _ version: String, _ target: RoutingTarget) throws -> Node {
    if let format = state.versionTags[version]?["model_format"] ?? target.options["model_format"] {
      return KubernetesManifest.string(format)
    }
    throw RoutingRenderError(
      target: target.name,
      reason:
        "\(state.artefact) \(version): no spec.predictor.model.modelFormat.name: tag the version model_format=NAME or set options.model_format"
    )
  }

  /// The weights an InferenceService file routes by, per artefact (its
  /// `flightdeck/artefact` annotation): the predictor's version gets
  /// `canaryTrafficPercent` (100 when absent), the `flightdeck/previous-version`
  /// the rest; versions at 0 are left out. Documents of another kind or
  /// without the annotations are ignored.
  /// - Throws: ``RoutingRenderError`` when the text is not YAML.
  public static func weights(in data: Data, target: String) throws -> [String: [String: Int]] {
    var out: [String: [String: Int]] = [:]
    for document in try KubernetesManifest.documents(in: data, target: target) {
      guard document["kind"] as? String == "InferenceService",
        let metadata = document["metadata"] as? [String: Any],
        let annotations = metadata["annotations"] as? [String: Any],
        let artefact = annotations[artefactAnnotation] as? String,
        let version = annotations[versionAnnotation] as? String
      else { continue }
      let predictor = (document["spec"] as? [String: Any])?["predictor"] as? [String: Any]
      let percent = min(100, max(0, (predictor?["canaryTrafficPercent"] as? Int) ?? 100))
      var weights: [String: Int] = [version: percent]
      if let previous = annotations[previousAnnotation] as? String, previous != version {
        weights[previous] = 100 - percent
      }
      out[artefact] = weights.filter { $0.value > 0 }
    }
    return out
  }
}
