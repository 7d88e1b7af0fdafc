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

  /// SciPy's `auto` stays exact whenever one sample has at most 8 values and there are no ties,
  /// however large the other (issue 10: 5 canary vs 600 baseline requests read 0.119 asymptotic
  /// where SciPy's default call says 0.122). Values from SciPy 1.17.1, run by hand:
  /// ```
  /// python3 -c "from scipy.stats import mannwhitneyu as m; b=[100+0.5*i for i in range(600)];
  ///   c=[120.25,260.75,377.125,395.375,398.625]; print(m(c,b), m(c,b,method='asymptotic'))"
  /// ```
  /// → U=2107.0, p=0.12167147678258633 (auto = exact); asymptotic p=0.11918474921646902.
  /// U by hand: 120.25 exceeds b₀…b₄₀ (100…120) = 41 values, 260.75 → 322, 377.125 → 555,
  /// 395.375 → 591, 398.625 → 598; 41+322+555+591+598 = 2107.
  @Test func fiveCanaryAgainstSixHundredBaselineIsExactAsInSciPy() throws {
    let baseline = (0..<600).map { 100 + 0.5 * Double($0) }
    let canary = [120.25, 260.75, 377.125, 395.375, 398.625]
    let result = try #require(MannWhitneyU.test(canary, baseline))
    #expect(result.method == .exact)
    #expect(result.u == 2107)
    #expect(abs(result.pValue - 0.12167147678258633) < 1e-12)
    let asymptotic = try #require(MannWhitneyU.test(canary, baseline, method: .asymptotic))
    #expect(abs(asymptotic.pValue - 0.11918474921646902) < 1e-12)
  }

  /// A fixed table of SciPy 1.17.1's default call (`mannwhitneyu(x, y)`) and its asymptotic
  /// p-value, each from a one-liner of the form
  /// `python3 -c "from scipy.stats import mannwhitneyu as m; x=…; y=…; print(m(x,y), m(x,y,method='asymptotic'))"`
  /// with the x and y written in each row (Python and Swift build the same doubles from them).
  @Test func fixedCasesMatchSciPy() throws {
    struct Case {
      var name: String
      var x: [Double]
      var y: [Double]
      var u: Double
      var auto: Double
      var asymptotic: Double
      var method: MannWhitneyMethod
    }
    let cases = [
      // x=[17.31+61.7*k for k in range(8)]; y=[0.25*i for i in range(2000)]
      Case(
        name: "8 vs 2000", x: (0..<8).map { 17.31 + 61.7 * Double($0) },
        y: (0..<2000).map { 0.25 * Double($0) },
        u: 7469, auto: 0.7503294863092598, asymptotic: 0.7458357604491469, method: .exact),
      // x=[3.3]; y=[0.1*i+0.05 for i in range(50)]
      Case(
        name: "1 vs 50", x: [3.3], y: (0..<50).map { 0.1 * Double($0) + 0.05 },
        u: 33, auto: 0.7058823529411762, asymptotic: 0.610384513874678, method: .exact),
      // x=[12.5+0.001, 700.3, 745.9]; y=[0.25*i for i in range(3000)]
      Case(
        name: "3 vs 3000", x: [12.5 + 0.001, 700.3, 745.9], y: (0..<3000).map { 0.25 * Double($0) },
        u: 5837, auto: 0.39102304080333805, asymptotic: 0.3732476033300849, method: .exact),
      // x=[1.5,2.5,3.5,4.5,5.5,6.5,7.5,30.5]; y=[8.25+i for i in range(9)]
      Case(
        name: "8 vs 9", x: [1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5, 30.5], y: (0..<9).map { 8.25 + Double($0) },
        u: 9, auto: 0.007897984368572603, asymptotic: 0.010773413925011244, method: .exact),
      // x=[0.63+33.3*k for k in range(9)]; y=[0.25*i+0.1 for i in range(300)]: both > 8
      Case(
        name: "9 vs 300", x: (0..<9).map { 0.63 + 33.3 * Double($0) },
        y: (0..<300).map { 0.25 * Double($0) + 0.1 },
        u: 2208, auto: 0.001166904931167472, asymptotic: 0.001166904931167472, method: .asymptotic),
      // x=[10.,20.,30.,40.,50.,60.,70.]; y=[float(i//2) for i in range(400)]: ties
      Case(
        name: "7 vs 400 with ties", x: [10, 20, 30, 40, 50, 60, 70], y: (0..<400).map { Double($0 / 2) },
        u: 567, auto: 0.006972087635482197, asymptotic: 0.006972087635482197, method: .asymptotic),
    ]
    for c in cases {
      let auto = try #require(MannWhitneyU.test(c.x, c.y), "\(c.name)")
      #expect(auto.method == c.method, "\(c.name)")
      #expect(auto.u == c.u, "\(c.name)")
      #expect(abs(auto.pValue - c.auto) <= 1e-12 + 1e-10 * c.auto, "\(c.name): \(auto.pValue) vs \(c.auto)")
      let asymptotic = try #require(MannWhitneyU.test(c.x, c.y, method: .asymptotic), "\(c.name)")
      #expect(abs(asymptotic.pValue - c.asymptotic) <= 1e-12, "\(c.name)")
    }
  }

  /// The truncated product formula and the q-Pascal rule count the same arrangements: every
  /// lower tail of [n₁+n₂ choose n₁]_q for small sizes, and the full distribution sums to
  /// C(n₁+n₂, n₁) (e.g. 3 vs 4: 35 = C(7, 3)).
  @Test func exactCountsAgreeAcrossBothAlgorithms() {
    for m in 1...8 {
      for n in m...12 {
        let full = MannWhitneyU.exactLowerTail(m, n, through: m * n)
        #expect(full.reduce(0, +) == MannWhitneyU.binomial(m + n, m), "\(m) vs \(n)")
        // Symmetric: the count of U = u equals the count of U = mn − u.
        #expect(full == full.reversed(), "\(m) vs \(n)")
      }
    }
    #expect(MannWhitneyU.exactLowerTail(3, 4, through: 12) == [1, 1, 2, 3, 4, 4, 5, 4, 4, 3, 2, 1, 1])
    // m > 8 uses q-Pascal; its truncation must agree with its own full table.
    let full = MannWhitneyU.exactLowerTail(9, 11, through: 99)
    #expect(Array(full.prefix(31)) == MannWhitneyU.exactLowerTail(9, 11, through: 30))
    #expect(full.reduce(0, +) == MannWhitneyU.binomial(20, 9))
  }
}
