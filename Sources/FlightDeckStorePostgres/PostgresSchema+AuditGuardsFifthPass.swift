import FlightDeckCore

extension PostgresSchema {
  /// Migration 12: what the fifth look at BREAKER-13 left open. Like
  /// migration 9's, these guards bind every role but an administrator
  /// (`flightdeck_is_administrator()`); the CHECK constraint binds everyone.
  ///
  /// - **A rollout's course changes only with its audit entry, and a finished
  ///   rollout stays finished** (C1: an approver reopened a colleague's aborted
  ///   rollout by SQL, filed its production request in the colleague's name as
  ///   the controller would, closed it again and approved alone). A `promoted`
  ///   rollout never changes again; an `aborted` one reopens only by a retry
  ///   (``RolloutEvent/retry``). At `COMMIT` (the same-`xmin` rule of migrations 3, 7 and 9) a
  ///   row whose `phase`, `finished` or `state` changed has a `rollout.*` entry
  ///   (not `rollout.start`) on `artefact:RO-id` whose `after.phase` is the
  ///   row's phase, and every reopening in the transaction has a
  ///   `rollout.retry` entry by a person (no `system:` actor). A request filed
  ///   in another member's name (the controller filing a rollout's production
  ///   request for its starter, `RO-id: …`) needs that rollout unfinished at
  ///   `COMMIT` when its rule needs approvals, and the rollout last started or
  ///   retried by the requester (its newest `rollout.start` or `rollout.retry`
  ///   entry names them): a colleague who retries someone's rollout does not
  ///   get four-eyes from the starter's name.
  /// - **Each change of a request's state is checked when it is made** (M3:
  ///   pending → approved → applied in one transaction skipped migration 9's
  ///   check at `COMMIT`): to `approved` or `applied` from `pending` only with
  ///   approvals meeting its rule; to `rejected` only with a rejection
  ///   (`request_decision`, an approver's) by the session's role.
  /// - **An import sets a pointer only while it has none** (M1), or where the
  ///   risk policy needs no approval to move it, as `flightdeck import` does.
  /// - **A notification's kind follows its entry's action** (M4; see
  ///   ``notificationKindGuards``), and a decision's labels and summary its
  ///   state and actor.
  /// - **`audit_log.action` is one of ``AuditAction``'s** (M2, ``auditActionCheck``).
  ///
  /// A refusal by a trigger is SQLSTATE `42501`, `flightdeck refused VERB on
  /// TABLE: why`, as migration 3's; a CHECK violation names its constraint.
  static var auditGuardsFifthPass: [String] {
    rolloutCourseGuards + requestStepGuards + importGuards + notificationKindGuards + auditActionCheck
  }

