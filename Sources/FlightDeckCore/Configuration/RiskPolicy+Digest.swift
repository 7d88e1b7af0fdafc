import Crypto
import Foundation

extension RiskPolicy {
  /// The canonical text of this policy and a role table: what
  /// ``digest(roles:)`` hashes and the audit log's `config.apply` entry
  /// summarises. One line per fact, in a fixed order, so the same policy and
  /// roles always give the same text whatever order the file listed them in:
  ///
  /// ```
  /// flightdeck-config 1
  /// policy.request_lifetime_ms=604800000
  /// policy.low=approvals:0;role:;self:true
  /// policy.medium=approvals:1;role:;self:false
  /// policy.high=approvals:2;role:;self:false
  /// policy.critical=approvals:2;role:release-manager;self:false
  /// roles.release-manager=alice,bob
  /// ```
  ///
  /// Tiers in ``RiskTier`` order (each with the rule ``rule(for:pointer:)``
  /// gives `production`); roles sorted by name (byte order), names sorted and
  /// de-duplicated, joined by `,`; a role with no names is left out. Role and
  /// operator names never contain `=`, `,` or a newline that could make two
  /// tables print alike: the configuration refuses control characters, and
  /// names holding `,` or `=` are written with those escaped as `\,` `\=`
  /// (and `\` as `\\`).
  ///
  /// A gate policy (`[gates]`) other than ``GatePolicy/standard`` adds one
  /// line per tier after the roles, in ``RiskTier`` order, each requirement
  /// as `metric op threshold` (threshold in ``GateNumber/canonical(_:)``
  /// form) joined by `;` (metric names escaped like role names, and `;` as
  /// `\;`): `gates.high=pass_rate>=0.97;drift_psi<=0.2`. The standard gate
  /// policy adds nothing, so workspaces configured before gates existed keep
  /// their digest.
  public func canonicalText(roles: [String: [String]], gates: GatePolicy = .standard) -> String {
    func escape(_ s: String) -> String {
      s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: ",", with: "\\,")
        .replacingOccurrences(of: "=", with: "\\=").replacingOccurrences(of: "\n", with: "\\n")
    }
    var lines = ["flightdeck-config 1", "policy.request_lifetime_ms=\(requestLifetimeMs)"]
    for tier in RiskTier.allCases {
      let r = rule(for: tier, pointer: .production)
      lines.append(
        "policy.\(tier.rawValue)=approvals:\(r.approvals);role:\(escape(r.requiredRole ?? ""));self:\(r.allowSelfApproval)"
      )
    }
    for role in roles.keys.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }) {
      let names = Set(roles[role] ?? []).sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
      guard !names.isEmpty else { continue }
      lines.append("roles.\(escape(role))=\(names.map(escape).joined(separator: ","))")
    }
    if gates != .standard {
      for tier in RiskTier.allCases {
        let reqs = gates.requirements(for: tier).map {
          escape($0.metric).replacingOccurrences(of: ";", with: "\\;") + $0.comparison.rawValue
            + GateNumber.canonical($0.threshold)
        }
        lines.append("gates.\(tier.rawValue)=\(reqs.joined(separator: ";"))")
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// The SHA-256 of ``canonicalText(roles:)`` (UTF-8), as 64 lower-case hex
  /// digits (FIPS 180-4, through swift-crypto): what
  /// ``RegistryCommand/applyConfiguration(policy:roles:gates:)`` compares and records.
  public func digest(roles: [String: [String]], gates: GatePolicy = .standard) -> String {
    SHA256.hash(data: Data(canonicalText(roles: roles, gates: gates).utf8)).map { String(format: "%02x", $0) }
      .joined()
  }

  /// One line for the audit log: each tier's approvals (`+role`, `self`
  /// when self-approval is allowed), the request lifetime and the roles,
  /// e.g. `low 0 self, medium 1, high 2, critical 2+release-manager; requests expire after 168h;
  /// roles: release-manager=alice`; with a gate policy other than the
  /// standard one, `; gates: low pass_rate >= 0.8, …` follows (one tier
  /// after another, `none` for a tier without gates).
  public func summary(roles: [String: [String]], gates: GatePolicy = .standard) -> String {
    let tiers = RiskTier.allCases.map { tier -> String in
      let r = rule(for: tier, pointer: .production)
      var s = "\(tier.rawValue) \(r.approvals)"
      if let role = r.requiredRole { s += "+\(role)" }
      if r.allowSelfApproval { s += " self" }
      return s
    }
    let named = roles.filter { !$0.value.isEmpty }
    let roleText =
      named.isEmpty
      ? "none"
      : named.keys.sorted().map { "\($0)=\(Set(named[$0] ?? []).sorted().joined(separator: ","))" }.joined(
        separator: " ")
    var gateText = ""
    if gates != .standard {
      gateText =
        "; gates: "
        + RiskTier.allCases.map { tier in
          let reqs = gates.requirements(for: tier).map(\.description)
          return "\(tier.rawValue) \(reqs.isEmpty ? "none" : reqs.joined(separator: ", "))"
        }.joined(separator: "; ")
    }
    return tiers.joined(separator: ", ") + "; requests expire after "
      + DurationText.format(requestLifetimeMs) + "; roles: " + roleText + gateText
  }
}
