/// The kind of system a routing target writes for (`type` in
/// `[[routing.targets]]`).
public enum RoutingTargetKind: String, Sendable, Hashable, Codable, CaseIterable {
  /// A LiteLLM proxy/router configuration file: `model_list` entries sharing
  /// a `model_name`, one per serving version, each with a `weight`
  /// (<https://docs.litellm.ai/docs/routing>).
  case litellm
  /// An OpenFeature flagd flag definition file: a flag per artefact whose
  /// variants are its versions and whose `fractional` targeting carries the
  /// split (<https://flagd.dev/reference/flag-definitions/>).
  case flagd
  /// KServe `InferenceService` manifests (`serving.kserve.io/v1beta1`), one
  /// per artefact, the canary split in `canaryTrafficPercent`
  /// (``KServeInferenceServiceRenderer``).
  case kserve
  /// Gateway API `HTTPRoute` manifests (`gateway.networking.k8s.io/v1`), one
  /// per artefact, the split in weighted `backendRefs`
  /// (``GatewayHTTPRouteRenderer``).
  case httproute
  /// A command run with the new routing state as JSON on standard input
  /// (``RoutingHookRunner``); its exit status and output go into the audit.
  case exec
}
