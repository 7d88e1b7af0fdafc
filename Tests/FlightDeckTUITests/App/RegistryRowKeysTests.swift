import FlightDeckCore
import FlightDeckTUI
import Testing

/// The Registry rows are a view of the overview (``RegistryRowKeys``, each
/// row found by a binary search of the shown artefacts' first rows when
/// read): row for row they equal rows materialised the way they were
/// before (every shown artefact's versions listed, top to bottom), on
/// hostile names, artefacts without versions, a drill-down, the selection
/// moves and a scrolled frame.
@Suite struct RegistryRowKeysTests {
  /// Names that break byte-per-character or same-length case assumptions.
  static let names: [String] = [
    "svc-4242", "SVC-4243", "svc-42", "", "a\r\nb", "\r", "\u{212A}elvin", "kelvin", "stra\u{DF}e",
    "\u{130}stanbul", "\u{1B}[31mred", "nul\u{0}x", "\u{202E}evil", "👩‍💻dev", "cafe\u{301}", "ǅ", "x-\u{FE0F}",
  ]

  /// An overview of every name in ``names`` (then `extra` plain ones), the
  /// i-th with `i % 4` versions (so some have none) labelled `v0`…, one
  /// of them hostile too.
  static func overview(extra: Int = 0) -> RegistryOverview {
    let all = names + (0..<extra).map { "p\($0)" }
    let artefacts = all.enumerated().map { i, name in
      OverviewArtefact(
        name: name, kind: .model, record: nil,
        versions: (0..<(i % 4)).map { v in
          OverviewVersion(
            artefact: name, label: v == 2 ? "v\u{1B}]0;x\u{7}" : "v\(v)", pointers: [], legs: [],
            openRequest: nil, rolledBackAt: nil, flags: [])
        },
        productionVersion: nil, canaryWeightPercent: 0)
    }
    return RegistryOverview(artefacts: artefacts, hasRegistry: false)
  }

  /// The rows as they were materialised before the view: per shown artefact
  /// (those passing the filter, or the first named `drillDown`), each
  /// version, its key and whether it is the artefact's first.
  static func materialised(_ overview: RegistryOverview, filter: String, drillDown: String?)
    -> [(key: RowKey, first: Bool)]
  {
    let shown =
      drillDown.map { name in Array(overview.artefacts.filter { $0.name == name }.prefix(1)) }
      ?? AppRows.overviewArtefacts(overview, filter: filter)
    return shown.flatMap { a in
      a.versions.enumerated().map { (RowKey.version(artefact: a.name, version: $1.label), $0 == 0) }
    }
  }

  @Test(arguments: ["", "s", "S", "svc-4", "e", "\r", "\r\n", "k", "\u{212A}", "\u{0}", "zz", "p1"])
  func theViewsRowsEqualTheMaterialisedRows(filter: String) {
    let overview = Self.overview(extra: 40)
    for drillDown in [nil, "svc-42", "ǅ", "a\r\nb", "absent"] as [String?] {
      let rows = RegistryRows(overview: overview, filter: filter, drillDown: drillDown)
      let expected = Self.materialised(overview, filter: filter, drillDown: drillDown)
      let label = "\(filter.debugDescription) \(String(describing: drillDown))"
      #expect(rows.count == expected.count, "\(label)")
      #expect(rows.keys.count == expected.count && rows.keys.isEmpty == expected.isEmpty)
      #expect(Array(rows.keys) == expected.map(\.key), "\(label)")
      guard rows.count == expected.count else { continue }
      for n in 0..<rows.count {
        let row = rows.row(n)
        #expect(
          RowKey.version(artefact: row.artefact.name, version: row.version.label) == expected[n].key,
          "\(label) row \(n)")
        #expect(row.first == expected[n].first, "\(label) row \(n)")
        #expect(rows.key(at: n) == expected[n].key)
        #expect(rows.keys[n] == expected[n].key)
      }
      // Every identity of the overview, shown or not, found where a scan
      // of the materialised rows finds it (and not found when hidden).
      for a in overview.artefacts {
        for key in a.versions.map({ RowKey.version(artefact: a.name, version: $0.label) })
          + [.version(artefact: a.name, version: "nope"), .artefact(a.name)]
        {
          let scanned = expected.firstIndex { $0.key == key }
          #expect(rows.rowIndex(of: key) == scanned, "\(label) \(key)")
          #expect(rows.keys.firstIndex(of: key) == scanned, "\(label) \(key)")
        }
      }
    }
  }

  /// Rows of the Cardinality fixture: `n` artefacts `a00000`…, one version each.
  static func state(artefacts n: Int) -> AppState {
    var state = AppState(width: 120, height: 40)
    _ = AppUpdate.update(&state, .newSnapshot(CardinalityScreenTests.snapshot(artefacts: n)))
    return state
  }

  @Test func theSelectionMovesOverTheViewAsOverTheMaterialisedRows() {
    var state = Self.state(artefacts: 500)
    _ = AppUpdate.update(&state, .key(.char("/")))
    for c in "a004" { _ = AppUpdate.update(&state, .key(.char(c))) }
    _ = AppUpdate.update(&state, .key(.enter))
    // a00400 … a00499 match "a004"; the selection (a00000) is clamped to the first.
    let expected = Self.materialised(state.overview, filter: "a004", drillDown: nil).map(\.key)
    #expect(expected.count == 100)
    var index = 0
    for delta in [1, 1, 1, -1, 50, 80, -3] {
      for _ in 0..<abs(delta) { _ = AppUpdate.update(&state, .key(.char(delta > 0 ? "j" : "k"))) }
      index = min(max(index + delta, 0), expected.count - 1)
      #expect(state.selection(of: .registry) == PaneSelection(index: index, key: expected[index]))
    }
    #expect(index == 96)
    // Clearing the filter keeps the selected identity, at its row among all 500.
    _ = AppUpdate.update(&state, .key(.escape))
    #expect(state.filter == "")
    #expect(
      state.selection(of: .registry)
        == PaneSelection(index: 496, key: .version(artefact: "a00496", version: "v1")))
    #expect(state.registryKeys.count == 500)
  }

  @Test func aScrolledFrameDrawsTheViewsRowsAroundTheSelection() {
    var state = Self.state(artefacts: 3_000)
    for _ in 0..<2_345 { _ = AppUpdate.update(&state, .key(.char("j"))) }
    let rows = ScreenView.view(state: state).textRows()
    let i = rows.firstIndex { $0.hasPrefix("│>a02345 ") }
    #expect(i != nil, "\(rows.joined(separator: "\n"))")
    guard let i else { return }
    // Scrolled so the selection is the last row shown: a02343 and a02344
    // above it, and 3 000 − 2 346 = 654 rows out of sight below.
    #expect(rows[i - 2].hasPrefix("│ a02343 ") && rows[i - 1].hasPrefix("│ a02344 "))
    #expect(rows[i + 1].hasPrefix("└") && rows[i + 1].contains("… 654 more (↓ to scroll)"), "\(rows[i + 1])")
  }
}
