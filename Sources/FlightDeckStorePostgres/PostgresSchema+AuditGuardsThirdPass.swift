extension PostgresSchema {
  /// Migration 7: what the third look at BREAKER-13 left open (M1, M4), for
  /// every role, the tables' owner included (triggers and CHECK constraints
  /// bind it, unlike row-level security):
  ///
  /// - **A request's state only moves forward** (``RequestState``: `pending`
  ///   → `approved`, `applied`, `rejected`, `expired`, `cancelled`;
  ///   `approved` → `applied`, `rejected`, `expired`, `cancelled`; the four
  ///   closed states never change), and once filed nothing but `state` and
  ///   `state_changed_at` changes (`flightdeck_request_moves_forward`, a
  ///   `BEFORE UPDATE` trigger).
  /// - **A request's state changes with its audit entry**: a `DEFERRABLE
  ///   INITIALLY DEFERRED` constraint trigger (`flightdeck_state_audited`)
  ///   checks at `COMMIT` that the (sub)transaction that wrote the row's
  ///   current version (the same `xmin`, as migration 3 does for moves and
  ///   decisions) appended the entry FlightDeck writes with that state, on
  ///   `REQ-id`: `request.approve` with `after.state` = the state (approved,
  ///   applied) at `state_changed_at`; `request.create` with
  ///   `after.approvalsNeeded` 0 for a request applied at once (its rule
  ///   needs no approval) at `state_changed_at`; `request.reject` /
  ///   `request.cancel` (by the requester) with `after.state` at
  ///   `state_changed_at`; `request.expire` by `system:registry`, with
  ///   `state_changed_at` = `expires_at`, no later than the entry. A request
  ///   inserted in a state other than `pending` (`flightdeck store migrate`
  ///   copies rows as they are, with their entries, in one transaction) is
  ///   checked the same way.
  /// - **CHECK constraints on what FlightDeck decodes**: `promotion_request.state`
  ///   is one of ``RequestState``'s raw values; `request_decision.verdict` one
  ///   of ``RequestDecision/Verdict``'s; `pointer_move.cause` one of
  ///   ``PointerMove/Cause``'s; `rollout.phase` one of ``RolloutPhase``'s, and
  ///   `finished` is 1 exactly for `promoted` and `aborted`; `rollout.plan` is
  ///   a JSON object with the keys ``RolloutPlan``'s decoder requires
  ///   (`artefact`, `canaryVersion` strings, `steps` a non-empty array of
  ///   steps each of one of the four ``RolloutStep`` shapes, `routingKey`
  ///   `session` or `request`, `shadowMirror` absent, null or a number);
  ///   `rollout.state` a JSON object with ``RolloutState``'s required keys
  ///   (`plan` such a plan, `phase` the row's `phase`, `stepIndex`,
  ///   `stepStartedAt`, `startedAt`, `canaryWeight` 0–100 integers,
  ///   `awaitingMeasurement` a boolean, `message` a string).
  ///
  /// A refusal by a trigger is SQLSTATE `42501`, `flightdeck refused VERB on
  /// TABLE: why`, as migration 3's; a CHECK violation names its constraint.
  static var auditGuardsThirdPass: [String] { requestStateGuards + decodableRowChecks }

  /// Migration 7's request state guards (M1; see ``auditGuardsThirdPass``).
  static let requestStateGuards: [String] = [
    """
    CREATE OR REPLACE FUNCTION flightdeck_request_moves_forward() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF to_jsonb(NEW) - 'state' - 'state_changed_at' IS DISTINCT FROM to_jsonb(OLD) - 'state' - 'state_changed_at' THEN
        PERFORM flightdeck_refuse('UPDATE on promotion_request',
          'REQ-' || OLD.id || ' was filed as it stands: only its state changes afterwards');
      END IF;
      IF (OLD.state = 'pending' AND NEW.state IN ('approved', 'applied', 'rejected', 'expired', 'cancelled'))
         OR (OLD.state = 'approved' AND NEW.state IN ('applied', 'rejected', 'expired', 'cancelled')) THEN
        RETURN NEW;
      END IF;
      PERFORM flightdeck_refuse('UPDATE on promotion_request',
        'REQ-' || OLD.id || ' may not go from ' || OLD.state || ' to ' || coalesce(NEW.state, 'none')
        || ': a request''s state only moves forward (pending → approved → applied, or to rejected, expired or cancelled)');
      RETURN NULL;
    END $$
    """,
    """
    CREATE OR REPLACE FUNCTION flightdeck_request_state_is_audited() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE
      written xid;
      held TEXT;
      entry TEXT;
    BEGIN
      SELECT r.xmin, r.state INTO written, held FROM promotion_request r WHERE r.id = NEW.id;
      -- Gone, or changed again later in the transaction: that later change is checked by its own event.
      IF NOT FOUND OR held IS DISTINCT FROM NEW.state OR NEW.state = 'pending' THEN RETURN NULL; END IF;
      entry := CASE NEW.state
        WHEN 'approved' THEN 'request.approve'
        WHEN 'applied' THEN 'request.approve (or request.create needing no approval)'
        WHEN 'rejected' THEN 'request.reject'
        WHEN 'cancelled' THEN 'request.cancel by its requester'
        WHEN 'expired' THEN 'request.expire by system:registry, at or after its expiry'
        ELSE 'none' END;
      IF EXISTS (
        SELECT 1 FROM audit_log a
        WHERE a.xmin = written AND a.subject = 'REQ-' || NEW.id AND (
          (a.action = 'request.approve' AND NEW.state IN ('approved', 'applied') AND a.at = NEW.state_changed_at
            AND CAST(a.after AS jsonb) ->> 'state' = NEW.state)
          OR (a.action = 'request.create' AND NEW.state = 'applied' AND NEW.rule_approvals = 0
            AND a.at = NEW.state_changed_at AND CAST(a.after AS jsonb) ->> 'approvalsNeeded' = '0')
          OR (a.action = 'request.reject' AND NEW.state = 'rejected' AND a.at = NEW.state_changed_at
            AND CAST(a.after AS jsonb) ->> 'state' = 'rejected')
          OR (a.action = 'request.cancel' AND NEW.state = 'cancelled' AND a.at = NEW.state_changed_at
            AND a.actor = NEW.requester AND CAST(a.after AS jsonb) ->> 'state' = 'cancelled')
          OR (a.action = 'request.expire' AND NEW.state = 'expired' AND a.actor = 'system:registry'
            AND NEW.state_changed_at = NEW.expires_at AND NEW.expires_at <= a.at
            AND CAST(a.after AS jsonb) ->> 'state' = 'expired')
        )
      ) THEN
        RETURN NULL;
      END IF;
      PERFORM flightdeck_refuse(TG_OP || ' on promotion_request',
        'REQ-' || NEW.id || ' ' || NEW.state || ' has no audit entry written with it (' || entry
        || '): a request''s state changes together with its audit entry, in one transaction');
      RETURN NULL;
    END $$
    """,
    """
    CREATE TRIGGER flightdeck_moves_forward BEFORE UPDATE ON promotion_request
      FOR EACH ROW EXECUTE FUNCTION flightdeck_request_moves_forward()
    """,
    """
    CREATE CONSTRAINT TRIGGER flightdeck_state_audited AFTER UPDATE ON promotion_request
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION flightdeck_request_state_is_audited()
    """,
    """
    CREATE CONSTRAINT TRIGGER flightdeck_inserted_state_audited AFTER INSERT ON promotion_request
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
      WHEN (NEW.state <> 'pending') EXECUTE FUNCTION flightdeck_request_state_is_audited()
    """,
  ]

  /// Migration 7's CHECK constraints on what FlightDeck decodes (M4; see ``auditGuardsThirdPass``).
  static let decodableRowChecks: [String] = [
    """
    CREATE OR REPLACE FUNCTION flightdeck_is_json_integer(v jsonb, low NUMERIC, high NUMERIC) RETURNS BOOLEAN
    LANGUAGE plpgsql IMMUTABLE AS $$
    DECLARE
      n NUMERIC;
    BEGIN
      IF jsonb_typeof(v) IS DISTINCT FROM 'number' THEN RETURN false; END IF;
      n := CAST(v #>> '{}' AS NUMERIC);
      RETURN n = trunc(n) AND n BETWEEN low AND high;
    END $$
    """,
    """
    CREATE OR REPLACE FUNCTION flightdeck_is_rollout_step(s jsonb) RETURNS BOOLEAN LANGUAGE plpgsql IMMUTABLE AS $$
    DECLARE
      kind TEXT;
      body jsonb;
      policy jsonb;
      i64 CONSTANT NUMERIC := 9223372036854775807;
    BEGIN
      IF jsonb_typeof(s) IS DISTINCT FROM 'object' THEN RETURN false; END IF;
      IF (SELECT count(*) FROM jsonb_object_keys(s)) <> 1 THEN RETURN false; END IF;
      kind := (SELECT k FROM jsonb_object_keys(s) k);
      body := s -> kind;
      IF jsonb_typeof(body) IS DISTINCT FROM 'object' THEN RETURN false; END IF;
      IF kind = 'setWeight' THEN RETURN flightdeck_is_json_integer(body -> 'percent', 0, 100); END IF;
      IF kind = 'pause' THEN RETURN flightdeck_is_json_integer(body -> 'durationMs', -i64, i64); END IF;
      IF kind = 'pauseUntilPromoted' THEN RETURN true; END IF;
      IF kind <> 'analysis' THEN RETURN false; END IF;
      policy := body -> 'policy';
      IF jsonb_typeof(policy) IS DISTINCT FROM 'object' THEN RETURN false; END IF;
      IF policy ? 'count' AND jsonb_typeof(policy -> 'count') <> 'null'
         AND NOT flightdeck_is_json_integer(policy -> 'count', -i64, i64) THEN
        RETURN false;
      END IF;
      RETURN flightdeck_is_json_integer(body -> 'intervalMs', -i64, i64)
        AND flightdeck_is_json_integer(policy -> 'failureLimit', -i64, i64)
        AND flightdeck_is_json_integer(policy -> 'inconclusiveLimit', -i64, i64)
        AND flightdeck_is_json_integer(policy -> 'consecutiveErrorLimit', -i64, i64);
    END $$
    """,
    """
    CREATE OR REPLACE FUNCTION flightdeck_is_rollout_plan_value(v jsonb) RETURNS BOOLEAN LANGUAGE plpgsql IMMUTABLE AS $$
    BEGIN
      IF jsonb_typeof(v) IS DISTINCT FROM 'object' THEN RETURN false; END IF;
      IF jsonb_typeof(v -> 'artefact') IS DISTINCT FROM 'string' THEN RETURN false; END IF;
      IF jsonb_typeof(v -> 'canaryVersion') IS DISTINCT FROM 'string' THEN RETURN false; END IF;
      IF jsonb_typeof(v -> 'routingKey') IS DISTINCT FROM 'string' THEN RETURN false; END IF;
      IF v ->> 'routingKey' NOT IN ('session', 'request') THEN RETURN false; END IF;
      IF jsonb_typeof(v -> 'steps') IS DISTINCT FROM 'array' THEN RETURN false; END IF;
      IF jsonb_array_length(v -> 'steps') = 0 THEN RETURN false; END IF;
      IF v ? 'shadowMirror' AND jsonb_typeof(v -> 'shadowMirror') NOT IN ('number', 'null') THEN RETURN false; END IF;
      RETURN NOT EXISTS (SELECT 1 FROM jsonb_array_elements(v -> 'steps') s WHERE NOT flightdeck_is_rollout_step(s));
    END $$
    """,
    """
    CREATE OR REPLACE FUNCTION flightdeck_is_rollout_plan(t TEXT) RETURNS BOOLEAN LANGUAGE plpgsql IMMUTABLE AS $$
    DECLARE
      v jsonb;
    BEGIN
      BEGIN
        v := CAST(t AS jsonb);
      EXCEPTION WHEN others THEN
        RETURN false;
      END;
      RETURN flightdeck_is_rollout_plan_value(v);
    END $$
    """,
    """
    CREATE OR REPLACE FUNCTION flightdeck_is_rollout_state(t TEXT, phase TEXT) RETURNS BOOLEAN LANGUAGE plpgsql IMMUTABLE AS $$
    DECLARE
      v jsonb;
      i64 CONSTANT NUMERIC := 9223372036854775807;
    BEGIN
      BEGIN
        v := CAST(t AS jsonb);
      EXCEPTION WHEN others THEN
        RETURN false;
      END;
      IF jsonb_typeof(v) IS DISTINCT FROM 'object' THEN RETURN false; END IF;
      IF NOT flightdeck_is_rollout_plan_value(v -> 'plan') THEN RETURN false; END IF;
      RETURN coalesce(
        jsonb_typeof(v -> 'phase') = 'string' AND v ->> 'phase' = phase
        AND flightdeck_is_json_integer(v -> 'stepIndex', 0, i64)
        AND flightdeck_is_json_integer(v -> 'stepStartedAt', -i64, i64)
        AND flightdeck_is_json_integer(v -> 'startedAt', -i64, i64)
        AND flightdeck_is_json_integer(v -> 'canaryWeight', 0, 100)
        AND jsonb_typeof(v -> 'awaitingMeasurement') = 'boolean'
        AND jsonb_typeof(v -> 'message') = 'string', false);
    END $$
    """,
    """
    ALTER TABLE promotion_request ADD CONSTRAINT promotion_request_state_check
      CHECK (state IN ('pending', 'approved', 'applied', 'rejected', 'expired', 'cancelled'))
    """,
    """
    ALTER TABLE request_decision ADD CONSTRAINT request_decision_verdict_check CHECK (verdict IN ('approve', 'reject'))
    """,
    """
    ALTER TABLE pointer_move ADD CONSTRAINT pointer_move_cause_check
      CHECK (cause IN ('promotion', 'rollback', 'assignment', 'import'))
    """,
    """
    ALTER TABLE rollout ADD CONSTRAINT rollout_phase_check
      CHECK (phase IN ('progressing', 'paused', 'analysing', 'promoted', 'aborted', 'inconclusive')
        AND finished = CASE WHEN phase IN ('promoted', 'aborted') THEN 1 ELSE 0 END)
    """,
    """
    ALTER TABLE rollout ADD CONSTRAINT rollout_plan_check CHECK (flightdeck_is_rollout_plan(plan))
    """,
    """
    ALTER TABLE rollout ADD CONSTRAINT rollout_state_check CHECK (flightdeck_is_rollout_state(state, phase))
    """,
  ]
}
