import GRDB

/// The SQLite schema of the registry, as GRDB migrations.
///
/// Migrations are named `v1`, `v2`, …; a database that has applied one this
/// binary does not know was written by a newer FlightDeck and is refused
/// (``RegistryError/Code/schemaTooNew(found:supported:)``). Add a migration
/// by appending `registerMigration("v2")`; never edit a released one.
///
/// Tables (v1): `artefact`, `version` (immutable content, `rolled_back_at`),
/// `pointer` (current position and the id of its last move), `pointer_move`
/// (every move), `promotion_request` with `request_decision`, `meta`
/// (key/value: the last applied configuration digest), `audit_log` (the hash
/// chain; its `id` is the storage order, `sequence` the chain order) and
/// `audit_head` (one row: sequence and hash of the last entry).
///
/// v2 adds `gate_result` (every evaluation-gate check recorded on a version:
/// when in ms, by whom, whether it passed, and the ``GateRecord`` as
/// canonical JSON; the highest `id` per version is current) and the
/// `promotion_request.gate_override` column (the override reason of a
/// promotion made despite its gates; `NULL` for earlier requests). The meta
/// key `config_gates` (the gate policy in force) needs no schema change; a
/// workspace without it uses the store's gate policy. Nor does the meta key
/// `audit_high_water` (``AuditChain/highWaterKey``: the highest audit
/// sequence ever appended, set by every append).
///
/// v3 adds `rollout`: one row per rollout (artefact, canary version, the
/// ``RolloutPlan`` and the ``RolloutState`` as JSON with sorted keys, the
/// phase, who started it and when, when it last changed in ms, and
/// `finished` = promoted or aborted). A partial unique index allows at most
/// one unfinished rollout per artefact.
///
/// v4 adds `alert_instance` (one row per alert instance, keyed by its
/// fingerprint: rule name, state, the ``AlertInstance`` as JSON with sorted
/// keys, `active_at` / `fired_at` / `updated_at` in ms, and the
/// acknowledgement in its own columns so evaluators never overwrite it) and
/// `silence` (matchers as JSON, `starts_at` / `ends_at` in ms, who and why,
/// and who ended it early).
///
/// v5 adds incidents: `incident` (one row per `INC-<id>`: title, severity,
/// state, commander, source, stage times in ms and who reached them, the
/// last retrospective's path and digest, and `alert_key`, unique when set:
/// the firing an alert-opened incident came from, so one firing opens at most
/// one incident), `incident_link` (alerts, artefacts, versions, rollouts it
/// is linked to; an alert link's `value` is `fingerprint@firing-start-ms`)
/// and `incident_note` (the notes, also in the audit log).
///
/// v6 adds `audit_log.identity`: how the entry's actor was identified
/// (``ActorIdentification``'s raw value, e.g. `unauthenticated:os-user`;
/// `NULL` for entries written before, whose hashes do not cover it).
///
/// v7 adds `controller_lease`: at most one row (`id` = 1, checked), the
/// controller lease (``SQLControllerLease``): the holder's `host`, `pid` and
/// random `instance`, the fencing `epoch`, and `acquired_at`, `heartbeat_at`,
/// `expires_at`, `released_at` in ms (`released_at` `NULL` while held).
/// v8 adds `notification_outbox` (see `SQLStoreOutbox`): one row per
/// notification event, written in the transaction of the change that caused
/// it, with its delivery state (`pending`, `failed`, `delivered`, `dead`),
/// attempts, next attempt in ms, last error and the receivers that took it.
/// v9 adds the routing outbox (see `SQLStoreRouting`): `routing_outbox`
/// (one row per artefact: the generation of its routing changes, written in
/// the change's transaction, the generation published, the publishing state,
/// attempts, next attempt in ms and last error) and `routing_target` (one row
/// per publisher target: path, condition, the digest last published, when it
/// was published and read back, and the last failure or drift).
/// v10 keeps notification delivery per (event, receiver): it adds
/// `notification_outbox.claims` (the claim count senders fence their records
/// with; a claim is no longer an attempt) and `notification_outbox.deliveries`
/// (a JSON array of ``NotificationDelivery``, one per receiver, sorted by
/// receiver). Existing rows keep their claims as `attempts` was counting
/// them, and each receiver in `delivered_to` becomes a delivered record; the
/// receivers of a failed or dead row that are not known are worked out from
/// the routes at its next claim or retry.
/// v11 adds `version_template`: the prompt template registered with a
/// version (``PromptTemplate``): `artefact`, `label` (the version's key),
/// `sha256` (64 lower-case hex digits, the version's `sha256:` source) and
/// `body` (the text, at most 256 KiB of UTF-8). Triggers refuse any UPDATE
/// or DELETE of a row: a template is as immutable as its version.
/// v12 adds `notification_log` (see `SQLStoreNotificationLog`): what each
/// receiver was last told about each alert group (Alertmanager's
/// notification log), keyed by `receiver` and `group_key`, with the
/// entry's `sent_at` and `expires_at` in ms, so a controller that takes
/// over keeps `repeat_interval` and the groups.
enum SQLiteRegistrySchema {
  /// The highest migration number this binary knows.
  static let supportedVersion = 12

