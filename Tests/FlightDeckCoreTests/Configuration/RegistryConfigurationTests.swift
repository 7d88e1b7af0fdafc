import FlightDeckCore
import Testing

@Suite struct RegistryConfigurationTests {
  static func error(_ text: String) -> ConfigurationError? {
    do {
      _ = try FlightDeckConfiguration.parse(text, file: "fd.toml")
      return nil
    } catch let e as ConfigurationError {
      return e
    } catch {
      return nil
    }
  }

  @Test func readsWorkspacePolicyAndRoles() throws {
    let text = """
      workspace = "/srv/registry"

      [policy]
      request_lifetime = "48h"

      [policy.low]
      approvals = 1

      [policy.critical]
      approvals = 3
      required_role = "release-manager"
      self_approval = false

      [policy.medium]
      self_approval = true
      required_role = ""

      [roles]
      release-manager = ["alice", "bob", "alice"]
      sre = "carol"
      """
    let c = try FlightDeckConfiguration.parse(text, file: "fd.toml")
    #expect(c.workspace == "/srv/registry")
    // 48 h = 48 × 3 600 000 ms.
    #expect(c.riskPolicy.requestLifetimeMs == 172_800_000)
    #expect(c.riskPolicy.rules[.low] == ApprovalRule(approvals: 1, allowSelfApproval: true))
    #expect(c.riskPolicy.rules[.medium] == ApprovalRule(approvals: 1, allowSelfApproval: true))
    // high untouched: the standard 2, four-eyes.
    #expect(c.riskPolicy.rules[.high] == ApprovalRule(approvals: 2, allowSelfApproval: false))
    #expect(
      c.riskPolicy.rules[.critical]
        == ApprovalRule(approvals: 3, requiredRole: "release-manager", allowSelfApproval: false))
    #expect(c.roles == ["release-manager": ["alice", "bob"], "sre": ["carol"]])
  }

  @Test func withoutTheSectionsThePolicyIsStandard() throws {
    let c = try FlightDeckConfiguration.parse("window = \"5m\"\n", file: "fd.toml")
    #expect(c.workspace == nil)
    #expect(c.riskPolicy == .standard)
    #expect(c.roles.isEmpty)
  }

  @Test func refusesBadRegistryKeysNamingLineAndKey() {
    let typo = Self.error("[policy.high]\napprovals = 2\napprovels = 3\n")
    #expect(typo?.key == "policy.high.approvels")
    #expect(typo?.line == 3)
    #expect(typo?.description.hasPrefix("fd.toml:3: policy.high.approvels: unknown key") == true)

    let tier = Self.error("[policy]\n[policy.severe]\napprovals = 1\n")
    #expect(tier?.key == "policy.severe")
    #expect(tier?.line == 2)

    let many = Self.error("[policy.low]\napprovals = 11\n")
    #expect(many?.key == "policy.low.approvals")
    #expect(many?.line == 2)

    let selfText = Self.error("[policy.low]\nself_approval = \"yes\"\n")
    #expect(selfText?.key == "policy.low.self_approval")

    let role = Self.error("[policy.high]\nrequired_role = \"release manager\"\n")
    #expect(role?.key == "policy.high.required_role")

    let lifetime = Self.error("[policy]\nrequest_lifetime = \"30s\"\n")
    #expect(lifetime?.key == "policy.request_lifetime")
    #expect(lifetime?.line == 2)

    let names = Self.error("[roles]\nrelease-manager = [\"alice\", 3]\n")
    #expect(names?.key == "roles.release-manager")
    #expect(names?.line == 2)

    let emptyName = Self.error("[roles]\nsre = [\"\"]\n")
    #expect(emptyName?.key == "roles.sre")

    let workspace = Self.error("workspace = 3\n")
    #expect(workspace?.key == "workspace")
    #expect(workspace?.line == 1)
  }

  @Test func digestIsTheSHA256OfTheCanonicalText() throws {
    let roles = ["release-manager": ["bob", "alice"], "empty": []]
    let text = RiskPolicy.standard.canonicalText(roles: roles)
    #expect(
      text == """
        flightdeck-config 1
        policy.request_lifetime_ms=604800000
        policy.low=approvals:0;role:;self:true
        policy.medium=approvals:1;role:;self:false
        policy.high=approvals:2;role:;self:false
        policy.critical=approvals:2;role:release-manager;self:false
        roles.release-manager=alice,bob

        """)
    // Computed independently: printf '%s' "$text" | sha256sum (GNU coreutils).
    #expect(
      RiskPolicy.standard.digest(roles: roles)
        == "e7e72a1106c350d0ca28ec787f003584966ef3bae51bfdc1457961618a7021d2")
    // Order of names and roles does not matter; a change of a rule does.
    #expect(
      RiskPolicy.standard.digest(roles: ["release-manager": ["alice", "bob"]])
        == RiskPolicy.standard.digest(roles: roles))
    var stricter = RiskPolicy.standard
    stricter.rules[.low] = ApprovalRule(approvals: 1, allowSelfApproval: true)
    #expect(stricter.digest(roles: roles) != RiskPolicy.standard.digest(roles: roles))
    #expect(
      RiskPolicy.standard.summary(roles: roles)
        == "low 0 self, medium 1, high 2, critical 2+release-manager; requests expire after 168h; "
        + "roles: release-manager=alice,bob")
  }
}
