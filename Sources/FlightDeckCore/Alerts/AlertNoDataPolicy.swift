/// What a rule does with an evaluation that has no data (no sample in its
/// window, or its series vanished): the rules file's per-rule `nodata:` key.
///
/// The default, ``resolve``, is Prometheus 2.x's behaviour: a range with no
/// samples makes the expression return nothing for that series, and a rule
/// whose expression returns nothing does not hold — the pending alert is
/// dropped and a firing one resolves once `keep_firing_for` has passed. The
/// other three are Grafana's "no data" choices
/// (<https://grafana.com/docs/grafana/latest/alerting/fundamentals/alert-rule-evaluation/nodata-and-error-states/>),
/// for operators who want a gap in telemetry not to resolve (and re-page).
///
/// | policy | pending | firing | quiet (no instance yet) |
/// |---|---|---|---|
/// | `resolve` | reset (shown `nodata`; `for` restarts when data returns) | keeps firing through `keep_firing_for`, then `resolved` | absent; one `nodata` for the rule when none of its series has data |
/// | `ok` | reset (`inactive`) | keeps firing through `keep_firing_for`, then `resolved` | absent (not shown) |
/// | `nodata` | reset (shown `nodata`) | keeps firing through `keep_firing_for`, then `nodata` | absent; one `nodata` for the rule when none of its series has data |
/// | `keep_last` | stays pending (`for` keeps counting from `activeAt`) | stays firing | absent (not shown) |
///
/// A quiet series without data is absent under every policy, as in
/// Prometheus (no sample in the range: no result, nothing to alert on) and
/// Grafana (a series missing from a multi-dimensional result is not "No
/// Data"): a rule over 5,000 series of which the window holds none shows
/// one `nodata` instance, labelled with the labels its series share, not
/// 5,000 (`AlertEvaluator.outcome(of:source:at:)`). Grafana's "No Data" is
/// likewise one alert per rule whose query returned nothing.
///
/// `nodata` shown for an instance never notifies and opens no incident.
public enum AlertNoDataPolicy: String, Sendable, Hashable, Codable, CaseIterable {
  /// Prometheus: no data is the condition not holding; a firing alert resolves.
  case resolve
  /// Grafana "OK" (Normal): no data is the condition not holding, and quiet
  /// instances are not shown as `nodata`.
  case ok
  /// Grafana "No Data": the instance takes the `nodata` state (a firing one
  /// after `keep_firing_for`).
  case nodata
  /// Grafana "Keep Last State": no data changes nothing.
  case keepLast = "keep_last"
}
