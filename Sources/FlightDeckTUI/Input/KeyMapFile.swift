import FlightDeckCore
import Foundation
import TOMLKit

/// The operator's keymap: `keymap.toml` in the configuration folder
/// (``FlightDeckCore/UserDirectories/keymapFile``), or the file
/// `--keymap` names, laid over ``KeyMap/default``.
///
/// As lazygit's `keybinding` section does, the file is one table per scope
/// and one field per action, its value a key name or a list of them (an
/// empty list unbinds the action there):
///
/// ```toml
/// [global]
/// quit = ["q", "Ctrl-C"]
/// toggleHelp = ["?", "F1"]
///
/// [pane.registry]
/// requestPromotion = "p"
///
/// [overlay.help]
/// scrollDown = ["j", "Down", "Space"]
/// ```
///
/// Scopes are `global`, `pane.NAME` (``PaneID`` raw values: `registry`,
/// `canary`, `charts`, `alerts`, `incidents`, `errors`) and `overlay.NAME`
/// (``Overlay`` raw values). A field replaces the keys of the action's
/// binding in that scope; an action bound for several panes at once (`]`
/// in Registry and Canary) is split, so remapping it in one pane leaves the
/// other alone. An action can only be remapped where it already works: the
/// keymap moves keys, not behaviour.
///
/// Refused, each with file, line and field, all reported in one go
/// (``KeyMapError``): a scope that does not exist, an action name that
/// does not exist, an action with no binding in that scope, a key name that
/// does not exist, a value that is not a key name or a list of them, one key
/// bound to two actions in one scope (global; each pane's own bindings;
/// each overlay), and a printable key bound in the filter prompt or a dialog,
/// where it must type itself. Pane keys still shadow global ones, as in
/// the default map (`r` is rollback in the Registry pane).
///
/// Dangerous bindings stay dangerous whatever keys they get, so
/// `--read-only` (``AppState/init(keyMap:readOnly:width:height:)``) removes
/// them from a user keymap too.
public enum KeyMapFile {
  /// `base` with the keymap file at `path` laid over it.
  /// - Throws: ``KeyMapError`` listing every problem (a file that cannot be
  ///   read or is not TOML is one `.syntax` problem).
  public static func load(path: String, base: KeyMap = .default) throws -> KeyMap {
    let text: String
    do {
      text = try String(contentsOfFile: path, encoding: .utf8)
    } catch {
      throw KeyMapError(problems: [
        .init(kind: .syntax, file: path, line: nil, field: "", message: "cannot read the keymap file")
      ])
    }
    return try parse(text, file: path, base: base)
  }

