import TOMLKit

extension FlightDeckConfiguration {
  private static let policyKeys = Set(["request_lifetime"] + RiskTier.allCases.map(\.rawValue))
  private static let tierKeys: Set<String> = ["approvals", "required_role", "self_approval"]

  /// Whether `name` is a valid role name: 1–64 ASCII letters, digits, `-`,
  /// `_` or `.`, starting with a letter (`release-manager`, `sre`).
  public static func isValidRoleName(_ name: String) -> Bool {
    let bytes = Array(name.utf8)
    guard (1...64).contains(bytes.count), let first = bytes.first, isLetter(first) else { return false }
    return bytes.allSatisfy {
      isLetter($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || $0 == UInt8(ascii: "-")
        || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".")
    }
  }

  private static func isLetter(_ b: UInt8) -> Bool {
    (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(b) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(b)
  }

  /// Reads the registry keys of a parsed configuration: `workspace`,
  /// `[policy]` (with `[policy.<tier>]` tables) and `[roles]`.
  ///
  /// - `workspace`: a non-empty path string.
  /// - `store`: where the store is (``StoreLocation``: `sqlite:PATH` or
  ///   `postgres://…`); `--store` and `FLIGHTDECK_STORE` win over it.
  /// - `policy.request_lifetime`: a duration (``DurationText``), 1 minute to 365 days.
  /// - `policy.<tier>.approvals`: an integer 0–10; `required_role`: a role name
  ///   (``isValidRoleName(_:)``) or `""` for none; `self_approval`: a boolean.
  ///   A key left out keeps ``RiskPolicy/standard``'s value for that tier.
  /// - `roles.<role>`: an array of operator names (non-empty strings without
  ///   control characters), or a single string.
  /// - Throws: the ``ConfigurationError`` that `fail` builds, naming the key.
  static func parseRegistry(
    _ root: TOMLTable, into config: inout FlightDeckConfiguration,
    fail: (String, String) -> ConfigurationError
  ) throws {
    if let v = root["workspace"] {
      guard let s = v.string, !s.isEmpty else { throw fail("workspace", "expected a directory path") }
      config.workspace = s
    }
    if let v = root["store"] {
      guard let s = v.string else {
        throw fail("store", "expected a location such as \"postgres://alice@db/flightdeck\"")
      }
      do {
        config.store = try StoreLocation(parsing: s)
      } catch let e as RegistryError {
        throw fail("store", e.message)
      }
    }
    if let v = root["policy"] {
      config.declaresRegistryPolicy = true
      guard let t = v.table else { throw fail("policy", "expected a table") }
      for k in t.keys.sorted() where !policyKeys.contains(k) {
        throw fail("policy.\(k)", "unknown key (allowed: \(policyKeys.sorted().joined(separator: ", ")))")
      }
      var rules = RiskPolicy.standard.rules
      var lifetime = RiskPolicy.standard.requestLifetimeMs
      if let ms = try Self.duration(
        t["request_lifetime"], range: Bounds.requestLifetimeMs, example: "\"7d\" or \"48h\"",
        fail: { fail("policy.request_lifetime", $0) })
      {
        lifetime = ms
      }
      for tier in RiskTier.allCases {
        guard let tv = t[tier.rawValue] else { continue }
        let path = "policy.\(tier.rawValue)"
        guard let tt = tv.table else { throw fail(path, "expected a table") }
        for k in tt.keys.sorted() where !tierKeys.contains(k) {
          throw fail("\(path).\(k)", "unknown key (allowed: \(tierKeys.sorted().joined(separator: ", ")))")
        }
        var rule = rules[tier] ?? .none
        if let a = tt["approvals"] {
          guard let n = a.int else { throw fail("\(path).approvals", "expected an integer") }
          guard Bounds.approvals.contains(n) else {
            throw fail(
              "\(path).approvals",
              "must be between \(Bounds.approvals.lowerBound) and \(Bounds.approvals.upperBound)")
          }
          rule.approvals = n
        }
        if let r = tt["required_role"] {
          guard let s = r.string, s.isEmpty || isValidRoleName(s) else {
            throw fail(
              "\(path).required_role",
              "expected a role name (1–64 letters, digits, - _ or ., starting with a letter) or \"\" for none"
            )
          }
          rule.requiredRole = s.isEmpty ? nil : s
        }
        if let b = tt["self_approval"] {
          guard let flag = b.bool else { throw fail("\(path).self_approval", "expected true or false") }
          rule.allowSelfApproval = flag
        }
        rules[tier] = rule
      }
      config.riskPolicy = RiskPolicy(rules: rules, requestLifetimeMs: lifetime)
    }
    if let v = root["roles"] {
      config.declaresRegistryPolicy = true
      guard let t = v.table else { throw fail("roles", "expected a table of role = [names]") }
      var roles: [String: [String]] = [:]
      for role in t.keys.sorted() {
        let path = "roles.\(role)"
        guard isValidRoleName(role) else {
          throw fail(
            path, "role name is not valid: use 1–64 letters, digits, - _ or ., starting with a letter")
        }
        var names: [String] = []
        var items: [String?] = []
        if let s = t[role]?.string {
          items = [s]
        } else if let a = t[role]?.array {
          for item in a { items.append(item.string) }
        } else {
          throw fail(path, "expected an array of operator names")
        }
        for item in items {
          guard let s = item, !s.isEmpty, s.count <= 128,
            !s.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
          else {
            throw fail(
              path,
              "expected operator names: non-empty strings of at most 128 characters, no control characters")
          }
          if !names.contains(s) { names.append(s) }
        }
        roles[role] = names.sorted()
      }
      config.roles = roles
    }
  }
}
