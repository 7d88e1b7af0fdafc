import Foundation
import Testing

@testable import FlightDeckCore

/// Mann-Whitney U against SciPy itself on generated cases: python3 draws samples with a seeded
/// NumPy generator, runs `scipy.stats.mannwhitneyu(x, y)` (the default call, `method="auto"`) and
/// the explicit `exact` / `asymptotic` methods, and prints everything as JSON; FlightDeck must give
/// the same statistic, method and p-values.
///
/// Without SciPy the test says so and passes, except under `CI=true`, where a missing SciPy is a
/// failure (`.ci/run` installs it).
@Suite struct MannWhitneyUSciPyTests {
  /// The generator: sizes cover one sample at or below SciPy's threshold of 8 against 1 … 2 000
  /// (exact under `auto`), both above 8 (asymptotic), and ties (values rounded to whole units).
  /// Values are written with at most 4 decimals so JSON parsing cannot move a value past a
  /// neighbour.
  static let script = """
    import json, sys
    import numpy as np
    from scipy.stats import mannwhitneyu
    rng = np.random.default_rng(20261205)
    sizes = [(1, 1), (1, 7), (2, 40), (3, 5), (4, 600), (5, 600), (5, 60), (6, 333), (7, 7),
             (8, 8), (8, 9), (8, 1200), (2000, 8), (600, 5), (9, 9), (9, 40), (12, 15), (30, 45)]
    cases = []
    for ties in (False, True):
        for (n1, n2) in sizes:
            for shift in (0.0, 0.4):
                x = rng.lognormal(np.log(100) + shift, 0.5, n1)
                y = rng.lognormal(np.log(100), 0.5, n2)
                x = np.round(x / 10) if ties else np.round(x, 4)
                y = np.round(y / 10) if ties else np.round(y, 4)
                c = {"x": [float(v) for v in x], "y": [float(v) for v in y]}
                r = mannwhitneyu(x, y)
                c["u"] = float(r.statistic); c["auto"] = float(r.pvalue)
                c["asymptotic"] = float(mannwhitneyu(x, y, method="asymptotic").pvalue)
                if min(n1, n2) <= 8:
                    c["exact"] = float(mannwhitneyu(x, y, method="exact").pvalue)
                c["ties"] = bool(len(np.unique(np.concatenate([x, y]))) < n1 + n2)
                cases.append(c)
    json.dump(cases, sys.stdout)
    """

  /// Whether SciPy can be imported by the python3 on the PATH.
  static var scipyAvailable: Bool {
    (try? DecodingFixtures.runPython(["-c", "import scipy"])) != nil
  }

  @Test func generatedCasesMatchSciPy() throws {
    guard Self.scipyAvailable else {
      if ProcessInfo.processInfo.environment["CI"] == "true" {
        Issue.record("CI=true but python3 with SciPy is not available: .ci/run must install it")
      } else {
        print("SKIPPED MannWhitneyUSciPyTests: python3 with scipy not found (pip install scipy)")
      }
      return
    }
    let out = try #require(try DecodingFixtures.runPython(["-c", Self.script]))
    let cases = try #require(try JSONSerialization.jsonObject(with: out) as? [[String: Any]])
    #expect(cases.count == 72)
    func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-12 + 1e-9 * abs(b) }
    var exactUnderAuto = 0
    for (index, c) in cases.enumerated() {
      let x = try #require(c["x"] as? [Double])
      let y = try #require(c["y"] as? [Double])
      let label = "case \(index): \(x.count) vs \(y.count)"
      let auto = try #require(MannWhitneyU.test(x, y), "\(label)")
      #expect(auto.u == c["u"] as? Double, "\(label)")
      #expect(auto.hasTies == c["ties"] as? Bool, "\(label)")
      let expectedMethod: MannWhitneyMethod =
        (x.count > 8 && y.count > 8) || auto.hasTies ? .asymptotic : .exact
      #expect(auto.method == expectedMethod, "\(label)")
      if auto.method == .exact { exactUnderAuto += 1 }
      let scipyAuto = try #require(c["auto"] as? Double)
      #expect(close(auto.pValue, scipyAuto), "\(label): auto \(auto.pValue) vs SciPy \(scipyAuto)")
      let asymptotic = try #require(MannWhitneyU.test(x, y, method: .asymptotic))
      let scipyAsymptotic = try #require(c["asymptotic"] as? Double)
      #expect(close(asymptotic.pValue, scipyAsymptotic), "\(label): asymptotic")
      if let scipyExact = c["exact"] as? Double {
        let exact = try #require(MannWhitneyU.test(x, y, method: .exact))
        #expect(exact.method == .exact, "\(label)")
        #expect(close(exact.pValue, scipyExact), "\(label): exact \(exact.pValue) vs SciPy \(scipyExact)")
      }
    }
    // 14 of the 18 sizes have a sample of at most 8 values (28 cases); 26 of them are tie-free
    // after rounding to 4 decimals, plus 4 of the whole-unit cases (1 vs 1 twice, 1 vs 7, 3 vs 5):
    // 30 exact under `auto`, counted with NumPy on the generated cases.
    #expect(exactUnderAuto == 30)
  }
}