  /// `base` with keymap TOML `text` laid over it; `file` names it in messages.
  /// - Throws: ``KeyMapError`` as ``load(path:base:)``.
  public static func parse(_ text: String, file: String, base: KeyMap = .default) throws -> KeyMap {
    let root: TOMLTable
    do {
      root = try TOMLScreen.parse(text)
    } catch let error as TOMLSyntaxError {
      throw KeyMapError(problems: [
        .init(
          kind: .syntax, file: file, line: error.line, field: "",
          message: "invalid TOML: " + Sanitizer.sanitize(error.message))
      ])
    } catch {
      throw KeyMapError(problems: [
        .init(kind: .syntax, file: file, line: nil, field: "", message: "invalid TOML")
      ])
    }
    let locator = TOMLKeyLocator(source: text)
    var problems: [KeyMapError.Problem] = []
    func problem(_ kind: KeyMapError.Problem.Kind, _ field: String, _ message: String) {
      problems.append(
        .init(
          kind: kind, file: file, line: locator.line(for: field), field: Sanitizer.sanitize(field),
          message: message))
    }
    // (scope, field path, action, keys), in file order.
    var edits: [(scope: KeyScope, pane: PaneID?, field: String, action: Action, keys: [Key])] = []
    var scopes: [(field: String, scope: KeyScope, pane: PaneID?, table: TOMLTable)] = []
    for name in root.keys {
      let value = root[name]
      switch name {
      case "global":
        guard let table = value?.table else {
          problem(.wrongType, name, "expected a table of actions ([global])")
          continue
        }
        scopes.append((name, KeyScope.global, nil, table))
      case "pane", "overlay":
        guard let group = value?.table else {
          problem(
            .wrongType, name, "expected tables such as [\(name).\(name == "pane" ? "registry" : "help")]")
          continue
        }
        for inner in group.keys {
          let field = name + "." + inner
          guard let table = group[inner]?.table else {
            problem(.wrongType, field, "expected a table of actions ([\(field)])")
            continue
          }
          if name == "pane" {
            guard let pane = PaneID(rawValue: inner) else {
              problem(
                .unknownScope, field,
                "no pane '\(Sanitizer.sanitize(inner))' (panes: "
                  + PaneID.allCases.map(\.rawValue).joined(separator: ", ") + ")")
              continue
            }
            scopes.append((field, KeyScope.panes([pane]), pane, table))
          } else {
            guard let overlay = Overlay(rawValue: inner) else {
              problem(
                .unknownScope, field,
                "no overlay '\(Sanitizer.sanitize(inner))' (overlays: "
                  + Overlay.allCases.map(\.rawValue).joined(separator: ", ") + ")")
              continue
            }
            scopes.append((field, KeyScope.overlay(overlay), nil, table))
          }
        }
      default:
        problem(
          .unknownScope, name,
          root[name]?.table == nil
            ? "actions go in a table: [global], [pane.NAME] or [overlay.NAME]"
            : "no scope '\(Sanitizer.sanitize(name))' (scopes: global, pane.NAME, overlay.NAME)")
      }
    }
    for (scopeField, scope, pane, table) in scopes {
      for name in table.keys {
        let field = scopeField + "." + name
        guard let action = Action(rawValue: name) else {
          problem(
            .unknownAction, field,
            "no action '\(Sanitizer.sanitize(String(name.prefix(40))))' (see KeyBindings)")
          continue
        }
        guard let value = table[name] else { continue }
        var names: [String] = []
        if let single = value.string {
          names = [single]
        } else if let array = value.array {
          var ok = true
          for element in array {
            guard let string = element.string else {
              ok = false
              break
            }
            names.append(string)
          }
          if !ok {
            problem(.wrongType, field, "expected a key name or a list of key names")
            continue
          }
        } else {
          problem(.wrongType, field, "expected a key name or a list of key names")
          continue
        }
        var keys: [Key] = []
        var bad = false
        for keyName in names {
          guard let key = Key(name: keyName) else {
            problem(
              .unknownKey, field,
              "unknown key '\(Sanitizer.sanitize(String(keyName.prefix(40))))' (a character, Ctrl-X, F1–F12, Enter, Esc, Tab, "
                + "Shift-Tab, Space, Backspace, Del, Up, Down, Left, Right, PgUp, PgDn, Home, End)")
            bad = true
            continue
          }
          if !keys.contains(key) { keys.append(key) }
        }
        if bad { continue }
        guard base.bindings.contains(where: { matches($0, action: action, scope: scope, pane: pane) }) else {
          let whereBound = base.bindings.filter { $0.action == action }.map(\.scope.label)
          problem(
            .notInScope, field,
            "'\(action.rawValue)' has no binding in \(scopeField)"
              + (whereBound.isEmpty ? "" : " (it works in: " + whereBound.joined(separator: "; ") + ")"))
          continue
        }
        if case .overlay(let overlay) = scope, overlay.takesText,
          let typed = keys.first(where: { if case .char = $0 { return true } else { return false } })
        {
          problem(
            .typedKey, field,
            "'\(typed)' types itself in the \(scope.label); bind a non-printable key (Enter, Ctrl-X, F1…)")
          continue
        }
        edits.append((scope, pane, field, action, keys))
      }
    }
    var map = base
    var editedField: [Int: String] = [:]
    for edit in edits {
      guard
        let i = map.bindings.firstIndex(where: {
          matches($0, action: edit.action, scope: edit.scope, pane: edit.pane)
        })
      else { continue }
      if let pane = edit.pane, case .panes(let panes) = map.bindings[i].scope, panes != [pane] {
        // Split the shared binding: this pane gets its own row with the new keys.
        var own = map.bindings[i]
        own.scope = .panes([pane])
        own.keys = edit.keys
        map.bindings[i].scope = .panes(panes.filter { $0 != pane })
        map.bindings.insert(own, at: i + 1)
        editedField = editedField.reduce(into: [:]) { $0[$1.key > i ? $1.key + 1 : $1.key] = $1.value }
        editedField[i + 1] = edit.field
      } else {
        map.bindings[i].keys = edit.keys
        editedField[i] = edit.field
      }
    }
    for conflict in conflicts(in: map) {
      let (a, b, key, scopeName) = conflict
      // Report at the field the user wrote (the later one if both).
      let field = [editedField[b], editedField[a]].compactMap { $0 }.first ?? ""
      problem(
        .conflict, field,
        "key '\(key)' is bound to both '\(map.bindings[a].action.rawValue)' and "
          + "'\(map.bindings[b].action.rawValue)' in \(scopeName)")
    }
    guard problems.isEmpty else {
      let ordered = problems.enumerated().sorted {
        ($0.element.line ?? 0, $0.offset) < ($1.element.line ?? 0, $1.offset)
      }
      throw KeyMapError(problems: ordered.map(\.element))
    }
    return map
  }

  /// Whether `binding` is `action`'s binding in `scope` (for a pane: a pane
  /// binding whose panes include `pane`).
  static func matches(_ binding: KeyBinding, action: Action, scope: KeyScope, pane: PaneID?) -> Bool {
    guard binding.action == action else { return false }
    if let pane {
      if case .panes(let panes) = binding.scope { return panes.contains(pane) }
      return false
    }
    return binding.scope == scope
  }

  /// Every key bound to two different actions in one scope of `map`: the
  /// two binding indexes (earlier first), the key and the scope's name.
  /// Scopes: global; each pane's pane bindings; each overlay's bindings.
  public static func conflicts(in map: KeyMap) -> [(Int, Int, Key, String)] {
    var groups: [(String, [Int])] = []
    let indexed = Array(map.bindings.enumerated())
    groups.append(("global", indexed.filter { $0.element.scope == .global }.map(\.offset)))
    for pane in PaneID.allCases {
      groups.append(
        (
          "pane." + pane.rawValue,
          indexed.filter {
            if case .panes(let panes) = $0.element.scope { return panes.contains(pane) }
            return false
          }.map(\.offset)
        ))
    }
    for overlay in Overlay.allCases {
      groups.append(
        (
          "overlay." + overlay.rawValue,
          indexed.filter { $0.element.scope == .overlay(overlay) }.map(\.offset)
        ))
    }
    var found: [(Int, Int, Key, String)] = []
    var seen = Set<String>()
    for (name, members) in groups {
      var owner: [Key: Int] = [:]
      for i in members {
        for key in map.bindings[i].keys {
          if let j = owner[key], map.bindings[j].action != map.bindings[i].action {
            let tag = "\(j)/\(i)/\(key)"
            if seen.insert(tag).inserted { found.append((j, i, key, name)) }
          } else if owner[key] == nil {
            owner[key] = i
          }
        }
      }
    }
    return found
  }
}
