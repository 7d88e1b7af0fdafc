import Foundation
import Testing

@testable import FlightDeckCore

@Suite struct HodgesLehmannEstimateTests {
  /// Hand computation: baseline [1, 2, 3], canary [4, 6]; differences c − b: 3, 2, 1, 5, 4, 3 →
  /// sorted 1, 2, 3, 3, 4, 5 → median (3 + 3) / 2 = 3. With n1·n2 = 6 the 95 % interval needs
  /// C = ⌊3 − 1.96·√(6·6/12)⌋ = ⌊−0.39⌋ < 1 → no bounds.
  @Test func smallSampleByHand() throws {
    let estimate = try #require(HodgesLehmannEstimate.estimate(baseline: [1, 2, 3], canary: [4, 6]))
    #expect(estimate.shift == 3)
    #expect(estimate.lower == nil)
    #expect(estimate.upper == nil)
  }

  /// Odd count, negative shift: baseline [10, 20, 30], canary [5]: differences −5, −15, −25 →
  /// median −15.
  @Test func oddCountNegativeShift() throws {
    let estimate = try #require(HodgesLehmannEstimate.estimate(baseline: [10, 20, 30], canary: [5]))
    #expect(estimate.shift == -15)
  }

  /// 500 × 500 log-normal fixture (see LogNormalFixture) against NumPy on the explicit 250 000
  /// differences:
  /// python3 -c "import numpy as np; from scipy.stats import norm; n=500; i=np.arange(n);
  ///   b=np.exp(np.log(100)+0.5*norm.ppf((i+0.5)/n)); c=np.exp(np.log(100)+np.log(1.2)+0.5*norm.ppf((i+0.25)/n));
  ///   D=np.sort(np.subtract.outer(c,b).ravel()); N=n*n; C=int(np.floor(N/2-norm.ppf(0.975)*np.sqrt(N*(2*n+1)/12)));
  ///   print(np.median(D), C, D[C-1], D[N-C])"
  /// → 18.72083794148538, C = 116049, CI [12.130026593199403, 25.383749500816066].
  @Test func largeSampleAgainstNumPy() throws {
    let (baseline, canary) = LogNormalFixture.samples()
    let estimate = try #require(
      HodgesLehmannEstimate.estimate(baseline: baseline, canary: canary, confidence: 0.95))
    #expect(abs(estimate.shift - 18.72083794148538) < 1e-9)
    #expect(abs((estimate.lower ?? .nan) - 12.130026593199403) < 1e-9)
    #expect(abs((estimate.upper ?? .nan) - 25.383749500816066) < 1e-9)
  }

  /// Empty input gives nil.
  @Test func emptyGivesNil() {
    #expect(HodgesLehmannEstimate.estimate(baseline: [], canary: [1]) == nil)
  }
}
