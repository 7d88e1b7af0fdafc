import FlightDeckCore
import FlightDeckTestSupport
import Testing

/// `audit verify`'s cross-check of the tables against the log, on both
/// backends: a store made by FlightDeck's own transactions verifies intact; a
/// row written by SQL around FlightDeck is named and fails verify.
@Suite struct AuditCrossCheckTests {
  typealias F = RegistryFixture
  let clock = TestClock()

  /// 2026-05-28T20:26:40.123Z (worked out with Python's datetime).
  static let forgedAt: Int64 = 1_780_000_000_123

  @Test(arguments: StoreUnderTest.all)
  func aMoveWrittenBySQLWithoutItsEntryFailsVerifyByName(_ backend: StoreUnderTest) throws {
    let store = try backend.make(clock: clock)
    try F.seed(store, clock: clock)
    let clean = try store.verifyAudit()
    #expect(clean.isIntact && clean.mismatches.isEmpty, "\(clean.mismatches)")
    let rows = try #require(store as? any StoreRowTransfer)
    let insert = """
      INSERT INTO pointer_move (id, artefact, pointer, from_version, to_version, actor, at, reason, request_id, cause)
      VALUES (3, 'support-bot', 'production', 'v12', 'v13', 'mallory', \(Self.forgedAt), 'quiet fix', NULL, 'assignment')
      """
    if backend == .postgres {
      // Migration 3: the database itself refuses the unaudited move at commit.
      let refused = #expect(throws: RegistryError.self) {
        try rows.writingRows { try $0.execute(insert) }
      }
      #expect(
        refused?.message.contains("has no audit entry written with it") == true, "\(refused?.message ?? "")")
      #expect(try store.verifyAudit().isIntact)
    }
    try rows.writingRows { session in
      // The tables' owner can still switch the guard off for its transaction (PostgreSQLStore, "Known holes").
      if backend == .postgres {
        try session.execute("ALTER TABLE pointer_move DISABLE TRIGGER flightdeck_audited")
      }
      try session.execute(insert)
      try session.execute(
        "UPDATE pointer SET version = 'v13', last_move = 3 WHERE artefact = 'support-bot' AND name = 'production'"
      )
      if backend == .postgres {
        try session.execute("ALTER TABLE pointer_move ENABLE TRIGGER flightdeck_audited")
      }
    }
    let result = try store.verifyAudit()
    #expect(!result.isIntact)
    #expect(result.problem == nil)  // the chain itself is untouched
    #expect(
      result.mismatches == [
        "pointer_move #3 support-bot production v12 → v13 at 2026-05-28T20:26:40.123Z by mallory: no audit entry"
      ])
  }

  @Test(arguments: StoreUnderTest.all)
  func aDecisionWrittenBySQLWithoutItsEntryFailsVerify(_ backend: StoreUnderTest) throws {
    let store = try backend.make(clock: clock)
    try F.seed(store, clock: clock)
    let rows = try #require(store as? any StoreRowTransfer)
    let insert = """
      INSERT INTO request_decision (id, request_id, actor, roles, verdict, at, comment)
      VALUES (5, 2, 'mallory', '[]', 'reject', \(Self.forgedAt), 'x')
      """
    try rows.writingRows { session in
      if backend == .postgres {
        try session.execute("ALTER TABLE request_decision DISABLE TRIGGER flightdeck_audited")
      }
      try session.execute(insert)
      if backend == .postgres {
        try session.execute("ALTER TABLE request_decision ENABLE TRIGGER flightdeck_audited")
      }
    }
    #expect(
      try store.verifyAudit().mismatches == [
        "request_decision #5 reject of REQ-2 by mallory at 2026-05-28T20:26:40.123Z: no audit entry"
      ])
  }

  /// The other direction, on SQLite (PostgreSQL refuses the deletion, see
  /// PostgresAuditGuardsTests): an approval whose row was deleted.
  @Test func anEntryWhoseRowWasDeletedFailsVerify() throws {
    let store = try SQLiteRegistryStore.inMemory(clock: clock)
    try F.seed(store, clock: clock)
    let entry = try #require(
      try store.auditEntries(since: nil).first {
        $0.action == .requestApprove && $0.actor == "carol" && $0.subject == "REQ-2"
      })
    try store.writingRows {
      try $0.execute("DELETE FROM request_decision WHERE request_id = 2 AND actor = 'carol'")
    }
    #expect(
      try store.verifyAudit().mismatches == [
        "audit entry #\(entry.sequence) request.approve REQ-2: no request_decision row"
      ])
  }

  /// BREAKER-13 C2: one UPDATE of a pointer, no move and no entry — the
  /// move table and the log are both clean, so only pointers against their
  /// last moves show it.
  @Test(arguments: StoreUnderTest.all)
  func aPointerChangedBySQLWithoutAMoveFailsVerify(_ backend: StoreUnderTest) throws {
    let store = try backend.make(clock: clock)
    try F.seed(store, clock: clock)
    let rows = try #require(store as? any StoreRowTransfer)
    try rows.writingRows {
      try $0.execute(
        "UPDATE pointer SET version = 'v13' WHERE artefact = 'support-bot' AND name = 'production'")
    }
    let result = try store.verifyAudit()
    #expect(!result.isIntact)
    #expect(result.mismatches.count == 1)
    let m = try #require(result.mismatches.first)
    #expect(m.hasPrefix("pointer support-bot production holds v13 but its last move (pointer_move #"), "\(m)")
    #expect(m.hasSuffix(" support-bot production v11 → v12) set v12: changed without a move"), "\(m)")
  }

  /// BREAKER-13 C1: a request whose row asks fewer approvals than its
  /// `request.create` entry says no longer matches its entry.
  @Test(arguments: StoreUnderTest.all)
  func aRequestWhoseRuleWasLoweredFailsVerify(_ backend: StoreUnderTest) throws {
    let store = try backend.make(clock: clock)
    try F.seed(store, clock: clock)
    let rows = try #require(store as? any StoreRowTransfer)
    try Self.asTheOwnerAroundTheGuards(
      rows, backend, "UPDATE promotion_request SET rule_approvals = 0 WHERE id = 2")
    let mismatches = try store.verifyAudit().mismatches
    #expect(mismatches.count == 2, "\(mismatches)")
    #expect(
      mismatches.first?.hasPrefix("promotion_request REQ-2 support-bot production → v12 by alice") == true)
    #expect(mismatches.first?.hasSuffix(": no audit entry") == true)
    #expect(mismatches.last?.hasSuffix("request.create REQ-2: no promotion_request row") == true)
  }

  /// BREAKER-13 M1: a request the log closed, set back to pending by SQL.
  @Test(arguments: StoreUnderTest.all)
  func aClosedRequestReopenedBySQLFailsVerify(_ backend: StoreUnderTest) throws {
    let store = try backend.make(clock: clock)
    try F.seed(store, clock: clock)
    let newest = try #require(
      try store.auditEntries(since: nil).last { $0.subject == "REQ-2" && $0.action == .requestApprove })
    let rows = try #require(store as? any StoreRowTransfer)
    try Self.asTheOwnerAroundTheGuards(
      rows, backend, "UPDATE promotion_request SET state = 'pending' WHERE id = 2")
    #expect(
      try store.verifyAudit().mismatches == [
        "promotion_request REQ-2: its state pending is not the one its newest audit entry #\(newest.sequence) records (applied): a closed request was reopened"
      ])
  }

  /// BREAKER-13 third pass, M6: a canary weight written by SQL, which no
  /// `canary.weight` entry explains (the owner, or anyone with SQLite's file;
  /// an operator holds the column's UPDATE right on PostgreSQL).
  @Test(arguments: StoreUnderTest.all)
  func aCanaryWeightWrittenBySQLFailsVerify(_ backend: StoreUnderTest) throws {
    let store = try backend.make(clock: clock)
    try F.seed(store, clock: clock)
    _ = try store.perform(
      .requestPromotion(
        artefact: "support-bot", version: "v13", target: .canary, reason: "try v13", expectedFrom: nil,
        override: nil), as: F.alice)
    _ = try store.perform(
      .setCanaryWeight(artefact: "support-bot", percent: 10, reason: "a little"), as: F.alice)
    let clean = try store.verifyAudit()
    #expect(clean.isIntact && clean.mismatches.isEmpty, "\(clean.mismatches)")
    let weight = try #require(try store.auditEntries(since: nil).last { $0.action == .canaryWeight })
    let rows = try #require(store as? any StoreRowTransfer)
    try rows.writingRows {
      try $0.execute("UPDATE artefact SET canary_weight = 40 WHERE name = 'support-bot'")
    }
    #expect(
      try store.verifyAudit().mismatches == [
        "artefact support-bot canary weight is 40 % but its newest audit entry #\(weight.sequence) canary.weight set 10 %"
      ])
    try rows.writingRows {
      try $0.execute("UPDATE artefact SET canary_weight = 0 WHERE name = 'support-bot'")
    }
    #expect(
      try store.verifyAudit().mismatches == [
        "artefact support-bot canary weight is 0 % but its newest audit entry #\(weight.sequence) canary.weight set 10 %"
      ])
  }

  /// BREAKER-13 third pass, M6: a silence lengthened by SQL, one deleted (its
  /// entry left without a row) and one inserted without its entry.
  @Test(arguments: StoreUnderTest.all)
  func silencesWrittenBySQLFailVerify(_ backend: StoreUnderTest) throws {
    let store = try backend.make(clock: clock)
    try F.seed(store, clock: clock)
    let hour: Int64 = 3_600_000
    for comment in ["maintenance", "noisy"] {
      _ = try store.perform(
        .createSilence(
          matchers: [AlertLabelMatcher(name: "severity", op: .equal, value: "page")],
          startsAt: Timestamp(millisecondsSinceEpoch: Self.forgedAt),
          endsAt: Timestamp(millisecondsSinceEpoch: Self.forgedAt + hour), comment: comment), as: F.alice)
    }
    let clean = try store.verifyAudit()
    #expect(clean.isIntact && clean.mismatches.isEmpty, "\(clean.mismatches)")
    let created = try store.auditEntries(since: nil).filter { $0.action == .silenceCreate }
    #expect(created.map(\.subject) == ["SIL-1", "SIL-2"])
    let rows = try #require(store as? any StoreRowTransfer)
    try rows.writingRows { session in
      try session.execute("UPDATE silence SET ends_at = \(Self.forgedAt + 24 * hour) WHERE id = 1")
      try session.execute("DELETE FROM silence WHERE id = 2")
      try session.execute(
        """
        INSERT INTO silence (id, matchers, starts_at, ends_at, created_by, created_at, comment)
        VALUES (3, '[{"name":"severity","op":"=","value":"page"}]', \(Self.forgedAt), \(Self.forgedAt + hour),
          'mallory', \(Self.forgedAt), 'quiet')
        """)
    }
    // Ends and times worked out by hand from forgedAt (2026-05-28T20:26:40.123Z): + 1 h, + 24 h.
    #expect(
      try store.verifyAudit().mismatches == [
        "silence SIL-3 by mallory at 2026-05-28T20:26:40.123Z: no audit entry",
        "silence SIL-1: it ends at 2026-05-29T20:26:40.123Z but its newest audit entry #\(created[0].sequence) silence.create says 2026-05-28T21:26:40.123Z",
        "audit entry #\(created[1].sequence) silence.create SIL-2: no silence row",
      ])
  }

  /// Runs `sql` as the tables' owner: on PostgreSQL, migration 7 first
  /// refuses it (a request is filed as it stands, its state moves only
  /// forward with its entry), so the owner switches the table's triggers off
  /// for its transaction (PostgreSQLStore, "Known holes") to reach the
  /// cross-check, as an administrator could.
  static func asTheOwnerAroundTheGuards(
    _ rows: any StoreRowTransfer, _ backend: StoreUnderTest, _ sql: String
  )
    throws
  {
    guard backend == .postgres else { return try rows.writingRows { try $0.execute(sql) } }
    let refused = #expect(throws: RegistryError.self) { try rows.writingRows { try $0.execute(sql) } }
    #expect(refused?.message.contains("promotion_request") == true, "\(refused?.message ?? "")")
    try rows.writingRows { session in
      try session.execute("ALTER TABLE promotion_request DISABLE TRIGGER USER")
      try session.execute(sql)
      try session.execute("ALTER TABLE promotion_request ENABLE TRIGGER USER")
    }
  }
}
