import FlightDeckCore
import Foundation
import Testing

/// The Kubernetes renderers as pure functions: the exact bytes of an
/// InferenceService and an HTTPRoute file for states worked out by hand,
/// where each version's storage URI, model format and Service come from,
/// and read-back (relative weights, weight 0, hand edits).
@Suite struct KubernetesTargetRendererTests {
  let kserve = RoutingTarget(
    name: "isvc", kind: .kserve, path: "/x/isvc.yaml",
    options: [
      "storage_uri": "s3://models/{artefact}/{version}", "model_format": "sklearn", "namespace": "ml",
    ])
  let route = RoutingTarget(
    name: "route", kind: .httproute, path: "/x/route.yaml",
    options: ["gateway": "edge", "gateway_namespace": "infra", "port": "8080"])

  let canary = RoutingState(
    artefact: "support-bot", pointers: ["production": "v12", "canary": "v13"], stable: "v12", canary: "v13",
    canaryWeight: 10)
  let stableOnly = RoutingState(
    artefact: "doc-agent", pointers: ["production": "v3"], stable: "v3", canary: nil, canaryWeight: 0)
  let unset = RoutingState(artefact: "draft", pointers: [:], stable: nil, canary: nil, canaryWeight: 0)

  @Test func inferenceServiceBytes() throws {
    let data = try RoutingRenderer.render([stableOnly, canary, unset], for: kserve)
    let expected = """
      # Written by FlightDeck: routing decisions are published here and hand edits are reported as drift.
      ---
      apiVersion: "serving.kserve.io/v1beta1"
      kind: "InferenceService"
      metadata:
        name: "doc-agent"
        namespace: "ml"
        labels:
          app.kubernetes.io/managed-by: "flightdeck"
        annotations:
          flightdeck/artefact: "doc-agent"
          flightdeck/version: "v3"
      spec:
        predictor:
          model:
            modelFormat:
              name: "sklearn"
            storageUri: "s3://models/doc-agent/v3"
      ---
      apiVersion: "serving.kserve.io/v1beta1"
      kind: "InferenceService"
      metadata:
        name: "support-bot"
        namespace: "ml"
        labels:
          app.kubernetes.io/managed-by: "flightdeck"
        annotations:
          flightdeck/artefact: "support-bot"
          flightdeck/version: "v13"
          flightdeck/previous-version: "v12"
      spec:
        predictor:
          canaryTrafficPercent: 10
          model:
            modelFormat:
              name: "sklearn"
            storageUri: "s3://models/support-bot/v13"

      """
    #expect(String(decoding: data, as: UTF8.self) == expected)
    // KServe sends canaryTrafficPercent to the predictor's revision and the rest to the previous one.
    #expect(
      try RoutingRenderer.weights(in: data, for: kserve) == [
        "doc-agent": ["v3": 100], "support-bot": ["v12": 90, "v13": 10],
      ])
    #expect(
      try RoutingRenderer.weights(in: data, for: kserve)
        == RoutingRenderer.expectedWeights([stableOnly, canary, unset], for: kserve))
  }

  @Test func inferenceServiceCanaryAtZeroAndAtHundred() throws {
    var zero = canary
    zero.canaryWeight = 0
    let text = String(decoding: try RoutingRenderer.render([zero], for: kserve), as: UTF8.self)
    // The canary stays the predictor with no traffic (KServe's rollback pin); all goes to the previous revision.
    #expect(text.contains("canaryTrafficPercent: 0\n"))
    #expect(text.contains("storageUri: \"s3://models/support-bot/v13\""))
    #expect(try RoutingRenderer.weights(in: Data(text.utf8), for: kserve) == ["support-bot": ["v12": 100]])
    var full = canary
    full.canaryWeight = 100
    let all = try RoutingRenderer.render([full], for: kserve)
    #expect(try RoutingRenderer.weights(in: all, for: kserve) == ["support-bot": ["v13": 100]])
    #expect(RoutingRenderer.expectedWeights([full], for: kserve) == ["support-bot": ["v13": 100]])
  }

  @Test func storageURIAndModelFormatFromTagsThenSourceThenOptions() throws {
    var s = canary
    s.versionTags = ["v13": ["storage_uri": "gs://bucket/sb-13", "model_format": "xgboost"]]
    var text = String(decoding: try RoutingRenderer.render([s], for: kserve), as: UTF8.self)
    #expect(text.contains("storageUri: \"gs://bucket/sb-13\"") && text.contains("name: \"xgboost\""))
    // A uri: source reference comes before the option's template, after the tag.
    s.versionTags = [:]
    s.versionSources = ["v13": "s3://registry/support-bot/13"]
    text = String(decoding: try RoutingRenderer.render([s], for: kserve), as: UTF8.self)
    #expect(
      text.contains("storageUri: \"s3://registry/support-bot/13\"") && text.contains("name: \"sklearn\""))
    // From the store: tags and uri sources of the versions the pointers name.
    let t0 = Timestamp(millisecondsSinceEpoch: 0)
    let entry = RegisteredArtefact(
      artefact: ArtefactRecord(
        name: "support-bot", kind: .model, owner: "o", riskTier: .low, description: "", createdAt: t0,
        createdBy: "a"),
      versions: [
        VersionRecord(artefact: "support-bot", label: "v11", createdAt: t0, createdBy: "a", tags: ["x": "1"]),
        VersionRecord(
          artefact: "support-bot", label: "v12", createdAt: t0, createdBy: "a",
          source: SourceReference(kind: .uri, value: "s3://m/12"), tags: ["model_format": "onnx"]),
        VersionRecord(
          artefact: "support-bot", label: "v13", createdAt: t0, createdBy: "a",
          source: SourceReference(kind: .git, value: "4f1c2e9")),
      ],
      pointers: [.production: "v12", .canary: "v13"], lastMoves: [:], canaryWeightPercent: 5)
    let state = RoutingState(entry)
    #expect(state.versionTags == ["v12": ["model_format": "onnx"], "v13": [:]])
    #expect(state.versionSources == ["v12": "s3://m/12"])
  }

  @Test func inferenceServiceRefusals() throws {
    var bare = kserve
    bare.options = [:]
    #expect {
      try RoutingRenderer.render([canary], for: bare)
    } throws: {
      "\($0)"
        == "routing target isvc: support-bot v13: no spec.predictor.model.storageUri: tag the version storage_uri=URI, register it with a uri: source, or set options.storage_uri"
    }
    bare.options = ["storage_uri": "s3://m/{version}"]
    #expect {
      try RoutingRenderer.render([canary], for: bare)
    } throws: { "\($0)".contains("support-bot v13: no spec.predictor.model.modelFormat.name") }
    var upper = canary
    upper.artefact = "Support_Bot"
    #expect {
      try RoutingRenderer.render([upper], for: kserve)
    } throws: { "\($0)".contains("metadata.name \"Support_Bot\" is not an RFC 1035 label") }
    var named = kserve
    named.options["name"] = "sb-{artefact}"
    #expect(
      String(decoding: try RoutingRenderer.render([canary], for: named), as: UTF8.self).contains(
        "name: \"sb-support-bot\""))
  }

  @Test func httpRouteBytes() throws {
    let data = try RoutingRenderer.render([stableOnly, canary, unset], for: route)
    let expected = """
      # Written by FlightDeck: routing decisions are published here and hand edits are reported as drift.
      ---
      apiVersion: "gateway.networking.k8s.io/v1"
      kind: "HTTPRoute"
      metadata:
        name: "doc-agent"
        labels:
          app.kubernetes.io/managed-by: "flightdeck"
        annotations:
          flightdeck/artefact: "doc-agent"
          flightdeck/versions: "{\\"doc-agent-v3\\":\\"v3\\"}"
      spec:
        parentRefs:
        - name: "edge"
          namespace: "infra"
        rules:
        - backendRefs:
          - name: "doc-agent-v3"
            port: 8080
            weight: 100
      ---
      apiVersion: "gateway.networking.k8s.io/v1"
      kind: "HTTPRoute"
      metadata:
        name: "support-bot"
        labels:
          app.kubernetes.io/managed-by: "flightdeck"
        annotations:
          flightdeck/artefact: "support-bot"
          flightdeck/versions: "{\\"support-bot-v12\\":\\"v12\\",\\"support-bot-v13\\":\\"v13\\"}"
      spec:
        parentRefs:
        - name: "edge"
          namespace: "infra"
        rules:
        - backendRefs:
          - name: "support-bot-v12"
            port: 8080
            weight: 90
          - name: "support-bot-v13"
            port: 8080
            weight: 10

      """
    #expect(String(decoding: data, as: UTF8.self) == expected)
    #expect(
      try RoutingRenderer.weights(in: data, for: route) == [
        "doc-agent": ["v3": 100], "support-bot": ["v12": 90, "v13": 10],
      ])
  }

  /// Gateway API: weight 0 keeps a backend in the route and sends it
  /// nothing; the canary at 0 is still listed, and so is the stable
  /// version once the canary has 100.
  @Test func httpRouteWeightZeroStopsABackendWithoutRemovingIt() throws {
    var zero = canary
    zero.canaryWeight = 0
    let text = String(decoding: try RoutingRenderer.render([zero], for: route), as: UTF8.self)
    #expect(
      text.hasSuffix(
        "    - name: \"support-bot-v12\"\n      port: 8080\n      weight: 100\n"
          + "    - name: \"support-bot-v13\"\n      port: 8080\n      weight: 0\n"))
    #expect(try RoutingRenderer.weights(in: Data(text.utf8), for: route) == ["support-bot": ["v12": 100]])
    #expect(RoutingRenderer.expectedWeights([zero], for: route) == ["support-bot": ["v12": 100]])
    var full = canary
    full.canaryWeight = 100
    let all = String(decoding: try RoutingRenderer.render([full], for: route), as: UTF8.self)
    #expect(all.contains("- name: \"support-bot-v12\"\n      port: 8080\n      weight: 0\n"))
    #expect(try RoutingRenderer.weights(in: Data(all.utf8), for: route) == ["support-bot": ["v13": 100]])
  }

  /// The shadow as Gateway API's `RequestMirror` filter (HTTPRequestMirrorFilter:
  /// `backendRef` and an integer `percent`), worked out by hand; at 0 % the
  /// filter is gone and the file is the one without a shadow, byte for byte.
  @Test func httpRouteShadowIsARequestMirrorFilter() throws {
    var mirrored = canary
    mirrored.pointers["shadow"] = "v14"
    mirrored.shadow = "v14"
    mirrored.shadowPercent = 5
    let text = String(decoding: try RoutingRenderer.render([mirrored], for: route), as: UTF8.self)
    #expect(
      text.hasSuffix(
        """
          rules:
          - backendRefs:
            - name: "support-bot-v12"
              port: 8080
              weight: 90
            - name: "support-bot-v13"
              port: 8080
              weight: 10
            filters:
            - type: "RequestMirror"
              requestMirror:
                backendRef:
                  name: "support-bot-v14"
                  port: 8080
                percent: 5

        """), "\(text)")
    // The mirror serves no user: read-back sees the same split.
    #expect(
      try RoutingRenderer.weights(in: Data(text.utf8), for: route) == ["support-bot": ["v12": 90, "v13": 10]])
    // A version's service tag names the mirror's Service too.
    mirrored.versionTags["v14"] = ["service": "shadow-svc"]
    let tagged = String(decoding: try RoutingRenderer.render([mirrored], for: route), as: UTF8.self)
    #expect(tagged.contains("      backendRef:\n          name: \"shadow-svc\"\n"))
    // 0 %: no filter at all, the same bytes as without a shadow.
    mirrored.shadowPercent = 0
    let off = try RoutingRenderer.render([mirrored], for: route)
    #expect(!String(decoding: off, as: UTF8.self).contains("RequestMirror"))
    #expect(off == (try RoutingRenderer.render([canary], for: route)))
    // A Service Kubernetes would refuse is named with its field.
    mirrored.shadowPercent = 100
    mirrored.versionTags["v14"] = ["service": "Shadow_Svc"]
    #expect {
      try RoutingRenderer.render([mirrored], for: route)
    } throws: { error in
      "\(error)".contains("v14: requestMirror.backendRef name \"Shadow_Svc\" is not a Service name")
    }
  }

  /// Weights are relative: 900/100 is the same 90/10 split; a backend
  /// without a weight has 1; one FlightDeck did not write is named by its Service.
  @Test func httpRouteReadBackTakesRelativeWeights() throws {
    func doc(_ refs: String) -> Data {
      Data(
        """
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata:
          name: support-bot
          annotations:
            flightdeck/artefact: support-bot
            flightdeck/versions: '{"support-bot-v12":"v12","support-bot-v13":"v13"}'
        spec:
          rules:
          - backendRefs:
        \(refs)
        """.utf8)
    }
    let relative = doc(
      """
          - {name: support-bot-v12, port: 80, weight: 900}
          - {name: support-bot-v13, port: 80, weight: 100}
      """)
    #expect(try RoutingRenderer.weights(in: relative, for: route) == ["support-bot": ["v12": 90, "v13": 10]])
    let defaulted = doc(
      """
          - {name: support-bot-v12, port: 80}
          - {name: other, port: 80, weight: 3}
      """)
    #expect(
      try RoutingRenderer.weights(in: defaulted, for: route) == [
        "support-bot": ["v12": 25, "service:other": 75]
      ])
    // A hand edit is drift, named per version.
    let folder = try RegistryFixture.temporaryDirectory()
    var t = route
    t.path = folder + "/route.yaml"
    try doc(
      """
          - {name: support-bot-v12, port: 80, weight: 80}
          - {name: support-bot-v13, port: 80, weight: 20}
      """
    ).write(to: URL(fileURLWithPath: t.path))
    let (condition, detail) = RoutingPublisher.compare(t, states: [canary])
    #expect(condition == .drifted)
    #expect(
      detail
        == "support-bot v12: the file says 80 %, FlightDeck says 90 %; support-bot v13: the file says 20 %, FlightDeck says 10 %"
    )
  }

  @Test func httpRouteServicesFromTemplateAndTags() throws {
    var t = route
    t.options["service"] = "{artefact}-{version}-predictor"
    t.options["hostname"] = "bot.example.com"
    t.options["name"] = "route-{artefact}"
    t.options["namespace"] = "ml"
    var s = canary
    s.versionTags = ["v13": ["service": "sb-canary"]]
    let text = String(decoding: try RoutingRenderer.render([s], for: t), as: UTF8.self)
    #expect(text.contains("- name: \"support-bot-v12-predictor\""))
    #expect(text.contains("- name: \"sb-canary\""))
    #expect(text.contains("hostnames:\n  - \"bot.example.com\"\n"))
    #expect(text.contains("  name: \"route-support-bot\"\n  namespace: \"ml\"\n"))
    s.versionTags = ["v13": ["service": "support-bot-v12-predictor"]]
    #expect {
      try RoutingRenderer.render([s], for: t)
    } throws: {
      "\($0)"
        == "routing target route: support-bot: versions v12 and v13 both route to the Service support-bot-v12-predictor"
    }
    s.versionTags = ["v13": ["service": "Bad_Name"]]
    #expect {
      try RoutingRenderer.render([s], for: t)
    } throws: { "\($0)".contains("support-bot v13: backendRefs name \"Bad_Name\" is not a Service name") }
  }
}
