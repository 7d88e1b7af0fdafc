/// A what-if canary weight proposal (`+`/`-` in the Canary pane): the weight
/// the registry had when the proposal started and the proposed one, both in
/// percent (0–100, moved in steps of ``step``). Nothing changes until it is
/// confirmed; Esc drops it.
public struct WhatIfProposal: Sendable, Hashable {
  /// Percentage points one `+`/`-` moves the proposal.
  public static let step = 5
  /// The artefact whose split is proposed.
  public var artefact: String
  /// The canary weight in percent the registry had when the proposal started.
  public var currentWeight: Int
  /// The proposed canary weight in percent.
  public var proposedWeight: Int

  /// Creates a proposal starting at `currentWeight` (clamped to 0–100).
  public init(artefact: String, currentWeight: Int) {
    self.artefact = artefact
    self.currentWeight = min(max(currentWeight, 0), 100)
    self.proposedWeight = self.currentWeight
  }

  /// Moves the proposal by `steps` × ``step`` points, clamped to 0–100.
  public mutating func move(by steps: Int) {
    proposedWeight = min(max(proposedWeight + steps * Self.step, 0), 100)
  }
}
