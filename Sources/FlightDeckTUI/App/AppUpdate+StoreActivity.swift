extension AppUpdate {
  /// Store work started: the status line says so (``StatusLineUpdate/storeStarted(_:_:)``).
  static func storeStarted(_ state: inout AppState, _ activity: StoreActivity) {
    StatusLineUpdate.storeStarted(&state.statusLine, activity)
  }

  /// Store work ended: the status line makes way (``StatusLineUpdate/storeFinished(_:_:)``).
  static func storeFinished(_ state: inout AppState, _ activity: StoreActivity) {
    StatusLineUpdate.storeFinished(&state.statusLine, activity)
  }
}
