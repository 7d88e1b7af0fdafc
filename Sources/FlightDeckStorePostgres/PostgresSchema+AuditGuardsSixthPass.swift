extension PostgresSchema {
  /// Migration 13: what the fourth breaker pass (BREAKER-13, against migration
  /// 12) found. Like migrations 9 and 12, these guards bind every role but an
  /// administrator (`flightdeck_is_administrator()`), and each change they
  /// guard must be written with its audit entry in the same (sub)transaction
  /// (the same `xmin`, checked at `COMMIT`, as migrations 3, 7, 9 and 12 do).
  ///
  /// - **A canary gets at most 99 % where production needs approvals**
  ///   (``canaryLimitGuards``): an operator set a high-tier canary to 100 %
  ///   alone, with a hand-written `canary.weight` entry — production in all
  ///   but name, without four-eyes. The core refuses it on both backends.
  /// - **A notification says what it said when it was enqueued**
  ///   (``notificationContentGuards``): migration 12 checked a new row's kind
  ///   and text against its entry, but an `UPDATE` rewrote them afterwards
  ///   (an alert's row turned into a `promotion.decided` one); only the
  ///   delivery state changes now.
  /// - **A routing change is published, not marked published**
  ///   (``routingOutboxGuards``): an operator marked an artefact's generation
  ///   published (or lowered the generation to the published one), so the
  ///   routers never got the change — a rollback that never reached them. The
  ///   generation and the published generation only rise, the published one
  ///   never above the generation, and it rises only with the publisher's
  ///   `routing.publish` entry for that generation.
  /// - **Gate results, incidents, their notes and links, and the rolled-back
  ///   mark are written with their entries** (``recordGuards``): a gate
  ///   result inserted by SQL (a pass no `gate.check` recorded, so a promotion
  ///   needed no `--override`), an incident resolved by SQL (hidden from the
  ///   incident pane; only `audit verify` noticed), a colleague's note
  ///   rewritten, and a version's rolled-back mark cleared without a
  ///   rollout retry were all accepted.
  /// - **The controller lease expires within 15 minutes** (``controllerLeaseGuards``).
  ///
  /// A refusal by a trigger is SQLSTATE `42501`, `flightdeck refused VERB on
  /// TABLE: why`, as migration 3's.
  static var auditGuardsSixthPass: [String] {
    canaryLimitGuards + notificationContentGuards + routingOutboxGuards + recordGuards + controllerLeaseGuards
  }

  /// Migration 13's bound on the controller lease (see ``auditGuardsSixthPass``):
  /// a member's lease row expires no later than the database's clock plus the
  /// longest `controller.lease_ttl` (10 minutes, ``FlightDeckCore/OptionBounds/leaseTTL``)
  /// plus 5 minutes for a client clock ahead. An operator inserted a lease
  /// expiring in 285 000 years: every `flightdeck serve` stayed on standby, so
  /// no alert was evaluated, no incident opened, no notification sent.
  static let controllerLeaseGuards: [String] = [
    """
    CREATE OR REPLACE FUNCTION flightdeck_lease_expires_soon() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = public, pg_temp AS $$
    BEGIN
      IF flightdeck_is_administrator() OR NEW.expires_at <= flightdeck_now_ms() + 900000 THEN RETURN NEW; END IF;
      PERFORM flightdeck_refuse(TG_OP || ' on controller_lease',
        'the controller lease of ' || NEW.host || ' (pid ' || NEW.pid || ') may not expire more than 15 minutes from now '
        || '(the longest lease_ttl, 10m, and 5 minutes of clock skew) by the database''s clock');
      RETURN NULL;
    END $$
    """,
    """
    CREATE TRIGGER flightdeck_lease_expires_soon BEFORE INSERT OR UPDATE ON controller_lease
      FOR EACH ROW EXECUTE FUNCTION flightdeck_lease_expires_soon()
    """,
  ]

  /// Migration 13's limit on canary weights (see ``auditGuardsSixthPass``):
  /// the weight may be set to 100 only where the risk policy in force needs
  /// no approval to move the artefact's production, as the core's
  /// `SQLStoreTransaction.canaryLimit(artefact:)` says.
  static let canaryLimitGuards: [String] = [
    """
    CREATE OR REPLACE FUNCTION flightdeck_canary_below_production() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE
      needed BIGINT;
    BEGIN
      IF flightdeck_is_administrator() THEN RETURN NEW; END IF;
      needed := coalesce(CAST(flightdeck_policy_rule(NEW.risk_tier, 'production') ->> 'approvals' AS BIGINT), 0);
      IF needed > 0 THEN
        PERFORM flightdeck_refuse('UPDATE on artefact',
          NEW.name || ' canary weight may not be 100 %: a canary with all the traffic is production in all but name, and '
          || NEW.risk_tier || ' risk needs ' || needed || ' approval(s) to move production — request the promotion, '
          || 'or keep the canary at 99 % or less');
      END IF;
      RETURN NEW;
    END $$
    """,
    """
    CREATE TRIGGER flightdeck_canary_below_production BEFORE UPDATE OF canary_weight ON artefact
      FOR EACH ROW WHEN (NEW.canary_weight = 100 AND OLD.canary_weight IS DISTINCT FROM 100)
      EXECUTE FUNCTION flightdeck_canary_below_production()
    """,
  ]

  /// Migration 13's guard on notifications after they are enqueued (see
  /// ``auditGuardsSixthPass``): only the delivery state (`state`, `attempts`,
  /// `claims`, `next_attempt_at`, `last_error`, `delivered_to`, `delivered_at`,
  /// `deliveries`) changes.
  static let notificationContentGuards: [String] = [
    """
    CREATE OR REPLACE FUNCTION flightdeck_notification_says_what_it_said() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = public, pg_temp AS $$
    BEGIN
      IF flightdeck_is_administrator() THEN RETURN NEW; END IF;
      IF (NEW.id, NEW.event_key, NEW.audit_sequence, NEW.kind, NEW.subject, NEW.created_at, NEW.event)
        IS DISTINCT FROM (OLD.id, OLD.event_key, OLD.audit_sequence, OLD.kind, OLD.subject, OLD.created_at, OLD.event)
      THEN
        PERFORM flightdeck_refuse('UPDATE on notification_outbox',
          'notification #' || OLD.id || ' (' || OLD.kind || ') says what its audit entry #' || OLD.audit_sequence
          || ' reported when it was enqueued: only its delivery state changes afterwards');
      END IF;
      RETURN NEW;
    END $$
    """,
    """
    CREATE TRIGGER flightdeck_says_what_it_said BEFORE UPDATE ON notification_outbox
      FOR EACH ROW EXECUTE FUNCTION flightdeck_notification_says_what_it_said()
    """,
  ]

  /// Migration 13's guards on the routing outbox (see ``auditGuardsSixthPass``).
  static let routingOutboxGuards: [String] = [
    """
    CREATE OR REPLACE FUNCTION flightdeck_routing_only_rises() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = public, pg_temp AS $$
    BEGIN
      IF flightdeck_is_administrator() THEN RETURN NEW; END IF;
      IF TG_OP = 'INSERT' AND NEW.published_generation <> 0 THEN
        PERFORM flightdeck_refuse('INSERT on routing_outbox',
          'routing of ' || NEW.artefact || ' starts unpublished (published generation 0): the publisher records what it published');
      END IF;
      IF TG_OP = 'UPDATE' AND (NEW.artefact IS DISTINCT FROM OLD.artefact OR NEW.generation < OLD.generation
        OR NEW.published_generation < OLD.published_generation) THEN
        PERFORM flightdeck_refuse('UPDATE on routing_outbox',
          'routing of ' || OLD.artefact || ': its generation (' || OLD.generation || ') and published generation ('
          || OLD.published_generation || ') only rise');
      END IF;
      IF NEW.published_generation > NEW.generation THEN
        PERFORM flightdeck_refuse(TG_OP || ' on routing_outbox',
          'routing of ' || NEW.artefact || ' may not be published at generation ' || NEW.published_generation
          || ', above its generation ' || NEW.generation);
      END IF;
      RETURN NEW;
    END $$
    """,
    """
    CREATE OR REPLACE FUNCTION flightdeck_routing_publish_audited() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE
      written xid;
      held BIGINT;
    BEGIN
      IF flightdeck_is_administrator() THEN RETURN NULL; END IF;
      SELECT r.xmin, r.published_generation INTO written, held FROM routing_outbox r WHERE r.artefact = NEW.artefact;
      IF NOT FOUND OR held <= OLD.published_generation THEN RETURN NULL; END IF;
      IF EXISTS (
        SELECT 1 FROM audit_log a
        WHERE a.xmin = written AND a.action = 'routing.publish' AND a.subject = NEW.artefact
          AND CAST(CAST(a.after AS jsonb) ->> 'generation' AS NUMERIC) >= held
      ) THEN
        RETURN NULL;
      END IF;
      PERFORM flightdeck_refuse('UPDATE on routing_outbox',
        'routing of ' || NEW.artefact || ' marked published at generation ' || held || ' has no routing.publish audit entry '
        || '(for that generation) written with it: a generation is published to the routers, then recorded with its entry');
      RETURN NULL;
    END $$
    """,
    """
    CREATE TRIGGER flightdeck_routing_rises BEFORE INSERT OR UPDATE ON routing_outbox
      FOR EACH ROW EXECUTE FUNCTION flightdeck_routing_only_rises()
    """,
    """
    CREATE CONSTRAINT TRIGGER flightdeck_publish_audited AFTER UPDATE ON routing_outbox
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
      WHEN (NEW.published_generation > OLD.published_generation)
      EXECUTE FUNCTION flightdeck_routing_publish_audited()
    """,
  ]

  /// Migration 13's guards on gate results, incidents, incident notes and
  /// links, and `version.rolled_back_at` (see ``auditGuardsSixthPass``). The
  /// entries are the ones `SQLStoreTransaction` writes with each: `gate.check`
  /// on `artefact@version` by the result's `evaluated_by`, with its verdict and
  /// the SHA-256 of its record; `incident.open` with a new incident and its
  /// links, an `incident.*` entry with every change, `incident.note` (the note
  /// as its reason, by its author) with a note, `incident.alert` with an
  /// alert's link; a `rollback` or `rollout.*` entry on the artefact with its
  /// rolled-back mark. Notes and links are never changed afterwards.
  static let recordGuards: [String] = [
    """
    CREATE OR REPLACE FUNCTION flightdeck_record_is_audited() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE
      written xid;
      subj TEXT;
      what TEXT;
      needs TEXT;
      found_entry BOOLEAN;
    BEGIN
      IF flightdeck_is_administrator() THEN RETURN NULL; END IF;
      CASE TG_TABLE_NAME
      WHEN 'gate_result' THEN
        SELECT g.xmin INTO written FROM gate_result g WHERE g.id = NEW.id;
        subj := NEW.artefact || '@' || NEW.version;
        what := 'gate result #' || NEW.id || ' of ' || subj;
        needs := 'gate.check entry by ' || NEW.evaluated_by || ' with its verdict and the SHA-256 of its record';
        found_entry := EXISTS (
          SELECT 1 FROM audit_log a
          WHERE a.xmin = written AND a.action = 'gate.check' AND a.subject = subj AND a.actor = NEW.evaluated_by
            AND CAST(a.after AS jsonb) -> 'passed' = to_jsonb(NEW.passed = 1)
            AND CAST(a.after AS jsonb) ->> 'record_sha256' = encode(sha256(convert_to(NEW.record, 'UTF8')), 'hex'));
      WHEN 'incident' THEN
        SELECT i.xmin INTO written FROM incident i WHERE i.id = NEW.id;
        subj := 'INC-' || NEW.id;
        what := subj || CASE TG_OP WHEN 'INSERT' THEN ' opened' ELSE ' changed' END;
        needs := CASE TG_OP WHEN 'INSERT' THEN 'incident.open entry' ELSE 'incident.* entry on ' || subj END;
        found_entry := EXISTS (
          SELECT 1 FROM audit_log a
          WHERE a.xmin = written AND a.subject = subj
            AND (a.action = 'incident.open' OR (TG_OP = 'UPDATE' AND a.action LIKE 'incident.%')));
      WHEN 'incident_note' THEN
        SELECT n.xmin INTO written FROM incident_note n WHERE n.id = NEW.id;
        subj := 'INC-' || NEW.incident_id;
        what := 'note #' || NEW.id || ' on ' || subj;
        needs := 'incident.note entry by ' || NEW.actor || ' with the note as its reason';
        found_entry := EXISTS (
          SELECT 1 FROM audit_log a
          WHERE a.xmin = written AND a.action = 'incident.note' AND a.subject = subj AND a.actor = NEW.actor
            AND a.reason = NEW.text);
      WHEN 'incident_link' THEN
        SELECT l.xmin INTO written FROM incident_link l WHERE l.id = NEW.id;
        subj := 'INC-' || NEW.incident_id;
        what := 'link #' || NEW.id || ' of ' || subj;
        needs := 'incident.open or incident.alert entry on ' || subj;
        found_entry := EXISTS (
          SELECT 1 FROM audit_log a
          WHERE a.xmin = written AND a.subject = subj AND a.action IN ('incident.open', 'incident.alert'));
      WHEN 'version' THEN
        SELECT v.xmin INTO written FROM version v WHERE v.artefact = NEW.artefact AND v.label = NEW.label;
        subj := NEW.artefact || '@' || NEW.label;
        what := subj || '''s rolled-back mark';
        needs := 'rollback or rollout.* entry on ' || NEW.artefact;
        found_entry := EXISTS (
          SELECT 1 FROM audit_log a
          WHERE a.xmin = written AND starts_with(a.subject, NEW.artefact || ':')
            AND (a.action = 'rollback' OR a.action LIKE 'rollout.%'));
      END CASE;
      IF NOT found_entry THEN
        PERFORM flightdeck_refuse(TG_OP || ' on ' || TG_TABLE_NAME,
          what || ' has no ' || needs || ' written with it: it is recorded together with its audit entry, in one transaction');
      END IF;
      RETURN NULL;
    END $$
    """,
    """
    CREATE OR REPLACE FUNCTION flightdeck_record_stays() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = public, pg_temp AS $$
    BEGIN
      IF flightdeck_is_administrator() THEN RETURN NEW; END IF;
      PERFORM flightdeck_refuse('UPDATE on ' || TG_TABLE_NAME,
        TG_TABLE_NAME || ' #' || OLD.id || ' stays as written: an incident''s notes and links are append-only');
      RETURN NULL;
    END $$
    """,
    """
    CREATE CONSTRAINT TRIGGER flightdeck_gate_audited AFTER INSERT ON gate_result
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION flightdeck_record_is_audited()
    """,
    """
    CREATE CONSTRAINT TRIGGER flightdeck_incident_audited AFTER INSERT OR UPDATE ON incident
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION flightdeck_record_is_audited()
    """,
    """
    CREATE CONSTRAINT TRIGGER flightdeck_note_audited AFTER INSERT ON incident_note
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION flightdeck_record_is_audited()
    """,
    """
    CREATE CONSTRAINT TRIGGER flightdeck_link_audited AFTER INSERT ON incident_link
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION flightdeck_record_is_audited()
    """,
    """
    CREATE CONSTRAINT TRIGGER flightdeck_rolled_back_audited AFTER UPDATE OF rolled_back_at ON version
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
      WHEN (NEW.rolled_back_at IS DISTINCT FROM OLD.rolled_back_at)
      EXECUTE FUNCTION flightdeck_record_is_audited()
    """,
    """
    CREATE TRIGGER flightdeck_note_stays BEFORE UPDATE ON incident_note
      FOR EACH ROW EXECUTE FUNCTION flightdeck_record_stays()
    """,
    """
    CREATE TRIGGER flightdeck_link_stays BEFORE UPDATE ON incident_link
      FOR EACH ROW EXECUTE FUNCTION flightdeck_record_stays()
    """,
  ]
}
