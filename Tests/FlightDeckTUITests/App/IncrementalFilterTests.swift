import FlightDeckCore
import FlightDeckTUI
import Testing

/// Typing a filter works from the last result when the filter only grew,
/// and goes back to a kept result on Backspace; the results are always
/// those of a scan of every name (``AppRows/matches(_:filter:)``), over
/// random sequences of typed, deleted and replaced characters on hostile
/// names (case mappings that change length, combining marks, CR LF,
/// control characters).
@Suite struct IncrementalFilterTests {
  /// Names chosen to break a filter that assumes one byte per character or
  /// a case mapping of the same length.
  static let names: [String] = [
    "svc-4242", "SVC-4243", "svc-42", "Svc-x", "s", "", "alpha", "ALPHA-Beta",
    "cafe\u{301}", "café", "e\u{301}x", "a\r\nb", "a\rb", "a\nb", "\r", "\n",
    "\u{212A}elvin", "kelvin", "KELVIN", "stra\u{DF}e", "STRASSE", "\u{130}stanbul", "istanbul",
    "i\u{307}x", "\u{1B}[31mred", "nul\u{0}x", "\u{7F}del", "\u{202E}evil", "z\u{200D}j", "👩‍💻dev",
    "\u{3A3}IGMA", "\u{3C3}igma", "\u{3C2}", "ǅ", "ǆx", "ﬁle", "FILE", "x-\u{FE0F}",
  ]

  /// Characters typed (one at a time) into the filter.
  static let typed: [String] = [
    "s", "S", "v", "c", "-", "4", "2", "a", "e", "\u{301}", "\r", "\n", "k", "K", "\u{212A}",
    "\u{DF}", "i", "\u{130}", "\u{307}", "x", "\u{1B}", "[", "\u{0}", "\u{3C3}", "\u{3A3}", "f", "\u{FB01}",
  ]

  func scratch(_ names: [String], _ filter: String) -> [Int] {
    names.indices.filter { AppRows.matches(names[$0], filter: filter) }
  }

