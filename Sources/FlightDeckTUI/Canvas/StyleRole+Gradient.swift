extension StyleRole {
  /// The latency gradient role for `fraction` of the way from fast (0) to
  /// slow (1): step `round(fraction × 4)`, clamped; NaN gives step 0.
  public static func latency(fraction: Double) -> StyleRole {
    [.latency0, .latency1, .latency2, .latency3, .latency4][gradientStep(fraction)]
  }

  /// The cost gradient role for `fraction` of the way from cheap (0) to
  /// expensive (1): step `round(fraction × 4)`, clamped; NaN gives step 0.
  public static func cost(fraction: Double) -> StyleRole {
    [.cost0, .cost1, .cost2, .cost3, .cost4][gradientStep(fraction)]
  }

  static func gradientStep(_ fraction: Double) -> Int {
    guard fraction.isFinite else { return fraction == .infinity ? 4 : 0 }
    return Int((min(1, max(0, fraction)) * 4).rounded())
  }
}
