import Foundation

/// Renders the OpenFeature flagd flag definitions of a target: a pure
/// function of the routing states (<doc:Routing>).
///
/// One flag per artefact with a stable version, keyed by the artefact's name:
/// `state` `ENABLED`, `variants` the serving versions (each variant's value
/// is its version label), `defaultVariant` the stable version, and
/// `targeting` `{"fractional": [[VERSION, WEIGHT], …]}` with INTEGER weights
/// (the flagd evaluators serve the default variant when a weight is not an
/// integer). `fractional` buckets by a hash of the flag key and the
/// evaluation context's `targetingKey`, so a key stays on one version while
/// the weights stand (<https://flagd.dev/reference/custom-operations/fractional-operation/>).
///
/// Deterministic: keys sorted, the split stable first.
public enum FlagdFlagRenderer {
  /// The flag definitions schema the file names.
  public static let schema = "https://flagd.dev/schema/v0/flags.json"

  /// The JSON file for `states`.
  /// - Throws: ``RoutingRenderError`` when encoding fails.
  public static func render(_ states: [RoutingState], target: RoutingTarget) throws -> Data {
    var flags: [String: Any] = [:]
    for state in states {
      guard let stable = state.stable else { continue }
      let split = state.servingSplit
      var variants: [String: String] = [stable: stable]
      for (version, _) in split { variants[version] = version }
      flags[state.artefact] = [
        "state": "ENABLED",
        "variants": variants,
        "defaultVariant": stable,
        "targeting": ["fractional": split.map { [$0.version, $0.weight] as [Any] }],
      ]
    }
    let root: [String: Any] = ["$schema": schema, "flags": flags]
    do {
      var data = try JSONSerialization.data(
        withJSONObject: root, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
      data.append(UInt8(ascii: "\n"))
      return data
    } catch {
      throw RoutingRenderError(target: target.name, reason: "JSON encoding failed: \(error)")
    }
  }

  /// The weights a flagd file routes by, per flag (artefact): variant →
  /// weight from its `fractional` targeting (a flag without one routes all
  /// to its default variant: weight 100). Used to read a target back.
  /// - Throws: ``RoutingRenderError`` when the text is not JSON or has no `flags`.
  public static func weights(in data: Data, target: String) throws -> [String: [String: Int]] {
    guard data.count <= 16 << 20, let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
      let flags = root["flags"] as? [String: Any]
    else { throw RoutingRenderError(target: target, reason: "the file is not a flagd flag definition") }
    var out: [String: [String: Int]] = [:]
    for (key, value) in flags {
      guard let flag = value as? [String: Any] else { continue }
      var weights: [String: Int] = [:]
      if let targeting = flag["targeting"] as? [String: Any],
        let fractional = targeting["fractional"] as? [Any]
      {
        for bucket in fractional {
          guard let pair = bucket as? [Any], pair.count == 2, let v = pair[0] as? String,
            let w = pair[1] as? NSNumber
          else { continue }
          weights[v] = w.intValue
        }
      } else if let d = flag["defaultVariant"] as? String {
        weights[d] = 100
      }
      out[key] = weights
    }
    return out
  }
}
