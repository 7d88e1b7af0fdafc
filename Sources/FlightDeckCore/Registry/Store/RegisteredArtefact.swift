/// One artefact with its versions, pointers and canary weight, as the store
/// holds it at a moment.
public struct RegisteredArtefact: Sendable, Hashable {
  /// The artefact.
  public var artefact: ArtefactRecord
  /// Its versions, oldest registration first.
  public var versions: [VersionRecord]
  /// Pointer → version label.
  public var pointers: [PointerName: String]
  /// When and by whom each pointer was last moved.
  public var lastMoves: [PointerName: PointerMove]
  /// The canary traffic weight in percent (0–100) of user-facing requests.
  public var canaryWeightPercent: Int
  /// The artefact's unfinished rollout (progressing, paused, analysing or
  /// inconclusive), if any.
  public var rollout: RolloutRecord?
  /// The artefact's newest rollout, finished or not (the unfinished one when
  /// there is one; else the last promoted or aborted one, with its phase,
  /// message and ``RolloutState/lastVerdict``), so the screen can still say
  /// why a rollout aborted. `nil`: the artefact never had a rollout.
  public var latestRollout: RolloutRecord?

  /// Creates an entry; `latestRollout` defaults to `rollout`.
  public init(
    artefact: ArtefactRecord, versions: [VersionRecord], pointers: [PointerName: String],
    lastMoves: [PointerName: PointerMove], canaryWeightPercent: Int, rollout: RolloutRecord? = nil,
    latestRollout: RolloutRecord? = nil
  ) {
    self.rollout = rollout
    self.latestRollout = latestRollout ?? rollout
    self.artefact = artefact
    self.versions = versions
    self.pointers = pointers
    self.lastMoves = lastMoves
    self.canaryWeightPercent = canaryWeightPercent
  }

  /// The rollout a screen shows: the unfinished one, else the latest
  /// (finished) one; `nil` when the artefact never had a rollout.
  public var displayedRollout: RolloutRecord? { rollout ?? latestRollout }

  /// The pointers on `version`, production first.
  public func pointers(on version: String) -> [PointerName] {
    pointers.filter { $0.value == version }.map(\.key).sorted()
  }
}
