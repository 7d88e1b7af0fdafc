extension PostgresSchema {
  /// Migration 3: the database itself keeps the audit log trustworthy against
  /// a role writing SQL around FlightDeck (BREAKER-13), for every role, the
  /// tables' owner included (triggers bind the owner, unlike row-level security;
  /// only a superuser's `session_replication_role = replica` or the owner's
  /// `ALTER TABLE … DISABLE TRIGGER` switch them off):
  ///
  /// - `audit_log` is append-only: `UPDATE`, `DELETE` and `TRUNCATE` are
  ///   refused (`flightdeck_append_only`, `flightdeck_no_truncate`), except the
  ///   deletion of a log holding only its first entry, which `flightdeck store
  ///   migrate` clears from the new store it copies into.
  /// - `audit_head` only moves one entry forward, to the entry just appended
  ///   after it (same sequence + 1, its hash, linked to the old head's hash);
  ///   it is never deleted (except at sequence ≤ 1, as above) or truncated.
  /// - The audit high-water mark (`meta` key ``AuditChain/highWaterKey``)
  ///   only rises, is never deleted (except at ≤ 1) and `meta` is never truncated.
  /// - `pointer_move` and `request_decision` are append-only, and each new row
  ///   must be written with its audit entry: a `DEFERRABLE INITIALLY DEFERRED`
  ///   constraint trigger (`flightdeck_audited`) checks at commit that an
  ///   `audit_log` row written by the same (sub)transaction (the same `xmin`:
  ///   FlightDeck writes both inside one savepoint) records it — for a move,
  ///   `pointer.move` or `rollback` on `artefact:pointer` with the same actor,
  ///   time, versions before and after and request; for a decision,
  ///   `request.approve` or `request.reject` on `REQ-id` with the same actor
  ///   and time. An unaudited move or decision is refused at `COMMIT`.
  /// - CHECK constraints: pointer names (`pointer.name`, `pointer_move.pointer`,
  ///   `promotion_request.target`) follow ``PointerName``'s rule
  ///   (`^[a-z][a-z0-9_-]{0,63}$`); `request_decision.roles` is a JSON array of
  ///   strings; the configuration's roles (`meta` key `config_roles`) a JSON
  ///   object of string arrays; the high-water mark a decimal number.
  ///
  /// A refusal is SQLSTATE `42501` with the message `flightdeck refused VERB
  /// on TABLE: why` (``PostgresErrors`` words it for the role).
  static let auditGuards: [String] = [
    """
    CREATE OR REPLACE FUNCTION flightdeck_refuse(what TEXT, why TEXT) RETURNS VOID LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION USING ERRCODE = '42501', MESSAGE = 'flightdeck refused ' || what || ': ' || why;
    END $$
    """,
    """
    CREATE OR REPLACE FUNCTION flightdeck_audit_log_append_only() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = public, pg_temp AS $$
    BEGIN
      IF TG_OP = 'DELETE' AND (SELECT max(sequence) FROM audit_log) <= 1 THEN
        RETURN OLD;
      END IF;
      PERFORM flightdeck_refuse(TG_OP || ' on audit_log',
        'the audit log is append-only: entry #' || OLD.sequence || ' may not be changed or removed');
      RETURN NULL;
    END $$
    """,
    """
    CREATE OR REPLACE FUNCTION flightdeck_refuse_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM flightdeck_refuse('TRUNCATE on ' || TG_TABLE_NAME,
        TG_TABLE_NAME || ' keeps the audit chain''s history and may not be emptied');
      RETURN NULL;
    END $$
    """,
    """
    CREATE OR REPLACE FUNCTION flightdeck_audit_head_rises() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = public, pg_temp AS $$
    BEGIN
      IF TG_OP = 'DELETE' THEN
        IF OLD.sequence <= 1 THEN RETURN OLD; END IF;
        PERFORM flightdeck_refuse('DELETE on audit_head', 'the audit head may not be removed');
      END IF;
      IF NEW.id = OLD.id AND NEW.sequence = OLD.sequence + 1
         AND EXISTS (SELECT 1 FROM audit_log a WHERE a.sequence = NEW.sequence AND a.hash = NEW.hash
                     AND a.previous_hash = OLD.hash) THEN
        RETURN NEW;
      END IF;
      PERFORM flightdeck_refuse('UPDATE on audit_head',
        'the audit head only moves one entry forward, to the entry just appended after it (from #' || OLD.sequence
        || ' to #' || NEW.sequence || ')');
      RETURN NULL;
    END $$
    """,
    """
    CREATE OR REPLACE FUNCTION flightdeck_high_water_rises() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF OLD.key <> 'audit_high_water' THEN
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        IF NEW.key = 'audit_high_water' THEN
          PERFORM flightdeck_refuse('UPDATE on meta', 'the audit high-water mark may not be made from another key');
        END IF;
        RETURN NEW;
      END IF;
      IF TG_OP = 'DELETE' THEN
        IF CAST(OLD.value AS BIGINT) <= 1 THEN RETURN OLD; END IF;
        PERFORM flightdeck_refuse('DELETE on meta', 'the audit high-water mark may not be removed');
      END IF;
      IF NEW.key = OLD.key AND CAST(NEW.value AS BIGINT) >= CAST(OLD.value AS BIGINT) THEN
        RETURN NEW;
      END IF;
      PERFORM flightdeck_refuse('UPDATE on meta',
        'the audit high-water mark only rises (from ' || OLD.value || ' to ' || NEW.value || ')');
      RETURN NULL;
    END $$
    """,
    """
    CREATE OR REPLACE FUNCTION flightdeck_history_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM flightdeck_refuse(TG_OP || ' on ' || TG_TABLE_NAME,
        TG_TABLE_NAME || ' is append-only: row #' || OLD.id || ' may not be changed or removed');
      RETURN NULL;
    END $$
    """,
    """
    CREATE OR REPLACE FUNCTION flightdeck_move_is_audited() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE
      written xid;
    BEGIN
      SELECT m.xmin INTO written FROM pointer_move m WHERE m.id = NEW.id;
      IF NOT FOUND THEN RETURN NULL; END IF;
      IF EXISTS (
        SELECT 1 FROM audit_log a
        WHERE a.xmin = written AND a.action IN ('pointer.move', 'rollback')
          AND a.subject = NEW.artefact || ':' || NEW.pointer AND a.actor = NEW.actor AND a.at = NEW.at
          AND CAST(a.after AS jsonb) ->> 'version' IS NOT DISTINCT FROM NEW.to_version
          AND CAST(a.before AS jsonb) ->> 'version' IS NOT DISTINCT FROM NEW.from_version
          AND CAST(a.after AS jsonb) ->> 'request' IS NOT DISTINCT FROM CAST(NEW.request_id AS TEXT)
      ) THEN
        RETURN NULL;
      END IF;
      PERFORM flightdeck_refuse('INSERT on pointer_move',
        'pointer_move #' || NEW.id || ' ' || NEW.artefact || ' ' || NEW.pointer || ' '
        || coalesce(NEW.from_version, 'none') || ' → ' || coalesce(NEW.to_version, 'none')
        || ' has no audit entry written with it: a move is recorded together with its audit entry, in one transaction');
      RETURN NULL;
    END $$
    """,
    """
    CREATE OR REPLACE FUNCTION flightdeck_decision_is_audited() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE
      written xid;
    BEGIN
      SELECT d.xmin INTO written FROM request_decision d WHERE d.id = NEW.id;
      IF NOT FOUND THEN RETURN NULL; END IF;
      IF EXISTS (
        SELECT 1 FROM audit_log a
        WHERE a.xmin = written AND a.action = 'request.' || NEW.verdict
          AND a.subject = 'REQ-' || NEW.request_id AND a.actor = NEW.actor AND a.at = NEW.at
      ) THEN
        RETURN NULL;
      END IF;
      PERFORM flightdeck_refuse('INSERT on request_decision',
        'request_decision #' || NEW.id || ' (' || NEW.verdict || ' of REQ-' || NEW.request_id || ' by ' || NEW.actor
        || ') has no audit entry written with it: a decision is recorded together with its audit entry, in one transaction');
      RETURN NULL;
    END $$
    """,
    """
    CREATE OR REPLACE FUNCTION flightdeck_is_string_array(t TEXT) RETURNS BOOLEAN LANGUAGE plpgsql IMMUTABLE AS $$
    DECLARE
      v jsonb;
    BEGIN
      BEGIN
        v := CAST(t AS jsonb);
      EXCEPTION WHEN others THEN
        RETURN false;
      END;
      RETURN jsonb_typeof(v) = 'array' AND NOT jsonb_path_exists(v, 'strict $[*] ? (@.type() != "string")');
    END $$
    """,
    """
    CREATE OR REPLACE FUNCTION flightdeck_is_roles_map(t TEXT) RETURNS BOOLEAN LANGUAGE plpgsql IMMUTABLE AS $$
    DECLARE
      v jsonb;
    BEGIN
      BEGIN
        v := CAST(t AS jsonb);
      EXCEPTION WHEN others THEN
        RETURN false;
      END;
      RETURN jsonb_typeof(v) = 'object'
        AND NOT jsonb_path_exists(v, 'strict $.* ? (@.type() != "array")')
        AND NOT jsonb_path_exists(v, 'strict $.*[*] ? (@.type() != "string")');
    END $$
    """,
    """
    CREATE TRIGGER flightdeck_append_only BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION flightdeck_audit_log_append_only()
    """,
    """
    CREATE TRIGGER flightdeck_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION flightdeck_refuse_truncate()
    """,
    """
    CREATE TRIGGER flightdeck_rises BEFORE UPDATE OR DELETE ON audit_head
      FOR EACH ROW EXECUTE FUNCTION flightdeck_audit_head_rises()
    """,
    """
    CREATE TRIGGER flightdeck_no_truncate BEFORE TRUNCATE ON audit_head
      FOR EACH STATEMENT EXECUTE FUNCTION flightdeck_refuse_truncate()
    """,
    """
    CREATE TRIGGER flightdeck_high_water_rises BEFORE UPDATE OR DELETE ON meta
      FOR EACH ROW EXECUTE FUNCTION flightdeck_high_water_rises()
    """,
    """
    CREATE TRIGGER flightdeck_no_truncate BEFORE TRUNCATE ON meta
      FOR EACH STATEMENT EXECUTE FUNCTION flightdeck_refuse_truncate()
    """,
    """
    CREATE TRIGGER flightdeck_append_only BEFORE UPDATE OR DELETE ON pointer_move
      FOR EACH ROW EXECUTE FUNCTION flightdeck_history_append_only()
    """,
    """
    CREATE TRIGGER flightdeck_no_truncate BEFORE TRUNCATE ON pointer_move
      FOR EACH STATEMENT EXECUTE FUNCTION flightdeck_refuse_truncate()
    """,
    """
    CREATE TRIGGER flightdeck_append_only BEFORE UPDATE OR DELETE ON request_decision
      FOR EACH ROW EXECUTE FUNCTION flightdeck_history_append_only()
    """,
    """
    CREATE TRIGGER flightdeck_no_truncate BEFORE TRUNCATE ON request_decision
      FOR EACH STATEMENT EXECUTE FUNCTION flightdeck_refuse_truncate()
    """,
    """
    CREATE CONSTRAINT TRIGGER flightdeck_audited AFTER INSERT ON pointer_move
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION flightdeck_move_is_audited()
    """,
    """
    CREATE CONSTRAINT TRIGGER flightdeck_audited AFTER INSERT ON request_decision
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION flightdeck_decision_is_audited()
    """,
    """
    ALTER TABLE pointer ADD CONSTRAINT pointer_name_check CHECK (name COLLATE "C" ~ '^[a-z][a-z0-9_-]{0,63}$')
    """,
    """
    ALTER TABLE pointer_move ADD CONSTRAINT pointer_move_pointer_check CHECK (pointer COLLATE "C" ~ '^[a-z][a-z0-9_-]{0,63}$')
    """,
    """
    ALTER TABLE promotion_request ADD CONSTRAINT promotion_request_target_check CHECK (target COLLATE "C" ~ '^[a-z][a-z0-9_-]{0,63}$')
    """,
    """
    ALTER TABLE request_decision ADD CONSTRAINT request_decision_roles_check CHECK (flightdeck_is_string_array(roles))
    """,
    """
    ALTER TABLE meta ADD CONSTRAINT meta_value_check CHECK (
      (key <> 'config_roles' OR flightdeck_is_roles_map(value))
      AND (key <> 'audit_high_water' OR value COLLATE "C" ~ '^[0-9]{1,18}$'))
    """,
  ]

  /// Migration 6: the second breaker's denial-of-service holes (BREAKER-13,
  /// second pass, M2, M3, M5), for every role, the owner included:
  /// - the audit high-water mark may not stand above the audit head at
  ///   `COMMIT` (one operator's `UPDATE meta` to a huge value made every later
  ///   `audit verify` fail, and only the owner could repair it);
  /// - every `audit_log` row must be covered by the head at `COMMIT` (its
  ///   sequence at most the head's): an orphan entry at head + 1, which made
  ///   every later append fail on a duplicate sequence, is refused;
  /// - the change counter (``PostgresChangeFeed/table``) only rises and its row
  ///   is never deleted (a lowered counter made dashboards skip a real change).
  static let auditGuardsSecondPass: [String] = [
    """
    CREATE OR REPLACE FUNCTION flightdeck_high_water_within_head() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE
      water BIGINT;
      head BIGINT;
    BEGIN
      SELECT CAST(m.value AS BIGINT) INTO water FROM meta m WHERE m.key = 'audit_high_water';
      IF NOT FOUND THEN RETURN NULL; END IF;
      SELECT h.sequence INTO head FROM audit_head h WHERE h.id = 1;
      IF water <= coalesce(head, 0) THEN RETURN NULL; END IF;
      PERFORM flightdeck_refuse('UPDATE on meta',
        'the audit high-water mark (' || water || ') may not stand above the audit head (#' || coalesce(head, 0)
        || '): it records the highest entry ever appended');
      RETURN NULL;
    END $$
    """,
    """
    CREATE OR REPLACE FUNCTION flightdeck_entry_under_head() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE
      head BIGINT;
    BEGIN
      SELECT h.sequence INTO head FROM audit_head h WHERE h.id = 1;
      IF NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.sequence = NEW.sequence) OR NEW.sequence <= coalesce(head, 0)
      THEN
        RETURN NULL;
      END IF;
      PERFORM flightdeck_refuse('INSERT on audit_log',
        'audit entry #' || NEW.sequence || ' is not covered by the audit head (#' || coalesce(head, 0)
        || '): an entry is appended together with the head moving to it, in one transaction');
      RETURN NULL;
    END $$
    """,
    """
    CREATE OR REPLACE FUNCTION flightdeck_counter_rises() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'UPDATE' AND NEW.id = OLD.id AND NEW.counter >= OLD.counter THEN RETURN NEW; END IF;
      PERFORM flightdeck_refuse(TG_OP || ' on \(PostgresChangeFeed.table)',
        'the change counter only rises (dashboards reload when it moves)');
      RETURN NULL;
    END $$
    """,
    """
    CREATE CONSTRAINT TRIGGER flightdeck_high_water_within_head AFTER INSERT OR UPDATE ON meta
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
      WHEN (NEW.key = 'audit_high_water') EXECUTE FUNCTION flightdeck_high_water_within_head()
    """,
    """
    CREATE CONSTRAINT TRIGGER flightdeck_under_head AFTER INSERT ON audit_log
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION flightdeck_entry_under_head()
    """,
    """
    CREATE TRIGGER flightdeck_rises BEFORE UPDATE OR DELETE ON \(PostgresChangeFeed.table)
      FOR EACH ROW EXECUTE FUNCTION flightdeck_counter_rises()
    """,
    """
    CREATE TRIGGER flightdeck_no_truncate BEFORE TRUNCATE ON \(PostgresChangeFeed.table)
      FOR EACH STATEMENT EXECUTE FUNCTION flightdeck_refuse_truncate()
    """,
  ]
}