  @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64])
  func resultsEqualAFromScratchFilterOverRandomEdits(seed: UInt64) {
    var rng = SplitMix64(seed: seed)
    let names = Self.names
    var filter = IncrementalFilter(count: names.count)
    var text = ""
    for step in 0..<600 {
      switch Int.random(in: 0..<10, using: &rng) {
      case 0...5:
        text += Self.typed.randomElement(using: &rng)!
      case 6...7:
        if !text.isEmpty { text.removeLast() }
      case 8:
        // Replace the last character.
        if !text.isEmpty { text.removeLast() }
        text += Self.typed.randomElement(using: &rng)!
      default:
        // Drop the last scalar (not character): "e\u{301}" back to "e".
        if !text.unicodeScalars.isEmpty {
          var scalars = text.unicodeScalars
          scalars.removeLast()
          text = String(scalars)
        }
      }
      if text.unicodeScalars.count > 8 { text = "" }
      filter = filter.refiltered(to: text, count: names.count) { names[$0] }
      #expect(filter.filter == text)
      #expect(
        (filter.positions ?? Array(names.indices)) == scratch(names, text),
        "seed \(seed) step \(step) filter \(text.debugDescription)")
    }
  }

  @Test func aGrownFilterTestsOnlyTheLastResultAndBackspaceTestsNothing() {
    let names = (0..<1_000).map { "svc-" + String(String($0 + 10_000).dropFirst()) } + ["other"]
    var tested = 0
    func name(_ i: Int) -> String {
      tested += 1
      return names[i]
    }
    var filter = IncrementalFilter(count: names.count)
    filter = filter.refiltered(to: "svc-00", count: names.count, name: name)
    #expect(tested == 1_001)  // the whole list, once
    #expect(filter.positions == Array(0..<100))  // svc-0000 … svc-0099
    tested = 0
    filter = filter.refiltered(to: "svc-000", count: names.count, name: name)
    #expect(tested == 100)  // the last result only
    #expect(filter.positions == Array(0..<10))  // svc-0000 … svc-0009
    tested = 0
    filter = filter.refiltered(to: "svc-00", count: names.count, name: name)
    #expect(tested == 0)  // Backspace: the kept result
    #expect(filter.positions == Array(0..<100))
    filter = filter.refiltered(to: "svc-001", count: names.count, name: name)
    #expect(tested == 100)  // a replaced character: from the kept "svc-00"
    #expect(filter.positions == Array(10..<20))
    tested = 0
    filter = filter.refiltered(to: "", count: names.count, name: name)
    #expect(tested == 0 && filter.positions == nil)
  }

  @Test func narrowingHoldsOnlyWhereEveryMatchOfTheLongerFilterMatchesTheShorter() {
    #expect(IncrementalFilter.narrows(from: "", to: "\u{212A}"))
    #expect(IncrementalFilter.narrows(from: "sv", to: "svc"))
    #expect(IncrementalFilter.narrows(from: "SV", to: "svc") == false)  // not a prefix: worked out afresh
    // CR then LF is one character: "a\r\nb" does not contain the character "\r".
    #expect(IncrementalFilter.narrows(from: "\r", to: "\r\n") == false)
    #expect(AppRows.matches("x\r\ny", filter: "\r\n"))
    // Non-ASCII: worked out afresh ("e" then a combining acute is "é").
    #expect(IncrementalFilter.narrows(from: "e", to: "e\u{301}") == false)
    #expect(IncrementalFilter.narrows(from: "\u{212A}", to: "\u{212A}e") == false)
  }

  /// The dashboard's kept Registry and Canary rows, typed into character by
  /// character, equal rows worked out afresh for the same snapshot and filter.
  @Test func theStatesRowsEqualFreshRowsWhileAFilterIsTyped() {
    var store = MetricsStore()
    let t0 = Timestamp(millisecondsSinceEpoch: 1_748_736_000_000)
    for (i, name) in Self.names.enumerated() where !name.isEmpty {
      for (route, version) in [(Route.stable, "v1"), (i % 3 == 0 ? .canary : .stable, "v2")] {
        store.record(
          TelemetryRecord(
            timestamp: t0.adding(milliseconds: Int64(i) * 100), requestID: "r", artefact: name, kind: .model,
            version: version, route: route, latencyMs: Double(10 + i), inputTokens: 1, outputTokens: 1,
            costUSD: 0.01, status: i % 4 == 0 ? .error : .ok))
      }
    }
    let builder = IncrementalSnapshotBuilder(windowMs: 60_000)
    var state = AppState(width: 120, height: 40)
    state.snapshot = builder.build(
      store: &store, ingest: IngestSummary(), now: t0.adding(milliseconds: 5_000))
    let snapshot = state.snapshot!
    #expect(!snapshot.canaries.isEmpty)
    var rng = SplitMix64(seed: 42)
    for step in 0..<300 {
      if Int.random(in: 0..<3, using: &rng) == 0, !state.filter.isEmpty {
        state.filter.removeLast()
      } else {
        state.filter += Self.typed.randomElement(using: &rng)!
      }
      if state.filter.unicodeScalars.count > 6 { state.filter = "" }
      let fresh = RegistryRows(registry: nil, snapshot: snapshot, filter: state.filter, drillDown: nil)
      #expect(state.registryRows.keys == fresh.keys, "step \(step) \(state.filter.debugDescription)")
      #expect(state.registryRows.index == fresh.index)
      #expect(state.registryRows.nameWidths == fresh.nameWidths)
      // Each row found without the index, and a row the filter hides not found.
      let index = fresh.index
      for name in Self.names where !name.isEmpty {
        for version in ["v1", "v2"] {
          let key = RowKey.version(artefact: name, version: version)
          #expect(state.registryRows.rowIndex(of: key) == index[key], "step \(step) \(key)")
        }
      }
      #expect(
        state.canaryRows.rows.map(\.artefact)
          == AppRows.canaries(snapshot, filter: state.filter).map(\.artefact),
        "step \(step) \(state.filter.debugDescription)")
    }
  }
}
