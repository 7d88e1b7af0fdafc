import TOMLKit

extension FlightDeckConfiguration {
  private static let alertKeys: Set<String> = [
    "rules", "evaluation_interval", "incident_severities", "slo_alerts",
  ]
  private static let sloKeys: Set<String> = [
    "name", "artefact", "kind", "objective", "period", "threshold_ms", "burn_rate_windows",
  ]

  /// Reads `[alerts]` and `[[slo]]` (see ``AlertConfiguration``).
  ///
  /// - `alerts.rules`: a non-empty path; `evaluation_interval`: a duration
  ///   1 s–1 h; `incident_severities`: strings; `slo_alerts`: a boolean.
  /// - `slo[i].name`: a label value unique among SLOs; `artefact`: a name;
  ///   `kind`: availability | latency; `objective`: a number in percent,
  ///   strictly between 0 and 100 (99.5, not 0.995: a value ≤ 1 is refused
  ///   as almost certainly a fraction); `period`: a duration, 1 h–365 d
  ///   (default 30d); `threshold_ms`: a positive number, required for
  ///   latency SLOs and refused for availability ones; `burn_rate_windows`:
  ///   `workbook` (default) or `sloth` (``SLOAlertWindows``).
  /// - Throws: the ``ConfigurationError`` that `fail` builds, naming the key.
  static func parseAlerts(
    _ root: TOMLTable, into config: inout FlightDeckConfiguration,
    fail: (String, String) -> ConfigurationError
  ) throws {
    var a = AlertConfiguration()
    if let v = root["alerts"] {
      guard let t = v.table else { throw fail("alerts", "expected a table") }
      for k in t.keys.sorted() where !alertKeys.contains(k) {
        throw fail("alerts.\(k)", "unknown key (allowed: \(alertKeys.sorted().joined(separator: ", ")))")
      }
      if let r = t["rules"] {
        guard let s = r.string, !s.isEmpty else { throw fail("alerts.rules", "expected a file path") }
        a.rulesPath = s
      }
      if let ms = try Self.duration(
        t["evaluation_interval"], range: Bounds.evaluationIntervalMs, example: "\"15s\"",
        fail: { fail("alerts.evaluation_interval", $0) })
      {
        a.evaluationIntervalMs = ms
      }
      if let s = t["incident_severities"] {
        guard let arr = s.array else {
          throw fail("alerts.incident_severities", "expected an array of strings")
        }
        var out: [String] = []
        for item in arr {
          guard let str = item.string, !str.isEmpty else {
            throw fail("alerts.incident_severities", "expected non-empty strings")
          }
          out.append(str)
        }
        a.incidentSeverities = out
      }
      if let b = t["slo_alerts"] {
        guard let flag = b.bool else { throw fail("alerts.slo_alerts", "expected true or false") }
        a.sloAlerts = flag
      }
    }
    if let v = root["slo"] {
      guard let arr = v.array else { throw fail("slo", "expected [[slo]] tables") }
      var names: Set<String> = []
      for (i, item) in arr.enumerated() {
        let p = "slo"
        guard let t = item.table else { throw fail(p, "expected [[slo]] tables") }
        for k in t.keys.sorted() where !sloKeys.contains(k) {
          throw fail(
            "\(p).\(k)",
            "unknown key in [[slo]] #\(i + 1) (allowed: \(sloKeys.sorted().joined(separator: ", ")))")
        }
        guard let name = t["name"]?.string, !name.isEmpty, name.count <= 64,
          !name.contains(where: { $0 == "\"" || $0 == "\\" || $0.isNewline })
        else { throw fail("\(p).name", "[[slo]] #\(i + 1): expected a name (1–64 characters, no quotes)") }
        guard let artefact = t["artefact"]?.string, !artefact.isEmpty else {
          throw fail("\(p).artefact", "SLO \(name): expected the artefact's name")
        }
        // An SLO is named per artefact (like Sloth's per-service SLOs): two
        // artefacts may each have an "availability" SLO, one artefact not two.
        guard names.insert("\(artefact)\u{0}\(name)").inserted else {
          throw fail("\(p).name", "duplicate SLO \"\(name)\" for artefact \(artefact)")
        }
        guard let kindText = t["kind"]?.string, let kind = SLOKind(rawValue: kindText) else {
          throw fail("\(p).kind", "SLO \(name): expected one of availability, latency")
        }
        guard let objective = t["objective"]?.double ?? t["objective"]?.int.map(Double.init) else {
          throw fail("\(p).objective", "SLO \(name): expected a percentage such as 99.5")
        }
        guard objective > 1, objective < 100 else {
          throw fail(
            "\(p).objective",
            "SLO \(name): expected a percentage strictly between 1 and 100 such as 99.5 (found \(objective); "
              + "write 99.5, not 0.995)")
        }
        var period: Int64 = 30 * 86_400_000
        if let ms = try Self.duration(
          t["period"], range: Bounds.sloPeriodMs, example: "\"30d\"",
          fail: { fail("\(p).period", "SLO \(name): \($0)") })
        {
          period = ms
        }
        var threshold: Double?
        if let tv = t["threshold_ms"] {
          guard kind == .latency else {
            throw fail("\(p).threshold_ms", "SLO \(name): threshold_ms applies to latency SLOs only")
          }
          guard let n = tv.double ?? tv.int.map(Double.init), n > 0, n.isFinite else {
            throw fail("\(p).threshold_ms", "SLO \(name): expected a positive number of milliseconds")
          }
          guard Bounds.sloThresholdMs.contains(n) else {
            throw fail(
              "\(p).threshold_ms",
              "SLO \(name): must be between 0 and \(Int(Bounds.sloThresholdMs.upperBound)) (24 h), above 0")
          }
          threshold = n
        } else if kind == .latency {
          throw fail("\(p).threshold_ms", "SLO \(name): a latency SLO needs threshold_ms")
        }
        var windows = SLOAlertWindows.workbook
        if let wv = t["burn_rate_windows"] {
          guard let w = wv.string.flatMap(SLOAlertWindows.init(rawValue:)) else {
            throw fail("\(p).burn_rate_windows", "SLO \(name): expected \"workbook\" or \"sloth\"")
          }
          windows = w
        }
        a.slos.append(
          SLODefinition(
            name: name, artefact: artefact, kind: kind, objectivePercent: objective, periodMs: period,
            thresholdMs: threshold, alertWindows: windows))
      }
    }
    config.alerts = a
  }
}
