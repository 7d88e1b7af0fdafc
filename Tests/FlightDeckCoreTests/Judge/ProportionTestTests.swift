import Foundation
import Testing

@testable import FlightDeckCore

/// Rate tests against SciPy 1.17.1 and hand arithmetic.
@Suite struct ProportionTestTests {
  /// Baseline 0/1000 errors vs canary 80/1000. Pooled p = 80/2000 = 0.04,
  /// SE = √(0.04·0.96·(1/1000 + 1/1000)) = √0.0000768 = 0.0087636, z = 0.08 / SE = 9.1287.
  /// python3 -c "import numpy as np; from scipy.stats import norm, chi2_contingency; z=0.08/np.sqrt(0.04*0.96*0.002);
  ///   print(z, 2*norm.sf(z), chi2_contingency([[0,1000],[80,920]], correction=False)[1])"
  /// → 9.128709291752768 6.932079668133675e-20 6.932079668133714e-20 (z² = Pearson χ², same p).
  @Test func zeroVersusEightPercentIsHighlySignificant() throws {
    let result = try #require(
      ProportionTest.compare(
        baseline: RateCounts(events: 0, trials: 1000), canary: RateCounts(events: 80, trials: 1000)))
    #expect(result.method == .twoProportionZ)  // smallest expected cell 1000·80/2000 = 40 ≥ 5
    #expect(abs((result.z ?? 0) - 9.128709291752768) < 1e-9)
    #expect(abs(result.pValue - 6.932079668133675e-20) / 6.932079668133675e-20 < 1e-6)
  }

  /// 30/1000 vs 45/1000: pooled 0.0375, z = 0.015/√(0.0375·0.9625·0.002) = 1.76547.
  /// python3 -c "import numpy as np; from scipy.stats import norm; p=75/2000; z=0.015/np.sqrt(p*(1-p)*2/1000);
  ///   print(z, 2*norm.sf(z))" → 1.7654696590094991 0.0774848651326447
  @Test func moderateDifferenceIsNotSignificant() throws {
    let result = try #require(
      ProportionTest.twoProportionZ(
        baseline: RateCounts(events: 30, trials: 1000), canary: RateCounts(events: 45, trials: 1000)))
    #expect(abs((result.z ?? 0) - 1.7654696590094991) < 1e-9)
    #expect(abs(result.pValue - 0.0774848651326447) < 1e-12)
  }

  /// Fisher's exact test, tables [[canary events, canary non-events], [baseline events, non-events]].
  /// python3 -c "from scipy.stats import fisher_exact as f; print(f([[3,7],[0,10]]).pvalue,
  ///   f([[1,9],[11,3]]).pvalue, f([[2,48],[0,50]]).pvalue)"
  /// → 0.21052631578947367 0.0027594561852200836 0.4949494949494949
  /// By hand for the first: P(k) = C(10,k)·C(10,3−k)/C(20,3): 120, 450, 450, 120 over 1140;
  /// observed k = 3 (120/1140); tables as or less likely: k = 0 and 3 → 240/1140 = 0.210526.
  @Test func fisherExactMatchesSciPy() throws {
    let cases: [(RateCounts, RateCounts, Double)] = [
      (RateCounts(events: 0, trials: 10), RateCounts(events: 3, trials: 10), 0.21052631578947367),
      (RateCounts(events: 11, trials: 14), RateCounts(events: 1, trials: 10), 0.0027594561852200836),
      (RateCounts(events: 0, trials: 50), RateCounts(events: 2, trials: 50), 0.4949494949494949),
    ]
    for (baseline, canary, expected) in cases {
      let result = try #require(ProportionTest.fisherExact(baseline: baseline, canary: canary))
      #expect(abs(result.pValue - expected) < 1e-10)
    }
  }

  /// Auto: 0/50 vs 2/50 has expected event cells 50·2/100 = 1 < 5 → Fisher.
  @Test func autoChoosesFisherForSmallExpectedCounts() throws {
    let result = try #require(
      ProportionTest.compare(
        baseline: RateCounts(events: 0, trials: 50), canary: RateCounts(events: 2, trials: 50)))
    #expect(result.method == .fisherExact)
    #expect(abs(result.pValue - 0.4949494949494949) < 1e-10)
  }

  /// Both rates 0 %: the pooled variance is 0 → p = 1 (no difference), never NaN; Fisher agrees
  /// (a single possible table, probability 1).
  @Test func bothRatesZeroGivePOne() throws {
    let zero = RateCounts(events: 0, trials: 1000)
    let z = try #require(ProportionTest.twoProportionZ(baseline: zero, canary: zero))
    #expect(z.pValue == 1)
    #expect(z.z == nil)
    let fisher = try #require(ProportionTest.fisherExact(baseline: zero, canary: zero))
    #expect(abs(fisher.pValue - 1) < 1e-12)
  }

  /// 0 trials or impossible counts give nil, never 0/0.
  @Test func zeroTrialsAndInvalidCountsGiveNil() {
    let some = RateCounts(events: 1, trials: 10)
    #expect(ProportionTest.compare(baseline: RateCounts(events: 0, trials: 0), canary: some) == nil)
    #expect(ProportionTest.compare(baseline: some, canary: RateCounts(events: 5, trials: 3)) == nil)
    #expect(RateCounts(events: 0, trials: 0).rate == nil)
  }
}
