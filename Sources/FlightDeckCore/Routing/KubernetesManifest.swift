import Foundation
import Yams

/// What the Kubernetes targets share: YAML nodes in a fixed key order,
/// the object skeleton (`apiVersion`, `kind`, `metadata`, `spec`), multi-
/// document output and input (<doc:Routing>).
enum KubernetesManifest {
  /// The first line of every file written.
  static let header =
    "# Written by FlightDeck: routing decisions are published here and hand edits are reported as drift.\n"

  static func key(_ s: String) -> Node { Node(s, Tag(.str), .plain) }

  static func string(_ s: String) -> Node { Node(s, Tag(.str), .doubleQuoted) }

  static func int(_ v: Int) -> Node { Node(String(v), Tag(.int), .plain) }

  static func fill(_ template: String, artefact: String, version: String) -> String {
    template.replacingOccurrences(of: "{artefact}", with: artefact).replacingOccurrences(
      of: "{version}", with: version)
  }

  /// An object with `metadata.labels` `app.kubernetes.io/managed-by: flightdeck`.
  static func object(
    apiVersion: String, kind: String, name: String, namespace: String?, annotations: [(String, String)],
    spec: Node.Mapping
  ) -> Node {
    var metadata: [(Node, Node)] = [(key("name"), string(name))]
    if let namespace { metadata.append((key("namespace"), string(namespace))) }
    metadata.append(
      (key("labels"), .mapping(Node.Mapping([(key("app.kubernetes.io/managed-by"), string("flightdeck"))]))))
    metadata.append(
      (key("annotations"), .mapping(Node.Mapping(annotations.map { (key($0.0), string($0.1)) }))))
    return .mapping(
      Node.Mapping([
        (key("apiVersion"), string(apiVersion)),
        (key("kind"), string(kind)),
        (key("metadata"), .mapping(Node.Mapping(metadata))),
        (key("spec"), .mapping(spec)),
      ]))
  }

  /// The documents as one YAML stream after ``header``; an empty file (the
  /// header alone) when there are none.
  /// - Throws: ``RoutingRenderError`` when YAML emission fails.
  static func serialize(_ documents: [Node], target: RoutingTarget) throws -> Data {
    guard !documents.isEmpty else { return Data(header.utf8) }
    do {
      let text = try Yams.serialize(nodes: documents, allowUnicode: true, explicitStart: true)
      return Data((header + text).utf8)
    } catch {
      throw RoutingRenderError(target: target.name, reason: "YAML emission failed: \(error)")
    }
  }

  /// The mappings of a YAML stream (other documents skipped), at most 16 MiB read.
  /// - Throws: ``RoutingRenderError`` when the text is not YAML.
  static func documents(in data: Data, target: String) throws -> [[String: Any]] {
    let text = String(decoding: data.prefix(16 << 20), as: UTF8.self)
    do {
      let parser = try Parser(yaml: text)
      var out: [[String: Any]] = []
      while let node = try parser.nextRoot() {
        if let mapping = node.any as? [String: Any] { out.append(mapping) }
      }
      return out
    } catch {
      throw RoutingRenderError(target: target, reason: "the file is not YAML (\(error))")
    }
  }
}
