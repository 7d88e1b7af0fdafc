extension PostgresSchema {
  /// Migration 9: the database checks four-eyes itself, and refuses canary
  /// weights, silences and configuration written by SQL without their audit
  /// entries (BREAKER-13, fourth pass). Every guard here binds every role but
  /// an administrator (`flightdeck_is_administrator()`: a superuser, a role
  /// with `BYPASSRLS`, or a member of the role that owns the tables — who may
  /// switch any trigger off anyway, migrates, and copies workspaces with
  /// their names as recorded); the CHECK constraints bind everyone.
  ///
  /// - **A request's rule is the risk policy's**: a request is filed
  ///   (`BEFORE INSERT`) with at least the approvals the workspace's policy
  ///   in force (`meta` `config_policy`, as FlightDeck reads it, else
  ///   ``RiskPolicy/standard``) asks for the artefact's tier and target,
  ///   self-approval only where the policy allows it, the policy's required
  ///   role, in state `pending` (or `applied` at once when no approval is
  ///   needed), and an expiry no later than the database's clock (`now()`)
  ///   plus the policy's request lifetime plus ``clockSkewMs``. Migration 7
  ///   keeps the rule as filed.
  /// - **An approval is the session's**: a `request_decision` names
  ///   `session_user` (its column default), declares only FlightDeck roles
  ///   whose group role the session holds, and an approval is of a pending
  ///   request not expired by the database's clock, by someone other than
  ///   the requester (unless the rule allows self-approval) who has not
  ///   approved it before; a rejection is of a pending or approved request.
  /// - **A request becomes `approved` or `applied` only when its approvals
  ///   meet its rule** (checked at `COMMIT`: distinct approvers, the requester
  ///   only where self-approval is allowed, one declaring the rule's role),
  ///   and, when approvals were needed, not after its expiry by the
  ///   database's clock. `applied` without approvals is only a request whose
  ///   rule needs none. `expired` only once the database's clock (plus
  ///   ``clockSkewMs``, so a client clock a little ahead does not fail its
  ///   expiry sweep) has passed its expiry.
  /// - **Canary weights, silences and the configuration change only with
  ///   their audit entries** (at `COMMIT`, the same-`xmin` rule of migrations
  ///   3 and 7): a changed `artefact.canary_weight` with `canary.weight` on
  ///   the artefact whose `after.weight` is the new weight; a new silence with
  ///   `silence.create` on `SIL-id` by its `created_by`; a silence's end moved
  ///   (earlier only; nothing else of it changes) with `silence.expire` by its
  ///   `expired_by`; a `meta` `config_…` row with `config.apply`; a
  ///   notification outbox row with the entry it reports (its sequence, hash as
  ///   the event key, subject, actor). An artefact
  ///   is registered with weight 0, and nothing of it but the weight changes
  ///   afterwards (its risk tier decides how many approvals production needs).
  /// - **CHECK constraints** (validated when the migration runs):
  ///   `artefact.risk_tier` one of ``RiskTier``'s and `kind` one of
  ///   ``ArtefactKind``'s (an unknown tier would have needed no approval);
  ///   `incident.severity` `SEV1`–`SEV4`, `incident.state` one of
  ///   ``IncidentState``'s, its acknowledgement, mitigation and resolution no
  ///   earlier than its opening; `alert_instance.state` `pending`, `firing`,
  ///   `resolved` or `nodata` (an inactive instance is deleted), `fingerprint` 16
  ///   lowercase hex digits, `instance` a JSON object whose `fingerprint`,
  ///   `ruleName` and `state` are the row's; `silence` ending after it starts (or
  ///   at its start, when expired before it started),
  ///   `matchers` a JSON array of 1–20 objects with a label `name`, an `op`
  ///   (`=`, `!=`, `=~`, `!~`) and a string `value`; `meta` `config_policy`
  ///   a JSON object with `rules` and an integer `requestLifetimeMs`.
  ///
  /// A refusal by a trigger is SQLSTATE `42501`, `flightdeck refused VERB on
  /// TABLE: why`, as migration 3's; a CHECK violation names its constraint.
  static var auditGuardsFourthPass: [String] {
    fourEyesHelpers + fourEyesGuards + auditedWriteGuards + fourthPassChecks
  }

  /// How far ahead of the database's clock a client's clock may be when it
  /// expires a request or sets a request's expiry (5 minutes, in ms).
  public static let clockSkewMs: Int64 = 300_000

  /// Migration 9's helpers: who is an administrator, the database's clock in
  /// ms, the policy's rule for a tier and target, its request lifetime.
  static let fourEyesHelpers: [String] = [
    """
    CREATE OR REPLACE FUNCTION flightdeck_is_administrator() RETURNS BOOLEAN LANGUAGE sql STABLE
    SET search_path = public, pg_temp AS $$
      SELECT coalesce((SELECT r.rolsuper OR r.rolbypassrls FROM pg_catalog.pg_roles r WHERE r.rolname = session_user),
          false)
        OR pg_catalog.pg_has_role(session_user,
          (SELECT c.relowner FROM pg_catalog.pg_class c WHERE c.oid = CAST('public.audit_log' AS regclass)), 'MEMBER')
    $$
    """,
    """
    CREATE OR REPLACE FUNCTION flightdeck_now_ms() RETURNS BIGINT LANGUAGE sql STABLE AS $$
      SELECT CAST(floor(extract(epoch FROM now()) * 1000) AS BIGINT)
    $$
    """,
    """
    CREATE OR REPLACE FUNCTION flightdeck_policy() RETURNS jsonb LANGUAGE plpgsql STABLE
    SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE
      policy jsonb;
    BEGIN
      -- FlightDeck enforces a stored policy only with its digest and roles beside it.
      IF (SELECT count(*) FROM meta m WHERE m.key IN ('config_digest', 'config_policy', 'config_roles')) < 3 THEN
        RETURN NULL;
      END IF;
      BEGIN
        SELECT CAST(m.value AS jsonb) INTO policy FROM meta m WHERE m.key = 'config_policy';
      EXCEPTION WHEN others THEN
        RETURN NULL;
      END;
      RETURN policy;
    END $$
    """,
    """
    CREATE OR REPLACE FUNCTION flightdeck_policy_rule(tier TEXT, target TEXT) RETURNS jsonb LANGUAGE plpgsql STABLE
    SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE
      rules jsonb := flightdeck_policy() -> 'rules';
      rule jsonb;
      i INT;
      standard CONSTANT jsonb := '{"low": {"approvals": 0, "allowSelfApproval": true},
        "medium": {"approvals": 1, "allowSelfApproval": false}, "high": {"approvals": 2, "allowSelfApproval": false},
        "critical": {"approvals": 2, "requiredRole": "release-manager", "allowSelfApproval": false}}';
    BEGIN
      IF target IS DISTINCT FROM 'production' THEN RETURN '{"approvals": 0, "allowSelfApproval": true}'; END IF;
      -- Swift encodes [RiskTier: ApprovalRule] as [key, value, key, value, …].
      IF jsonb_typeof(rules) = 'array' THEN
        FOR i IN 0 .. jsonb_array_length(rules) - 2 BY 2 LOOP
          IF rules -> i = to_jsonb(tier) THEN rule := rules -> (i + 1); END IF;
        END LOOP;
      ELSIF jsonb_typeof(rules) = 'object' THEN
        rule := rules -> tier;
      END IF;
      -- A tier FlightDeck does not know (artefact_tier_check refuses one) needs what critical needs.
      RETURN coalesce(rule, standard -> tier, standard -> 'critical');
    END $$
    """,
    """
    CREATE OR REPLACE FUNCTION flightdeck_request_lifetime_ms() RETURNS BIGINT LANGUAGE plpgsql STABLE
    SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE
      lifetime jsonb := flightdeck_policy() -> 'requestLifetimeMs';
    BEGIN
      IF jsonb_typeof(lifetime) = 'number' THEN
        RETURN greatest(60000, CAST(lifetime #>> '{}' AS NUMERIC));
      END IF;
      RETURN 7 * 86400000;
    END $$
    """,
    """
    CREATE OR REPLACE FUNCTION flightdeck_approvals_met(request BIGINT) RETURNS BOOLEAN LANGUAGE sql STABLE
    SECURITY DEFINER SET search_path = public, pg_temp AS $$
      SELECT EXISTS (
        SELECT 1 FROM promotion_request r WHERE r.id = request
          AND (SELECT count(DISTINCT d.actor) FROM request_decision d
               WHERE d.request_id = r.id AND d.verdict = 'approve'
                 AND (r.rule_self_approval = 1 OR d.actor <> r.requester)) >= r.rule_approvals
          AND (r.rule_role IS NULL OR r.rule_approvals = 0 OR EXISTS (
               SELECT 1 FROM request_decision d
               WHERE d.request_id = r.id AND d.verdict = 'approve' AND CAST(d.roles AS jsonb) ? r.rule_role
                 AND (r.rule_self_approval = 1 OR d.actor <> r.requester))))
    $$
    """,
    "ALTER TABLE request_decision ALTER COLUMN actor SET DEFAULT CAST(session_user AS TEXT)",
    "ALTER TABLE promotion_request ALTER COLUMN requester SET DEFAULT CAST(session_user AS TEXT)",
  ]

  /// Migration 9's four-eyes guards on requests and decisions (see ``auditGuardsFourthPass``).
  static let fourEyesGuards: [String] = [
    """
    CREATE OR REPLACE FUNCTION flightdeck_request_filed_by_policy() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE
      tier TEXT;
      rule jsonb;
      needed BIGINT;
      role TEXT;
      latest BIGINT;
    BEGIN
      IF flightdeck_is_administrator() THEN RETURN NEW; END IF;
      SELECT a.risk_tier INTO tier FROM artefact a WHERE a.name = NEW.artefact;
      rule := flightdeck_policy_rule(tier, NEW.target);
      needed := coalesce(CAST(rule ->> 'approvals' AS BIGINT), 0);
      role := rule ->> 'requiredRole';
      IF NEW.rule_approvals < needed
         OR (NEW.rule_self_approval <> 0 AND coalesce(rule -> 'allowSelfApproval', 'false') <> 'true')
         OR (needed > 0 AND role IS NOT NULL AND NEW.rule_role IS DISTINCT FROM role) THEN
        PERFORM flightdeck_refuse('INSERT on promotion_request',
          'a request to move ' || NEW.artefact || ' ' || NEW.target || ' (' || coalesce(tier, 'unknown') || ' risk) needs '
          || needed || ' approval(s)' || coalesce(', one with role ' || role, '')
          || CASE WHEN coalesce(rule -> 'allowSelfApproval', 'false') = 'true' THEN '' ELSE ', none by its requester' END
          || ' under the risk policy in force; it may not be filed with ' || NEW.rule_approvals || coalesce(', role ' || NEW.rule_role, '')
          || CASE WHEN NEW.rule_self_approval <> 0 THEN ', self-approval' ELSE '' END);
      END IF;
      -- A state FlightDeck does not know is promotion_request_state_check's to refuse, with its name.
      IF NEW.state IN ('approved', 'rejected', 'expired', 'cancelled')
         OR (NEW.state = 'applied' AND NEW.rule_approvals <> 0) THEN
        PERFORM flightdeck_refuse('INSERT on promotion_request',
          'a request is filed pending (or applied at once when its rule needs no approval), not ' || NEW.state);
      END IF;
      latest := flightdeck_now_ms() + flightdeck_request_lifetime_ms() + \(clockSkewMs);
      IF NEW.expires_at > latest OR NEW.expires_at <= NEW.created_at THEN
        PERFORM flightdeck_refuse('INSERT on promotion_request',
          'a request expires after it is filed and within the policy''s request lifetime of the database''s clock (at most '
          || to_char(to_timestamp(latest / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') || ')');
      END IF;
      RETURN NEW;
    END $$
    """,
    """
    CREATE OR REPLACE FUNCTION flightdeck_decision_by_session() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE
      r promotion_request%ROWTYPE;
      declared TEXT;
      team_role TEXT;
    BEGIN
      IF flightdeck_is_administrator() THEN RETURN NEW; END IF;
      IF NEW.actor IS DISTINCT FROM CAST(session_user AS TEXT) THEN
        PERFORM flightdeck_refuse('INSERT on request_decision',
          'a decision names the role that makes it (' || session_user || '), not ' || coalesce(NEW.actor, 'none'));
      END IF;
      -- A malformed roles list is the CHECK constraint's to refuse, with its name.
      IF NOT flightdeck_is_string_array(NEW.roles) THEN RETURN NEW; END IF;
      FOR declared IN SELECT jsonb_array_elements_text(CAST(NEW.roles AS jsonb)) LOOP
        team_role := 'flightdeck_' || replace(declared, '-', '_');
        IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = team_role)
           OR NOT pg_catalog.pg_has_role(session_user, team_role, 'MEMBER') THEN
          PERFORM flightdeck_refuse('INSERT on request_decision',
            session_user || ' declares the role ' || declared || ' but is no member of ' || team_role);
        END IF;
      END LOOP;
      SELECT * INTO r FROM promotion_request p WHERE p.id = NEW.request_id;
      IF NOT FOUND THEN RETURN NEW; END IF;
      IF NEW.verdict = 'approve' THEN
        IF r.state <> 'pending' THEN
          PERFORM flightdeck_refuse('INSERT on request_decision',
            'REQ-' || r.id || ' is ' || r.state || ': only a pending request may be approved');
        END IF;
        IF r.expires_at <= flightdeck_now_ms() THEN
          PERFORM flightdeck_refuse('INSERT on request_decision',
            'REQ-' || r.id || ' expired at '
            || to_char(to_timestamp(r.expires_at / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
            || ' by the database''s clock: it may not be approved; request the promotion again');
        END IF;
        IF r.rule_self_approval = 0 AND NEW.actor = r.requester THEN
          PERFORM flightdeck_refuse('INSERT on request_decision',
            NEW.actor || ' requested REQ-' || r.id || ' and may not approve it: the risk policy needs someone else (four-eyes)');
        END IF;
        IF EXISTS (SELECT 1 FROM request_decision d WHERE d.request_id = r.id AND d.verdict = 'approve'
                   AND d.actor = NEW.actor) THEN
          PERFORM flightdeck_refuse('INSERT on request_decision',
            NEW.actor || ' already approved REQ-' || r.id || '; a person counts once');
        END IF;
      ELSIF r.state NOT IN ('pending', 'approved') THEN
        PERFORM flightdeck_refuse('INSERT on request_decision',
          'REQ-' || r.id || ' is ' || r.state || ': only a pending or approved request may be rejected');
      END IF;
      RETURN NEW;
    END $$
    """,
    """
    CREATE OR REPLACE FUNCTION flightdeck_request_expires_by_database() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = public, pg_temp AS $$
    BEGIN
      IF NEW.state = 'expired' AND OLD.state IS DISTINCT FROM 'expired' AND NOT flightdeck_is_administrator()
         AND NEW.expires_at > flightdeck_now_ms() + \(clockSkewMs) THEN
        PERFORM flightdeck_refuse('UPDATE on promotion_request',
          'REQ-' || NEW.id || ' expires at '
          || to_char(to_timestamp(NEW.expires_at / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
          || ' by the database''s clock, not before');
      END IF;
      RETURN NEW;
    END $$
    """,
    """
    CREATE OR REPLACE FUNCTION flightdeck_request_approvals_met() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE
      held TEXT;
    BEGIN
      IF flightdeck_is_administrator() THEN RETURN NULL; END IF;
      SELECT r.state INTO held FROM promotion_request r WHERE r.id = NEW.id;
      -- Gone, or changed again later in the transaction: that later change is checked by its own event.
      IF NOT FOUND OR held IS DISTINCT FROM NEW.state THEN RETURN NULL; END IF;
      IF TG_OP = 'UPDATE' AND OLD.state = 'approved' AND NEW.state = 'applied' THEN RETURN NULL; END IF;
      IF NOT flightdeck_approvals_met(NEW.id) THEN
        PERFORM flightdeck_refuse(TG_OP || ' on promotion_request',
          'REQ-' || NEW.id || ' may not be ' || NEW.state || ': its approvals do not meet its rule (' || NEW.rule_approvals
          || ' approval(s) by distinct people' || coalesce(', one with role ' || NEW.rule_role, '')
          || CASE WHEN NEW.rule_self_approval = 0 THEN ', none by its requester' ELSE '' END || ')');
      END IF;
      IF NEW.rule_approvals > 0 AND NEW.expires_at <= flightdeck_now_ms() THEN
        PERFORM flightdeck_refuse(TG_OP || ' on promotion_request',
          'REQ-' || NEW.id || ' expired at '
          || to_char(to_timestamp(NEW.expires_at / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
          || ' by the database''s clock: it may not be ' || NEW.state);
      END IF;
      RETURN NULL;
    END $$
    """,
    """
    CREATE OR REPLACE FUNCTION flightdeck_request_filed_audited() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE
      written xid;
      held TEXT;
    BEGIN
      IF flightdeck_is_administrator() THEN RETURN NULL; END IF;
      SELECT r.xmin, r.state INTO written, held FROM promotion_request r WHERE r.id = NEW.id;
      -- Changed again later in the transaction: that change is checked by migration 7 with its own entry.
      IF NOT FOUND OR held IS DISTINCT FROM NEW.state THEN RETURN NULL; END IF;
      IF EXISTS (
        SELECT 1 FROM audit_log a
        WHERE a.xmin = written AND a.action = 'request.create' AND a.subject = 'REQ-' || NEW.id
          AND CAST(a.after AS jsonb) ->> 'approvalsNeeded' = CAST(NEW.rule_approvals AS TEXT)
      ) THEN
        RETURN NULL;
      END IF;
      PERFORM flightdeck_refuse('INSERT on promotion_request',
        'REQ-' || NEW.id || ' has no request.create audit entry (with its approvals needed) written with it: '
        || 'a request is filed together with its audit entry, in one transaction');
      RETURN NULL;
    END $$
    """,
    """
    CREATE OR REPLACE FUNCTION flightdeck_rollout_as_started() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = public, pg_temp AS $$
    BEGIN
      IF flightdeck_is_administrator() THEN RETURN NEW; END IF;
      IF TG_OP = 'INSERT' AND NEW.started_by IS DISTINCT FROM CAST(session_user AS TEXT) THEN
        PERFORM flightdeck_refuse('INSERT on rollout',
          'a rollout names the role that starts it (' || session_user || '), not ' || coalesce(NEW.started_by, 'none'));
      END IF;
      IF TG_OP = 'UPDATE' AND (NEW.id, NEW.artefact, NEW.version, NEW.plan, NEW.started_at, NEW.started_by)
           IS DISTINCT FROM (OLD.id, OLD.artefact, OLD.version, OLD.plan, OLD.started_at, OLD.started_by) THEN
        PERFORM flightdeck_refuse('UPDATE on rollout',
          'RO-' || OLD.id || ' was started as it stands: only its state, phase and finish change');
      END IF;
      RETURN NEW;
    END $$
    """,
    """
    CREATE OR REPLACE FUNCTION flightdeck_rollout_start_audited() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE
      written xid;
    BEGIN
      IF flightdeck_is_administrator() THEN RETURN NULL; END IF;
      SELECT r.xmin INTO written FROM rollout r WHERE r.id = NEW.id;
      IF NOT FOUND THEN RETURN NULL; END IF;
      IF EXISTS (
        SELECT 1 FROM audit_log a
        WHERE a.xmin = written AND a.action = 'rollout.start' AND a.subject = NEW.artefact || ':RO-' || NEW.id
          AND a.actor = NEW.started_by
      ) THEN
        RETURN NULL;
      END IF;
      PERFORM flightdeck_refuse('INSERT on rollout',
        'RO-' || NEW.id || ' ' || NEW.artefact || ' ' || NEW.version || ' by ' || NEW.started_by
        || ' has no rollout.start audit entry by that role written with it: a rollout starts together with its audit entry, in one transaction');
      RETURN NULL;
    END $$
    """,
    """
    CREATE TRIGGER flightdeck_filed_by_policy BEFORE INSERT ON promotion_request
      FOR EACH ROW EXECUTE FUNCTION flightdeck_request_filed_by_policy()
    """,
    """
    CREATE TRIGGER flightdeck_by_session BEFORE INSERT ON request_decision
      FOR EACH ROW EXECUTE FUNCTION flightdeck_decision_by_session()
    """,
    """
    CREATE TRIGGER flightdeck_expires_by_database BEFORE UPDATE ON promotion_request
      FOR EACH ROW EXECUTE FUNCTION flightdeck_request_expires_by_database()
    """,
    """
    CREATE CONSTRAINT TRIGGER flightdeck_filed_audited AFTER INSERT ON promotion_request
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION flightdeck_request_filed_audited()
    """,
    """
    CREATE TRIGGER flightdeck_as_started BEFORE INSERT OR UPDATE ON rollout
      FOR EACH ROW EXECUTE FUNCTION flightdeck_rollout_as_started()
    """,
    """
    CREATE CONSTRAINT TRIGGER flightdeck_start_audited AFTER INSERT ON rollout
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION flightdeck_rollout_start_audited()
    """,
    """
    CREATE CONSTRAINT TRIGGER flightdeck_approvals_met AFTER INSERT OR UPDATE ON promotion_request
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
      WHEN (NEW.state IN ('approved', 'applied')) EXECUTE FUNCTION flightdeck_request_approvals_met()
    """,
  ]

  /// Migration 9's guards on canary weights, silences and the configuration (see ``auditGuardsFourthPass``).
  static let auditedWriteGuards: [String] = [
    """
    CREATE OR REPLACE FUNCTION flightdeck_artefact_as_registered() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = public, pg_temp AS $$
    BEGIN
      IF flightdeck_is_administrator() THEN RETURN NEW; END IF;
      IF TG_OP = 'INSERT' AND NEW.canary_weight <> 0 THEN
        PERFORM flightdeck_refuse('INSERT on artefact', 'an artefact is registered with canary weight 0');
      END IF;
      IF TG_OP = 'UPDATE' AND to_jsonb(NEW) - 'canary_weight' IS DISTINCT FROM to_jsonb(OLD) - 'canary_weight' THEN
        PERFORM flightdeck_refuse('UPDATE on artefact',
          'artefact ' || OLD.name || ' stays as registered (its risk tier sets the approvals production needs): only its canary weight changes');
      END IF;
      RETURN NEW;
    END $$
    """,
    """
    CREATE OR REPLACE FUNCTION flightdeck_weight_is_audited() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE
      written xid;
      held BIGINT;
    BEGIN
      IF flightdeck_is_administrator() THEN RETURN NULL; END IF;
      SELECT a.xmin, a.canary_weight INTO written, held FROM artefact a WHERE a.name = NEW.name;
      IF NOT FOUND OR held IS DISTINCT FROM NEW.canary_weight THEN RETURN NULL; END IF;
      IF EXISTS (
        SELECT 1 FROM audit_log a
        WHERE a.xmin = written AND a.action = 'canary.weight' AND a.subject = NEW.name
          AND CAST(a.after AS jsonb) ->> 'weight' = CAST(NEW.canary_weight AS TEXT)
      ) THEN
        RETURN NULL;
      END IF;
      PERFORM flightdeck_refuse('UPDATE on artefact',
        NEW.name || ' canary weight ' || OLD.canary_weight || ' → ' || NEW.canary_weight
        || ' has no audit entry written with it: a weight changes together with its canary.weight entry, in one transaction');
      RETURN NULL;
    END $$
    """,
    """
    CREATE OR REPLACE FUNCTION flightdeck_silence_moves_forward() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = public, pg_temp AS $$
    BEGIN
      IF flightdeck_is_administrator() THEN RETURN NEW; END IF;
      IF to_jsonb(NEW) - 'ends_at' - 'expired_by' - 'expired_at'
           IS DISTINCT FROM to_jsonb(OLD) - 'ends_at' - 'expired_by' - 'expired_at'
         OR NEW.ends_at > OLD.ends_at OR NEW.expired_by IS NULL OR OLD.expired_by IS NOT NULL THEN
        PERFORM flightdeck_refuse('UPDATE on silence',
          'SIL-' || OLD.id || ' was created as it stands: it may only be expired early, once (its end moved earlier)');
      END IF;
      RETURN NEW;
    END $$
    """,
    """
    CREATE OR REPLACE FUNCTION flightdeck_silence_is_audited() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE
      written xid;
      wanted_action TEXT := CASE TG_OP WHEN 'INSERT' THEN 'silence.create' ELSE 'silence.expire' END;
      wanted_actor TEXT := CASE TG_OP WHEN 'INSERT' THEN NEW.created_by ELSE NEW.expired_by END;
    BEGIN
      IF flightdeck_is_administrator() THEN RETURN NULL; END IF;
      SELECT s.xmin INTO written FROM silence s WHERE s.id = NEW.id AND s.ends_at = NEW.ends_at;
      IF NOT FOUND THEN RETURN NULL; END IF;
      IF EXISTS (
        SELECT 1 FROM audit_log a
        WHERE a.xmin = written AND a.action = wanted_action AND a.subject = 'SIL-' || NEW.id
          AND a.actor = wanted_actor
      ) THEN
        RETURN NULL;
      END IF;
      PERFORM flightdeck_refuse(TG_OP || ' on silence',
        'SIL-' || NEW.id || ' by ' || coalesce(wanted_actor, 'none') || ' has no audit entry written with it (' || wanted_action
        || ' by that actor): a silence is created or expired together with its audit entry, in one transaction');
      RETURN NULL;
    END $$
    """,
    """
    CREATE OR REPLACE FUNCTION flightdeck_configuration_is_audited() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE
      written xid;
      held TEXT;
    BEGIN
      IF flightdeck_is_administrator() THEN RETURN NULL; END IF;
      SELECT m.xmin, m.value INTO written, held FROM meta m WHERE m.key = NEW.key;
      IF NOT FOUND OR held IS DISTINCT FROM NEW.value THEN RETURN NULL; END IF;
      IF EXISTS (
        SELECT 1 FROM audit_log a WHERE a.xmin = written AND a.action = 'config.apply' AND a.subject = 'configuration'
      ) THEN
        RETURN NULL;
      END IF;
      PERFORM flightdeck_refuse(TG_OP || ' on meta',
        'the configuration in force (' || NEW.key || ') changes together with its config.apply audit entry, in one transaction');
      RETURN NULL;
    END $$
    """,
    """
    CREATE OR REPLACE FUNCTION flightdeck_entry_hash(e audit_log) RETURNS TEXT LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp AS $$
      SELECT encode(sha256(convert_to(e.previous_hash || '{"action":' || to_json(e.action)::text
        || ',"actor":' || to_json(e.actor)::text || ',"after":' || coalesce(to_json(e.after)::text, 'null')
        || ',"at":' || e.at || ',"before":' || coalesce(to_json(e.before)::text, 'null')
        || coalesce(',"identity":' || to_json(e.identity)::text, '')
        || ',"previousHash":' || to_json(e.previous_hash)::text || ',"reason":' || to_json(e.reason)::text
        || ',"sequence":' || e.sequence || ',"subject":' || to_json(e.subject)::text || '}', 'UTF8')), 'hex')
    $$
    """,
    """
    CREATE OR REPLACE FUNCTION flightdeck_entry_sealed() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = public, pg_temp AS $$
    BEGIN
      IF flightdeck_is_administrator() OR NEW.hash IS NOT DISTINCT FROM flightdeck_entry_hash(NEW) THEN
        RETURN NULL;
      END IF;
      PERFORM flightdeck_refuse('INSERT on audit_log',
        'the hash of audit entry #' || NEW.sequence || ' is not the SHA-256 of its previous hash and its fields '
        || '(an entry that does not verify would make every later audit verify fail)');
      RETURN NULL;
    END $$
    """,
    """
    CREATE OR REPLACE FUNCTION flightdeck_notification_is_audited() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE
      written xid;
      event jsonb;
    BEGIN
      IF flightdeck_is_administrator() THEN RETURN NULL; END IF;
      SELECT o.xmin INTO written FROM notification_outbox o WHERE o.id = NEW.id;
      IF NOT FOUND THEN RETURN NULL; END IF;
      BEGIN
        event := CAST(NEW.event AS jsonb);
      EXCEPTION WHEN others THEN
        event := NULL;
      END;
      IF EXISTS (
        SELECT 1 FROM audit_log a
        WHERE a.xmin = written AND a.sequence = NEW.audit_sequence AND a.hash = NEW.event_key
          AND a.subject = NEW.subject AND event ->> 'actor' = a.actor AND event ->> 'key' = a.hash
      ) THEN
        RETURN NULL;
      END IF;
      PERFORM flightdeck_refuse('INSERT on notification_outbox',
        'notification ' || NEW.event_key || ' is not the event of an audit entry written with it (its sequence, hash, '
        || 'subject and actor): a notification is enqueued together with the change it reports, in one transaction');
      RETURN NULL;
    END $$
    """,
    """
    CREATE TRIGGER flightdeck_as_registered BEFORE INSERT OR UPDATE ON artefact
      FOR EACH ROW EXECUTE FUNCTION flightdeck_artefact_as_registered()
    """,
    """
    CREATE TRIGGER flightdeck_sealed AFTER INSERT ON audit_log
      FOR EACH ROW EXECUTE FUNCTION flightdeck_entry_sealed()
    """,
    """
    CREATE CONSTRAINT TRIGGER flightdeck_audited AFTER INSERT ON notification_outbox
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION flightdeck_notification_is_audited()
    """,
    """
    CREATE CONSTRAINT TRIGGER flightdeck_weight_audited AFTER UPDATE ON artefact
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
      WHEN (NEW.canary_weight IS DISTINCT FROM OLD.canary_weight) EXECUTE FUNCTION flightdeck_weight_is_audited()
    """,
    """
    CREATE TRIGGER flightdeck_moves_forward BEFORE UPDATE ON silence
      FOR EACH ROW EXECUTE FUNCTION flightdeck_silence_moves_forward()
    """,
    """
    CREATE CONSTRAINT TRIGGER flightdeck_audited AFTER INSERT OR UPDATE ON silence
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION flightdeck_silence_is_audited()
    """,
    """
    CREATE CONSTRAINT TRIGGER flightdeck_configuration_audited AFTER INSERT OR UPDATE ON meta
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
      WHEN (NEW.key LIKE 'config\\_%') EXECUTE FUNCTION flightdeck_configuration_is_audited()
    """,
  ]

  /// Migration 9's CHECK constraints (see ``auditGuardsFourthPass``).
  static let fourthPassChecks: [String] = [
    """
    CREATE OR REPLACE FUNCTION flightdeck_is_alert_instance(t TEXT, fingerprint TEXT, rule TEXT, state TEXT)
    RETURNS BOOLEAN LANGUAGE plpgsql IMMUTABLE AS $$
    DECLARE
      v jsonb;
    BEGIN
      BEGIN
        v := CAST(t AS jsonb);
      EXCEPTION WHEN others THEN
        RETURN false;
      END;
      RETURN coalesce(jsonb_typeof(v) = 'object' AND v ->> 'fingerprint' = fingerprint AND v ->> 'ruleName' = rule
        AND v ->> 'state' = state AND jsonb_typeof(v -> 'labels') = 'object' AND jsonb_typeof(v -> 'group') = 'string',
        false);
    END $$
    """,
    """
    CREATE OR REPLACE FUNCTION flightdeck_is_matcher_list(t TEXT) RETURNS BOOLEAN LANGUAGE plpgsql IMMUTABLE AS $$
    DECLARE
      v jsonb;
    BEGIN
      BEGIN
        v := CAST(t AS jsonb);
      EXCEPTION WHEN others THEN
        RETURN false;
      END;
      IF jsonb_typeof(v) IS DISTINCT FROM 'array' OR jsonb_array_length(v) NOT BETWEEN 1 AND 20 THEN RETURN false; END IF;
      RETURN NOT EXISTS (
        SELECT 1 FROM jsonb_array_elements(v) m
        WHERE NOT coalesce(jsonb_typeof(m) = 'object' AND jsonb_typeof(m -> 'name') = 'string'
          AND (m ->> 'name') COLLATE "C" ~ '^[A-Za-z_][A-Za-z0-9_]*$' AND jsonb_typeof(m -> 'op') = 'string'
          AND m ->> 'op' IN ('=', '!=', '=~', '!~') AND jsonb_typeof(m -> 'value') = 'string', false));
    END $$
    """,
    """
    CREATE OR REPLACE FUNCTION flightdeck_is_risk_policy(t TEXT) RETURNS BOOLEAN LANGUAGE plpgsql IMMUTABLE AS $$
    DECLARE
      v jsonb;
    BEGIN
      BEGIN
        v := CAST(t AS jsonb);
      EXCEPTION WHEN others THEN
        RETURN false;
      END;
      RETURN coalesce(jsonb_typeof(v) = 'object' AND jsonb_typeof(v -> 'rules') IN ('array', 'object')
        AND flightdeck_is_json_integer(v -> 'requestLifetimeMs', -9223372036854775807, 9223372036854775807), false);
    END $$
    """,
    """
    ALTER TABLE artefact ADD CONSTRAINT artefact_tier_check
      CHECK (risk_tier IN ('low', 'medium', 'high', 'critical') AND kind IN ('model', 'prompt', 'agent'))
    """,
    """
    ALTER TABLE incident ADD CONSTRAINT incident_severity_check CHECK (severity IN ('SEV1', 'SEV2', 'SEV3', 'SEV4'))
    """,
    """
    ALTER TABLE incident ADD CONSTRAINT incident_state_check
      CHECK (state IN ('triggered', 'acknowledged', 'mitigated', 'resolved'))
    """,
    """
    ALTER TABLE incident ADD CONSTRAINT incident_times_check
      CHECK ((acknowledged_at IS NULL OR acknowledged_at >= opened_at)
        AND (mitigated_at IS NULL OR mitigated_at >= opened_at)
        AND (resolved_at IS NULL OR resolved_at >= opened_at))
    """,
    """
    ALTER TABLE alert_instance ADD CONSTRAINT alert_instance_state_check CHECK (state IN ('pending', 'firing', 'resolved', 'nodata'))
    """,
    """
    ALTER TABLE alert_instance ADD CONSTRAINT alert_instance_fingerprint_check
      CHECK (fingerprint COLLATE "C" ~ '^[0-9a-f]{16}$')
    """,
    """
    ALTER TABLE alert_instance ADD CONSTRAINT alert_instance_instance_check
      CHECK (flightdeck_is_alert_instance(instance, fingerprint, rule, state))
    """,
    """
    ALTER TABLE silence ADD CONSTRAINT silence_times_check
      CHECK (ends_at > starts_at OR (expired_at IS NOT NULL AND ends_at = starts_at))
    """,
    """
    ALTER TABLE silence ADD CONSTRAINT silence_matchers_check CHECK (flightdeck_is_matcher_list(matchers))
    """,
    """
    ALTER TABLE meta ADD CONSTRAINT meta_policy_check CHECK (key <> 'config_policy' OR flightdeck_is_risk_policy(value))
    """,
  ]
}
