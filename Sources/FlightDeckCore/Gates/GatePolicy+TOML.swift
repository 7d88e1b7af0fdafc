import TOMLKit

extension GatePolicy {
  /// Reads the `[gates]` table of a parsed TOML document.
  ///
  /// ```toml
  /// [gates.high]
  /// pass_rate = ">= 0.95"
  /// drift_psi = "<= 0.2"
  /// fairness_gap = "<= 0.05"
  /// "score.Correctness" = ">= 0.9"
  /// ```
  ///
  /// - `gates` holds only the tier tables `low`, `medium`, `high`, `critical`.
  /// - In a tier table each key is a metric name (``GateMetricName``; quote
  ///   names with dots) and each value a condition string: `>=`, `<=`, `>` or
  ///   `<` then a finite number. Rates named in ``FlightDeckGateResultsReader/fractionMetrics``
  ///   must have thresholds from 0 to 1.
  /// - A tier table replaces that tier's default gates entirely (an empty
  ///   table requires nothing); a tier left out keeps ``standard``'s gates.
  ///   Gates are reported in key order.
  ///
  /// - Parameters:
  ///   - root: the whole parsed document; without a `gates` key the result is ``standard``.
  ///   - file: the file name for errors.
  ///   - locator: the line index of the same text, for error lines.
  /// - Throws: ``ConfigurationError`` naming the file, line and key (e.g.
  ///   `fd.toml:12: gates.high.pass_rate: expected a condition such as ">= 0.95"`).
  public static func parse(_ root: TOMLTable, file: String, locator: TOMLKeyLocator) throws -> GatePolicy {
    func fail(_ key: String, _ reason: String) -> ConfigurationError {
      ConfigurationError(file: file, line: locator.line(for: key), key: key, reason: reason)
    }
    guard let g = root["gates"] else { return .standard }
    guard let gates = g.table else { throw fail("gates", "expected a table of [gates.<tier>] tables") }
    let tierNames = RiskTier.allCases.map(\.rawValue)
    for k in gates.keys.sorted() where RiskTier(rawValue: k) == nil {
      throw fail("gates.\(k)", "unknown risk tier (allowed: \(tierNames.joined(separator: ", ")))")
    }
    var tiers = GatePolicy.standard.tiers
    for tier in RiskTier.allCases {
      guard let tv = gates[tier.rawValue] else { continue }
      let path = "gates.\(tier.rawValue)"
      guard let t = tv.table else {
        throw fail(path, "expected a table of metric = \"<op> <threshold>\" (e.g. pass_rate = \">= 0.95\")")
      }
      var requirements: [GateRequirement] = []
      for metric in t.keys.sorted() {
        let key = "\(path).\(metric)"
        guard GateMetricName.isValid(metric) else {
          throw fail(key, "metric name must be 1–128 characters without control characters")
        }
        guard let text = t[metric]?.string, let (op, threshold) = GateRequirement.parseCondition(text) else {
          throw fail(
            key, "expected a condition string: >=, <=, > or < then a number (e.g. \">= 0.95\", \"<= 0.2\")")
        }
        if FlightDeckGateResultsReader.fractionMetrics.contains(metric), !(0...1).contains(threshold) {
          throw fail(
            key,
            "\(metric) is a fraction from 0 to 1; the threshold \(GateNumber.text(threshold)) is out of range"
          )
        }
        requirements.append(GateRequirement(metric, op, threshold))
      }
      tiers[tier] = requirements
    }
    return GatePolicy(tiers: tiers)
  }

  /// Parses TOML text and reads its `[gates]` table (a standalone policy
  /// file, or for tests).
  /// - Throws: ``ConfigurationError`` for a TOML syntax error (with its line)
  ///   or a bad `gates` key (see ``parse(_:file:locator:)``).
  public static func parse(toml text: String, file: String) throws -> GatePolicy {
    let root: TOMLTable
    do {
      root = try TOMLScreen.parse(text)
    } catch let e as TOMLSyntaxError {
      throw ConfigurationError(file: file, line: e.line, reason: e.message)
    } catch {
      throw ConfigurationError(file: file, reason: "\(error)")
    }
    return try parse(root, file: file, locator: TOMLKeyLocator(source: text))
  }
}