  /// The migrator with every known migration.
  static var migrator: DatabaseMigrator {
    var m = DatabaseMigrator()
    m.registerMigration("v1") { db in
      try db.execute(
        sql: """
          CREATE TABLE artefact (
            name TEXT PRIMARY KEY NOT NULL,
            kind TEXT NOT NULL,
            owner TEXT NOT NULL,
            risk_tier TEXT NOT NULL,
            description TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            created_by TEXT NOT NULL,
            canary_weight INTEGER NOT NULL DEFAULT 0 CHECK (canary_weight BETWEEN 0 AND 100)
          );
          CREATE TABLE version (
            id INTEGER PRIMARY KEY,
            artefact TEXT NOT NULL REFERENCES artefact(name),
            label TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            created_by TEXT NOT NULL,
            source_kind TEXT,
            source_value TEXT,
            tags TEXT NOT NULL,
            description TEXT NOT NULL,
            rolled_back_at INTEGER,
            UNIQUE (artefact, label)
          );
          CREATE TABLE pointer_move (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            artefact TEXT NOT NULL REFERENCES artefact(name),
            pointer TEXT NOT NULL,
            from_version TEXT,
            to_version TEXT,
            actor TEXT NOT NULL,
            at INTEGER NOT NULL,
            reason TEXT NOT NULL,
            request_id INTEGER,
            cause TEXT NOT NULL
          );
          CREATE INDEX pointer_move_by_pointer ON pointer_move (artefact, pointer, id);
          CREATE TABLE pointer (
            artefact TEXT NOT NULL REFERENCES artefact(name),
            name TEXT NOT NULL,
            version TEXT NOT NULL,
            last_move INTEGER NOT NULL REFERENCES pointer_move(id),
            PRIMARY KEY (artefact, name),
            FOREIGN KEY (artefact, version) REFERENCES version (artefact, label)
          );
          CREATE TABLE promotion_request (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            artefact TEXT NOT NULL REFERENCES artefact(name),
            version TEXT NOT NULL,
            target TEXT NOT NULL,
            from_version TEXT,
            requester TEXT NOT NULL,
            reason TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            expires_at INTEGER NOT NULL,
            state TEXT NOT NULL,
            state_changed_at INTEGER NOT NULL,
            rule_approvals INTEGER NOT NULL,
            rule_role TEXT,
            rule_self_approval INTEGER NOT NULL,
            FOREIGN KEY (artefact, version) REFERENCES version (artefact, label)
          );
          CREATE INDEX promotion_request_by_state ON promotion_request (state, expires_at);
          CREATE TABLE request_decision (
            id INTEGER PRIMARY KEY,
            request_id INTEGER NOT NULL REFERENCES promotion_request(id),
            actor TEXT NOT NULL,
            roles TEXT NOT NULL,
            verdict TEXT NOT NULL,
            at INTEGER NOT NULL,
            comment TEXT NOT NULL
          );
          CREATE INDEX request_decision_by_request ON request_decision (request_id, id);
          CREATE TABLE meta (
            key TEXT PRIMARY KEY NOT NULL,
            value TEXT NOT NULL
          );
          CREATE TABLE audit_log (
            id INTEGER PRIMARY KEY,
            sequence INTEGER NOT NULL,
            at INTEGER NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            subject TEXT NOT NULL,
            before TEXT,
            after TEXT,
            reason TEXT NOT NULL,
            previous_hash TEXT NOT NULL,
            hash TEXT NOT NULL
          );
          CREATE UNIQUE INDEX audit_log_by_sequence ON audit_log (sequence);
          CREATE INDEX audit_log_by_time ON audit_log (at);
          CREATE TABLE audit_head (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            sequence INTEGER NOT NULL,
            hash TEXT NOT NULL
          );
          """)
      try db.execute(
        sql: "INSERT INTO audit_head (id, sequence, hash) VALUES (1, 0, ?)",
        arguments: [AuditChain.genesisHash])
    }
    m.registerMigration("v2") { db in
      try db.execute(
        sql: """
          CREATE TABLE gate_result (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            artefact TEXT NOT NULL,
            version TEXT NOT NULL,
            evaluated_at INTEGER NOT NULL,
            evaluated_by TEXT NOT NULL,
            passed INTEGER NOT NULL,
            record TEXT NOT NULL,
            FOREIGN KEY (artefact, version) REFERENCES version (artefact, label)
          );
          CREATE INDEX gate_result_by_version ON gate_result (artefact, version, id);
          ALTER TABLE promotion_request ADD COLUMN gate_override TEXT;
          """)
    }
    m.registerMigration("v3") { db in
      try db.execute(
        sql: """
          CREATE TABLE rollout (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            artefact TEXT NOT NULL REFERENCES artefact(name),
            version TEXT NOT NULL,
            plan TEXT NOT NULL,
            state TEXT NOT NULL,
            phase TEXT NOT NULL,
            started_at INTEGER NOT NULL,
            started_by TEXT NOT NULL,
            updated_at INTEGER NOT NULL,
            finished INTEGER NOT NULL DEFAULT 0 CHECK (finished IN (0, 1)),
            FOREIGN KEY (artefact, version) REFERENCES version (artefact, label)
          );
          CREATE UNIQUE INDEX rollout_one_unfinished ON rollout (artefact) WHERE finished = 0;
          CREATE INDEX rollout_by_artefact ON rollout (artefact, id);
          """)
    }
    m.registerMigration("v4") { db in
      try db.execute(
        sql: """
          CREATE TABLE alert_instance (
            fingerprint TEXT PRIMARY KEY NOT NULL,
            rule TEXT NOT NULL,
            state TEXT NOT NULL,
            instance TEXT NOT NULL,
            active_at INTEGER,
            fired_at INTEGER,
            updated_at INTEGER NOT NULL,
            acknowledged_by TEXT,
            acknowledged_at INTEGER,
            ack_comment TEXT
          );
          CREATE TABLE silence (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            matchers TEXT NOT NULL,
            starts_at INTEGER NOT NULL,
            ends_at INTEGER NOT NULL,
            created_by TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            comment TEXT NOT NULL,
            expired_by TEXT,
            expired_at INTEGER
          );
          CREATE INDEX silence_by_end ON silence (ends_at);
          """)
    }
    m.registerMigration("v5") { db in
      try db.execute(
        sql: """
          CREATE TABLE incident (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            title TEXT NOT NULL,
            severity TEXT NOT NULL,
            state TEXT NOT NULL,
            commander TEXT,
            source TEXT NOT NULL,
            alert_key TEXT,
            opened_at INTEGER NOT NULL,
            opened_by TEXT NOT NULL,
            acknowledged_at INTEGER,
            acknowledged_by TEXT,
            mitigated_at INTEGER,
            resolved_at INTEGER,
            retro_path TEXT,
            retro_digest TEXT
          );
          CREATE UNIQUE INDEX incident_by_alert_key ON incident (alert_key) WHERE alert_key IS NOT NULL;
          CREATE INDEX incident_by_state ON incident (state, id);
          CREATE TABLE incident_link (
            id INTEGER PRIMARY KEY,
            incident_id INTEGER NOT NULL REFERENCES incident(id),
            kind TEXT NOT NULL CHECK (kind IN ('alert', 'artefact', 'version', 'rollout')),
            artefact TEXT,
            value TEXT NOT NULL,
            detail TEXT
          );
          CREATE INDEX incident_link_by_incident ON incident_link (incident_id, id);
          CREATE INDEX incident_link_by_target ON incident_link (kind, value);
          CREATE TABLE incident_note (
            id INTEGER PRIMARY KEY,
            incident_id INTEGER NOT NULL REFERENCES incident(id),
            at INTEGER NOT NULL,
            actor TEXT NOT NULL,
            text TEXT NOT NULL
          );
          CREATE INDEX incident_note_by_incident ON incident_note (incident_id, id);
          """)
    }
    m.registerMigration("v6") { db in
      try db.execute(sql: "ALTER TABLE audit_log ADD COLUMN identity TEXT")
    }
    m.registerMigration("v7") { db in
      try db.execute(
        sql: """
          CREATE TABLE controller_lease (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            host TEXT NOT NULL,
            pid INTEGER NOT NULL,
            instance TEXT NOT NULL,
            epoch INTEGER NOT NULL,
            acquired_at INTEGER NOT NULL,
            heartbeat_at INTEGER NOT NULL,
            expires_at INTEGER NOT NULL,
            released_at INTEGER
          )
          """)
    }
    m.registerMigration("v8") { db in
      try db.execute(
        sql: """
          CREATE TABLE notification_outbox (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            event_key TEXT NOT NULL UNIQUE,
            audit_sequence INTEGER NOT NULL,
            kind TEXT NOT NULL,
            subject TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            event TEXT NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('pending', 'failed', 'delivered', 'dead')),
            attempts INTEGER NOT NULL,
            next_attempt_at INTEGER NOT NULL,
            last_error TEXT,
            delivered_to TEXT NOT NULL,
            delivered_at INTEGER
          );
          CREATE INDEX notification_outbox_due ON notification_outbox (state, next_attempt_at, id);
          """)
    }
    m.registerMigration("v9") { db in
      try db.execute(
        sql: """
          CREATE TABLE routing_outbox (
            artefact TEXT PRIMARY KEY NOT NULL REFERENCES artefact(name),
            generation INTEGER NOT NULL CHECK (generation >= 1),
            published_generation INTEGER NOT NULL CHECK (published_generation >= 0),
            audit_sequence INTEGER NOT NULL,
            changed_at INTEGER NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('pending', 'failed', 'published')),
            attempts INTEGER NOT NULL,
            next_attempt_at INTEGER NOT NULL,
            last_error TEXT
          );
          CREATE INDEX routing_outbox_due ON routing_outbox (next_attempt_at, artefact);
          CREATE TABLE routing_target (
            name TEXT PRIMARY KEY NOT NULL,
            path TEXT NOT NULL,
            condition TEXT NOT NULL CHECK (condition IN ('in sync', 'out of date', 'drifted', 'failing')),
            digest TEXT,
            published_at INTEGER,
            checked_at INTEGER,
            detail TEXT
          );
          """)
    }
    m.registerMigration("v10") { db in
      try db.execute(
        sql: """
          ALTER TABLE notification_outbox ADD COLUMN claims INTEGER NOT NULL DEFAULT 0;
          ALTER TABLE notification_outbox ADD COLUMN deliveries TEXT NOT NULL DEFAULT '[]';
          UPDATE notification_outbox SET claims = attempts, deliveries = COALESCE((
            SELECT json_group_array(json_object(
              'receiver', r.value, 'state', 'delivered', 'attempts', notification_outbox.attempts,
              'deliveredAt', notification_outbox.delivered_at))
            FROM (SELECT value FROM json_each(notification_outbox.delivered_to) ORDER BY value) AS r), '[]');
          """)
    }
    m.registerMigration("v11") { db in
      try db.execute(
        sql: """
          CREATE TABLE version_template (
            artefact TEXT NOT NULL,
            label TEXT NOT NULL,
            sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
            body TEXT NOT NULL CHECK (length(CAST(body AS BLOB)) BETWEEN 1 AND 262144),
            PRIMARY KEY (artefact, label),
            FOREIGN KEY (artefact, label) REFERENCES version (artefact, label)
          );
          CREATE TRIGGER version_template_no_update BEFORE UPDATE ON version_template
          BEGIN SELECT RAISE(ABORT, 'a prompt template is immutable: register a new version'); END;
          CREATE TRIGGER version_template_no_delete BEFORE DELETE ON version_template
          BEGIN SELECT RAISE(ABORT, 'a prompt template is immutable: register a new version'); END;
          """)
    }
    m.registerMigration("v12") { db in
      try db.execute(
        sql: """
          CREATE TABLE notification_log (
            receiver TEXT NOT NULL,
            group_key TEXT NOT NULL,
            log_key TEXT NOT NULL,
            entry TEXT NOT NULL,
            sent_at INTEGER NOT NULL,
            expires_at INTEGER NOT NULL,
            PRIMARY KEY (receiver, group_key)
          );
          CREATE INDEX notification_log_expiry ON notification_log (expires_at);
          """)
    }
    return m
  }

  /// The applied migration identifiers this binary does not know, sorted:
  /// those the migrator does not register (not `v1…supportedVersion`, which
  /// may have gaps while branches are merged).
  static func unknown(_ identifiers: Set<String>) -> [String] {
    identifiers.subtracting(migrator.migrations).sorted()
  }

  /// The highest `vN` among `identifiers` (0 when none parses).
  static func highestVersion(_ identifiers: Set<String>) -> Int {
    identifiers.compactMap { id in id.hasPrefix("v") ? Int(id.dropFirst()) : nil }.max() ?? 0
  }
}
