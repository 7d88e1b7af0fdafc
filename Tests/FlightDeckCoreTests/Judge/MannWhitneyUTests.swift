import Foundation
import Testing

@testable import FlightDeckCore

/// Mann-Whitney U p-values against SciPy 1.17.1 (`scipy.stats.mannwhitneyu`, run once by hand).
@Suite struct MannWhitneyUTests {
  /// Small samples without ties: SciPy's `auto` picks the exact distribution (n1 = 5 ≤ 8).
  /// python3 -c "from scipy.stats import mannwhitneyu; print(mannwhitneyu([1.1,2.3,3.7,4.2,5.9],
  ///   [2.0,6.1,7.4,8.8,9.3,10.5], method='auto'))"
  /// → statistic=4.0, pvalue=0.05194805194805195 (= 2·24/924: 24 of C(11,5) = 462 arrangements ×2 tails).
  @Test func smallExactWithoutTies() throws {
    let result = try #require(
      MannWhitneyU.test([1.1, 2.3, 3.7, 4.2, 5.9], [2.0, 6.1, 7.4, 8.8, 9.3, 10.5]))
    #expect(result.method == .exact)
    #expect(result.u == 4)
    #expect(abs(result.pValue - 0.05194805194805195) < 1e-12)
  }

  /// 12 vs 15 without ties, forced exact and forced asymptotic.
  /// python3 -c "from scipy.stats import mannwhitneyu as m; x=[0.31,1.2,2.5,3.3,4.8,5.1,6.6,7.9,8.05,9.4,10.2,11.7];
  ///   y=[3.9,5.5,7.1,8.3,9.9,10.8,12.1,13.4,14.6,15.2,16.8,17.3,18.9,19.5,20.7];
  ///   print(m(x,y,method='exact'), m(x,y,method='asymptotic'))"
  /// → U=25, exact p=0.000934429982754118, asymptotic p=0.0016479834444807768.
  @Test func exactAndAsymptoticForTwelveVersusFifteen() throws {
    let x = [0.31, 1.2, 2.5, 3.3, 4.8, 5.1, 6.6, 7.9, 8.05, 9.4, 10.2, 11.7]
    let y = [3.9, 5.5, 7.1, 8.3, 9.9, 10.8, 12.1, 13.4, 14.6, 15.2, 16.8, 17.3, 18.9, 19.5, 20.7]
    let exact = try #require(MannWhitneyU.test(x, y, method: .exact))
    #expect(exact.method == .exact)
    #expect(exact.u == 25)
    #expect(abs(exact.pValue - 0.000934429982754118) < 1e-12)
    let asymptotic = try #require(MannWhitneyU.test(x, y, method: .asymptotic))
    #expect(abs(asymptotic.pValue - 0.0016479834444807768) < 1e-12)
    // auto: both samples > 8 → asymptotic, as SciPy.
    #expect(MannWhitneyU.test(x, y)?.method == .asymptotic)
  }

  /// Ties: auto uses the normal approximation with tie and continuity correction.
  /// python3 -c "from scipy.stats import mannwhitneyu; print(mannwhitneyu([1,2,2,3,3,3,4,5,5,6],
  ///   [3,4,4,5,5,6,6,7,7,8,9], method='auto'))" → statistic=17.5, pvalue=0.008507986774119168
  @Test func tiesUseTheAsymptoticTest() throws {
    let result = try #require(
      MannWhitneyU.test([1, 2, 2, 3, 3, 3, 4, 5, 5, 6], [3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 9]))
    #expect(result.method == .asymptotic)
    #expect(result.hasTies)
    #expect(result.u == 17.5)
    #expect(abs(result.pValue - 0.008507986774119168) < 1e-12)
  }

  /// 500 vs 500 log-normal (median 100 ms, σ = 0.5), canary shifted by ×1.2, built from quantiles
  /// so Swift and Python construct the same arrays without an RNG:
  /// baseline bᵢ = exp(ln 100 + 0.5·Φ⁻¹((i+0.5)/500)), canary cᵢ = exp(ln 100 + ln 1.2 + 0.5·Φ⁻¹((i+0.25)/500)).
  /// python3 -c "import numpy as np; from scipy.stats import mannwhitneyu, norm; n=500; i=np.arange(n);
  ///   b=np.exp(np.log(100)+0.5*norm.ppf((i+0.5)/n)); c=np.exp(np.log(100)+np.log(1.2)+0.5*norm.ppf((i+0.25)/n));
  ///   print(mannwhitneyu(c,b), np.abs(np.subtract.outer(c,b)).min())"
  /// → statistic=150313.0, pvalue=2.974685742816258e-08; the closest pair is 2.6e-5 ms apart, so
  /// ulp-level differences between the two Φ⁻¹ implementations cannot change a rank.
  @Test func largeLogNormalShift() throws {
    let (baseline, canary) = LogNormalFixture.samples()
    let result = try #require(MannWhitneyU.test(canary, baseline))
    #expect(result.method == .asymptotic)
    #expect(result.u == 150_313)
    #expect(abs(result.pValue - 2.974685742816258e-08) / 2.974685742816258e-08 < 1e-6)
  }

  /// All values equal: σ = 0; SciPy returns p = 1.
  /// python3 -c "from scipy.stats import mannwhitneyu; print(mannwhitneyu([5,5,5,5],[5,5,5]))" → U=6.0, p=1.0
  @Test func allEqualSamplesGivePOne() throws {
    let result = try #require(MannWhitneyU.test([5, 5, 5, 5], [5, 5, 5]))
    #expect(result.u == 6)
    #expect(result.pValue == 1)
  }

  /// Empty or non-finite input is refused (nil), never a NaN p-value.
  @Test func emptyAndNonFiniteInputGiveNil() {
    #expect(MannWhitneyU.test([], [1, 2]) == nil)
    #expect(MannWhitneyU.test([1, 2], []) == nil)
    #expect(MannWhitneyU.test([1, .nan], [1, 2]) == nil)
    #expect(MannWhitneyU.test([1, .infinity], [1, 2]) == nil)
  }
}
