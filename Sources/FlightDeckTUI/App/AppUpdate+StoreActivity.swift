extension AppUpdate {
  /// Store work started: the status line says "saving…" (any command
  /// pending) or "loading…", and remembers what it showed before.
  /// A pinned refusal (``AppState/statusPinned``) stays through a load
  /// nobody asked for; "saving…" (a command the operator just gave) replaces it.
  static func storeStarted(_ state: inout AppState, _ activity: StoreActivity) {
    if state.statusPinned && activity == .loading && !state.storeActivities.contains(.saving) {
      state.storeActivities.append(activity)
      return
    }
    if state.storeActivities.isEmpty || !showsStoreActivity(state) {
      state.statusBeforeStoreActivity = (state.statusMessage, state.statusLevel, state.statusExpiry)
    }
    state.storeActivities.append(activity)
    showStoreActivity(&state)
  }

  /// The oldest store work of kind `activity` ended and its answers were
  /// applied. An answer that set the status line (a command's outcome) stays;
  /// a "saving…"/"loading…" no answer replaced makes way for the work still
  /// pending, or for the status line shown before the work started.
  static func storeFinished(_ state: inout AppState, _ activity: StoreActivity) {
    if let i = state.storeActivities.firstIndex(of: activity) { state.storeActivities.remove(at: i) }
    guard showsStoreActivity(state) else { return }
    if !state.storeActivities.isEmpty {
      showStoreActivity(&state)
    } else if let before = state.statusBeforeStoreActivity {
      state.statusMessage = before.message
      state.statusLevel = before.level
      state.statusExpiry = before.expiry
      state.statusBeforeStoreActivity = nil
    } else {
      state.statusMessage = nil
      state.statusExpiry = nil
    }
  }

  /// Whether the status line shows a store activity's text.
  static func showsStoreActivity(_ state: AppState) -> Bool {
    state.statusMessage == StoreActivity.saving.statusText
      || state.statusMessage == StoreActivity.loading.statusText
  }

  /// Shows "saving…" while a command is pending, else "loading…".
  static func showStoreActivity(_ state: inout AppState) {
    guard let first = state.storeActivities.first else { return }
    let shown: StoreActivity = state.storeActivities.contains(.saving) ? .saving : first
    state.statusMessage = shown.statusText
    state.statusLevel = .info
    state.statusExpiry = nil
  }
}