  /// Migration 12's guards on a rollout's course and the requests filed for it (C1).
  static let rolloutCourseGuards: [String] = [
    """
    CREATE OR REPLACE FUNCTION flightdeck_rollout_stays_finished() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = public, pg_temp AS $$
    BEGIN
      IF flightdeck_is_administrator() THEN RETURN NEW; END IF;
      IF OLD.phase = 'promoted' AND (NEW.phase, NEW.finished, NEW.state) IS DISTINCT FROM (OLD.phase, OLD.finished, OLD.state)
      THEN
        PERFORM flightdeck_refuse('UPDATE on rollout', 'RO-' || OLD.id || ' was promoted: a promoted rollout is final');
      END IF;
      RETURN NEW;
    END $$
    """,
    """
    CREATE OR REPLACE FUNCTION flightdeck_rollout_course_audited() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE
      written xid;
      held_phase TEXT;
      held_finished BIGINT;
      held_state TEXT;
      ro_subject TEXT := NEW.artefact || ':RO-' || NEW.id;
    BEGIN
      IF flightdeck_is_administrator() THEN RETURN NULL; END IF;
      SELECT r.xmin, r.phase, r.finished, r.state INTO written, held_phase, held_finished, held_state
      FROM rollout r WHERE r.id = NEW.id;
      IF NOT FOUND THEN RETURN NULL; END IF;
      -- A reopening is checked even when the row changed again later in the transaction.
      IF OLD.finished = 1 AND NEW.finished = 0 AND NOT EXISTS (
        SELECT 1 FROM audit_log a
        WHERE a.xmin = written AND a.action = 'rollout.retry' AND a.subject = ro_subject AND a.actor NOT LIKE 'system:%'
      ) THEN
        PERFORM flightdeck_refuse('UPDATE on rollout',
          'RO-' || NEW.id || ' was reopened without a rollout.retry audit entry by a person written with it: '
          || 'an aborted rollout reopens only by a retry, together with its audit entry, in one transaction');
      END IF;
      -- Changed again later in the transaction: that change is checked by its own event.
      IF (held_phase, held_finished, held_state) IS DISTINCT FROM (NEW.phase, NEW.finished, NEW.state) THEN
        RETURN NULL;
      END IF;
      IF EXISTS (
        SELECT 1 FROM audit_log a
        WHERE a.xmin = written AND a.action LIKE 'rollout.%' AND a.action <> 'rollout.start' AND a.subject = ro_subject
          AND CAST(a.after AS jsonb) ->> 'phase' = NEW.phase
      ) THEN
        RETURN NULL;
      END IF;
      PERFORM flightdeck_refuse('UPDATE on rollout',
        'RO-' || NEW.id || ' ' || OLD.phase || ' → ' || NEW.phase || ' has no rollout audit entry (with phase '
        || NEW.phase || ') written with it: a rollout changes together with its audit entry, in one transaction');
      RETURN NULL;
    END $$
    """,
    """
    CREATE OR REPLACE FUNCTION flightdeck_request_for_running_rollout() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE
      ro rollout%ROWTYPE;
      latest TEXT;
    BEGIN
      IF flightdeck_is_administrator() OR NEW.requester = CAST(session_user AS TEXT) THEN RETURN NULL; END IF;
      SELECT r.* INTO ro FROM rollout r
      WHERE r.artefact = NEW.artefact AND r.version = NEW.version AND r.started_by = NEW.requester
        AND NEW.reason LIKE 'RO-' || r.id || ':%'
      ORDER BY r.id DESC LIMIT 1;
      IF NOT FOUND THEN
        PERFORM flightdeck_refuse('INSERT on promotion_request',
          'REQ-' || NEW.id || ' names ' || NEW.requester || ' as requester, who started no rollout of '
          || NEW.artefact || ' ' || NEW.version || ' it names');
      END IF;
      IF ro.finished = 1 AND NEW.rule_approvals > 0 THEN
        PERFORM flightdeck_refuse('INSERT on promotion_request',
          'REQ-' || NEW.id || ' is filed in ' || NEW.requester || '''s name for RO-' || ro.id || ', which is '
          || ro.phase || ': the controller files a request only for a running rollout');
      END IF;
      SELECT a.actor INTO latest FROM audit_log a
      WHERE a.subject = ro.artefact || ':RO-' || ro.id AND a.action IN ('rollout.start', 'rollout.retry')
      ORDER BY a.sequence DESC LIMIT 1;
      IF latest IS DISTINCT FROM NEW.requester THEN
        PERFORM flightdeck_refuse('INSERT on promotion_request',
          'REQ-' || NEW.id || ' is filed in ' || NEW.requester || '''s name for RO-' || ro.id || ', last started or retried by '
          || coalesce(latest, 'nobody') || ': the controller files a request in the name of whoever (re)started the rollout');
      END IF;
      RETURN NULL;
    END $$
    """,
    """
    CREATE TRIGGER flightdeck_stays_finished BEFORE UPDATE ON rollout
      FOR EACH ROW EXECUTE FUNCTION flightdeck_rollout_stays_finished()
    """,
    """
    CREATE CONSTRAINT TRIGGER flightdeck_course_audited AFTER UPDATE ON rollout
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
      WHEN ((NEW.phase, NEW.finished, NEW.state) IS DISTINCT FROM (OLD.phase, OLD.finished, OLD.state))
      EXECUTE FUNCTION flightdeck_rollout_course_audited()
    """,
    """
    CREATE CONSTRAINT TRIGGER flightdeck_for_running_rollout AFTER INSERT ON promotion_request
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION flightdeck_request_for_running_rollout()
    """,
  ]

  /// Migration 12's guards on each change of a request's state (M3).
  static let requestStepGuards: [String] = [
    """
    CREATE OR REPLACE FUNCTION flightdeck_request_step_by_right() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = public, pg_temp AS $$
    BEGIN
      IF flightdeck_is_administrator() OR NEW.state IS NOT DISTINCT FROM OLD.state THEN RETURN NEW; END IF;
      IF OLD.state = 'pending' AND NEW.state IN ('approved', 'applied') AND NOT flightdeck_approvals_met(NEW.id) THEN
        PERFORM flightdeck_refuse('UPDATE on promotion_request',
          'REQ-' || NEW.id || ' may not be ' || NEW.state || ': its approvals do not meet its rule (' || NEW.rule_approvals
          || ' approval(s) by distinct people' || coalesce(', one with role ' || NEW.rule_role, '')
          || CASE WHEN NEW.rule_self_approval = 0 THEN ', none by its requester' ELSE '' END || ')');
      END IF;
      IF NEW.state = 'rejected' AND NOT EXISTS (
        SELECT 1 FROM request_decision d
        WHERE d.request_id = NEW.id AND d.verdict = 'reject' AND d.actor = CAST(session_user AS TEXT)
      ) THEN
        PERFORM flightdeck_refuse('UPDATE on promotion_request',
          'REQ-' || NEW.id || ' is rejected only together with a rejection by ' || session_user
          || ' (a request_decision, which only a member of flightdeck_approver records)');
      END IF;
      RETURN NEW;
    END $$
    """,
    """
    CREATE TRIGGER flightdeck_step_by_right BEFORE UPDATE ON promotion_request
      FOR EACH ROW EXECUTE FUNCTION flightdeck_request_step_by_right()
    """,
  ]

  /// Migration 12's guard on imports (M1).
  static let importGuards: [String] = [
    """
    CREATE OR REPLACE FUNCTION flightdeck_import_sets_new_pointer() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE
      tier TEXT;
      held TEXT;
      needed BIGINT;
    BEGIN
      IF flightdeck_is_administrator() OR NEW.cause IS DISTINCT FROM 'import' THEN RETURN NEW; END IF;
      SELECT p.version INTO held FROM pointer p WHERE p.artefact = NEW.artefact AND p.name = NEW.pointer;
      IF held IS NULL AND NEW.from_version IS NULL THEN RETURN NEW; END IF;
      SELECT a.risk_tier INTO tier FROM artefact a WHERE a.name = NEW.artefact;
      needed := coalesce(CAST(flightdeck_policy_rule(tier, NEW.pointer) ->> 'approvals' AS BIGINT), 0);
      IF needed > 0 THEN
        PERFORM flightdeck_refuse('INSERT on pointer_move',
          'an import sets ' || NEW.artefact || ' ' || NEW.pointer || ' only while it has no version yet: it is at '
          || coalesce(held, NEW.from_version) || ' and ' || coalesce(tier, 'unknown') || ' risk needs ' || needed
          || ' approval(s) to move it (a promotion request)');
      END IF;
      RETURN NEW;
    END $$
    """,
    """
    CREATE TRIGGER flightdeck_import_sets_new BEFORE INSERT ON pointer_move
      FOR EACH ROW EXECUTE FUNCTION flightdeck_import_sets_new_pointer()
    """,
  ]

  /// Migration 12's guard on what a notification says (M4): its kind is the
  /// one FlightDeck enqueues for its entry's action (`SQLStoreTransaction`'s
  /// `enqueueNotification` callers).
  static let notificationKindGuards: [String] = [
    """
    CREATE OR REPLACE FUNCTION flightdeck_notification_matches_entry() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE
      event jsonb;
      e audit_log%ROWTYPE;
      entry_found BOOLEAN;
      after jsonb;
    BEGIN
      IF flightdeck_is_administrator() THEN RETURN NULL; END IF;
      BEGIN
        event := CAST(NEW.event AS jsonb);
      EXCEPTION WHEN others THEN
        event := NULL;
      END;
      SELECT a.* INTO e FROM audit_log a WHERE a.sequence = NEW.audit_sequence AND a.hash = NEW.event_key;
      entry_found := FOUND;
      BEGIN
        after := CAST(e.after AS jsonb);
      EXCEPTION WHEN others THEN
        after := NULL;
      END;
      IF entry_found AND event ->> 'kind' = NEW.kind AND event ->> 'subject' = e.subject
         AND CAST(event ->> 'auditSequence' AS TEXT) = CAST(e.sequence AS TEXT) AND coalesce(
        (NEW.kind IN ('alert.firing', 'alert.resolved') AND e.action = NEW.kind)
        OR (NEW.kind = 'incident.opened' AND e.action = 'incident.open')
        OR (NEW.kind = 'incident.acknowledged' AND e.action = 'incident.acknowledge')
        OR (NEW.kind = 'incident.resolved' AND e.action = 'incident.resolve')
        OR (NEW.kind = 'promotion.requested' AND e.action = 'request.create')
        OR (NEW.kind = 'promotion.decided' AND e.action IN ('request.approve', 'request.reject')
          AND after ->> 'state' IN ('applied', 'rejected') AND event #>> '{labels,state}' = after ->> 'state'
          AND event #>> '{labels,request}' = e.subject
          AND starts_with(event ->> 'summary', e.subject || ': ')
          AND strpos(event ->> 'summary', ' ' || (after ->> 'state') || ' by ' || e.actor) > 0)
        OR (NEW.kind IN ('rollout.aborted', 'rollout.promoted') AND e.action LIKE 'rollout.%'
          AND after ->> 'phase' = substr(NEW.kind, 9))
        OR (NEW.kind = 'gate.failed' AND e.action = 'gate.check'), false)
      THEN
        RETURN NULL;
      END IF;
      PERFORM flightdeck_refuse('INSERT on notification_outbox',
        'notification ' || NEW.event_key || ' (' || coalesce(NEW.kind, 'none') || ') is not what FlightDeck reports for its '
        || 'audit entry' || coalesce(' #' || e.sequence || ' (' || e.action || ')', '')
        || ': its kind follows the entry''s action, and a decision''s labels and summary its state and actor');
      RETURN NULL;
    END $$
    """,
    """
    CREATE CONSTRAINT TRIGGER flightdeck_matches_entry AFTER INSERT ON notification_outbox
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION flightdeck_notification_matches_entry()
    """,
  ]

  /// Migration 12's CHECK on `audit_log.action` (M2): one of ``AuditAction``'s
  /// raw values, generated from its cases (an entry FlightDeck cannot decode
  /// made every later `audit verify`, export and audit pane fail). `NOT VALID`:
  /// rows already written are left to `audit verify`. A new ``AuditAction``
  /// case needs a migration that replaces this constraint with the longer list.
  static var auditActionCheck: [String] {
    let actions = AuditAction.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
    return [
      "ALTER TABLE audit_log ADD CONSTRAINT audit_log_action_check CHECK (action IN (\(actions))) NOT VALID"
    ]
  }
}
