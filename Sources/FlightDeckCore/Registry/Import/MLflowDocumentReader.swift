/// Walks one MLflow JSON document for ``MLflowRegistryImport``, keeping the
/// file name for errors and collecting warnings.
struct MLflowDocumentReader {
  let file: String
  var warnings: [String] = []

  init(file: String) { self.file = file }

  func fail(_ path: String, _ message: String) -> RegistryError {
    RegistryError(.invalidInput(field: path), "\(file): \(path): \(message)")
  }

  static func join(_ prefix: String, _ key: String) -> String { prefix.isEmpty ? key : "\(prefix).\(key)" }

  mutating func plan(root: JSONValue, riskTier: RiskTier) throws -> RegistryImportPlan {
    guard var base = root.object else {
      throw fail(
        "$", "expected a JSON object (an MLflow registered model or model version), found \(root.typeName)")
    }
    var prefix = ""
    if let wrapped = base["mlflow"] {
      guard let o = wrapped.object else {
        throw fail("mlflow", "expected an object, found \(wrapped.typeName)")
      }
      base = o
      prefix = "mlflow"
    }
    let name: String
    let description: String
    var entries: [MLflowVersionEntry]
    var modelAliases: [(alias: String, version: String, path: String)] = []
    if let model = base["registered_model"] {
      let path = Self.join(prefix, "registered_model")
      (name, description, entries, modelAliases) = try registeredModel(model, path: path)
    } else if let v = base["model_version"] {
      let entry = try version(v, path: Self.join(prefix, "model_version"))
      name = try modelName(of: entry)
      description = ""
      entries = [entry]
    } else if let list = base["model_versions"] {
      let path = Self.join(prefix, "model_versions")
      guard let items = list.array else { throw fail(path, "expected an array, found \(list.typeName)") }
      guard !items.isEmpty else { throw fail(path, "no model versions to import") }
      entries = try items.enumerated().map { try version($1, path: "\(path)[\($0)]") }
      name = try modelName(of: entries[0])
      for e in entries.dropFirst() where e.modelName != name {
        throw fail(
          Self.join(e.path, "name"),
          "every version must belong to one model: expected \"\(RegistryNames.quoted(name))\", found \"\(RegistryNames.quoted(e.modelName ?? ""))\""
        )
      }
      description = ""
    } else if base["version"] != nil {
      let entry = try version(.object(base), path: prefix)
      name = try modelName(of: entry)
      description = ""
      entries = [entry]
    } else if base["name"] != nil {
      (name, description, entries, modelAliases) = try registeredModel(.object(base), path: prefix)
    } else {
      throw fail(
        prefix.isEmpty ? "$" : prefix,
        "expected registered_model, model_version or model_versions, or a registered model or model version object"
      )
    }
    var seen: [String: String] = [:]
    for e in entries {
      if let first = seen[e.version.label] {
        throw fail(
          Self.join(e.path, "version"), "version \"\(e.version.label)\" is listed twice (first at \(first))")
      }
      seen[e.version.label] = e.path
    }
    let pointers = resolvePointers(entries: entries, modelAliases: modelAliases)
    let ordered = entries.sorted {
      ($0.version.createdAt, Int64($0.version.label) ?? .max, $0.version.label)
        < ($1.version.createdAt, Int64($1.version.label) ?? .max, $1.version.label)
    }
    return RegistryImportPlan(
      artefact: name, kind: .model, description: description, riskTier: riskTier,
      versions: ordered.map(\.version), pointers: pointers, origin: file, warnings: warnings)
  }

  private func modelName(of entry: MLflowVersionEntry) throws -> String {
    guard let n = entry.modelName else {
      throw fail(Self.join(entry.path, "name"), "missing: a model version must name its registered model")
    }
    return n
  }

  private func registeredModel(_ value: JSONValue, path: String) throws -> (
    String, String, [MLflowVersionEntry], [(alias: String, version: String, path: String)]
  ) {
    guard let o = value.object else { throw fail(path, "expected an object, found \(value.typeName)") }
    let name = try artefactName(o["name"], path: Self.join(path, "name"))
    let description = try optionalText(o["description"], path: Self.join(path, "description"))
    var entries: [MLflowVersionEntry] = []
    let key = o["versions"] != nil ? "versions" : "latest_versions"
    if let list = o[key], !list.isNull {
      let vpath = Self.join(path, key)
      guard let items = list.array else { throw fail(vpath, "expected an array, found \(list.typeName)") }
      for (i, item) in items.enumerated() {
        let e = try version(item, path: "\(vpath)[\(i)]")
        if let n = e.modelName, n != name {
          throw fail(
            Self.join(e.path, "name"),
            "the version belongs to \"\(RegistryNames.quoted(n))\", not \"\(RegistryNames.quoted(name))\"")
        }
        entries.append(e)
      }
    }
    var aliases: [(alias: String, version: String, path: String)] = []
    if let a = o["aliases"], !a.isNull {
      let apath = Self.join(path, "aliases")
      if let items = a.array {
        for (i, item) in items.enumerated() {
          let ipath = "\(apath)[\(i)]"
          guard let io = item.object else {
            throw fail(ipath, "expected an object {\"alias\", \"version\"}, found \(item.typeName)")
          }
          guard let alias = io["alias"]?.string, !alias.isEmpty else {
            throw fail(Self.join(ipath, "alias"), "expected a non-empty string")
          }
          let v = try versionText(io["version"], path: Self.join(ipath, "version"))
          aliases.append((alias, v, ipath))
        }
      } else if let map = a.object {
        for alias in map.keys.sorted() {
          let v = try versionText(map[alias], path: Self.join(apath, alias))
          aliases.append((alias, v, Self.join(apath, alias)))
        }
      } else {
        throw fail(
          apath,
          "expected a list of {\"alias\", \"version\"} or an object alias → version, found \(a.typeName)")
      }
    }
    return (name, description, entries, aliases)
  }

  private func version(_ value: JSONValue, path: String) throws -> MLflowVersionEntry {
    guard let o = value.object else {
      throw fail(path, "expected a model version object, found \(value.typeName)")
    }
    let label = try versionText(o["version"], path: Self.join(path, "version"))
    let created = try timestamp(o["creation_timestamp"], path: Self.join(path, "creation_timestamp"))
    guard let created else {
      throw fail(Self.join(path, "creation_timestamp"), "missing: expected epoch milliseconds")
    }
    let updated = try timestamp(o["last_updated_timestamp"], path: Self.join(path, "last_updated_timestamp"))
    var modelName: String?
    if let n = o["name"], !n.isNull { modelName = try artefactName(n, path: Self.join(path, "name")) }
    let createdBy = try optionalText(o["user_id"], path: Self.join(path, "user_id"))
    let runID = try optionalText(o["run_id"], path: Self.join(path, "run_id"))
    let sourceURI = try optionalText(o["source"], path: Self.join(path, "source"))
    let source: SourceReference? =
      !runID.isEmpty
      ? SourceReference(kind: .mlflowRun, value: runID)
      : (sourceURI.isEmpty ? nil : SourceReference(kind: .uri, value: sourceURI))
    var tags = try self.tags(o["tags"], path: Self.join(path, "tags"))
    var stage: String?
    if let s = o["current_stage"], !s.isNull {
      guard let text = s.string else {
        throw fail(Self.join(path, "current_stage"), "expected a string or null, found \(s.typeName)")
      }
      switch text.lowercased() {
      case "none", "": stage = nil
      case "production", "staging": stage = text.lowercased()
      case "archived":
        stage = "archived"
        tags["mlflow.stage"] = "Archived"
      default:
        throw fail(
          Self.join(path, "current_stage"),
          "unknown stage \"\(RegistryNames.quoted(text))\" (expected None, Staging, Production or Archived)")
      }
    }
    var aliases: [String] = []
    if let a = o["aliases"], !a.isNull {
      guard let items = a.array else {
        throw fail(Self.join(path, "aliases"), "expected an array of strings, found \(a.typeName)")
      }
      for (i, item) in items.enumerated() {
        guard let s = item.string, !s.isEmpty else {
          throw fail(
            "\(Self.join(path, "aliases"))[\(i)]", "expected a non-empty string, found \(item.typeName)")
        }
        aliases.append(s)
      }
    }
    let description = try optionalText(o["description"], path: Self.join(path, "description"))
    return MLflowVersionEntry(
      version: RegistryImportPlan.Version(
        label: label, createdAt: created, createdBy: createdBy, source: source, tags: tags,
        description: description),
      modelName: modelName, lastUpdated: updated ?? created, stage: stage, aliases: aliases, path: path)
  }

  private func artefactName(_ value: JSONValue?, path: String) throws -> String {
    guard let value, !value.isNull else { throw fail(path, "missing: expected the model name") }
    guard let s = value.string else { throw fail(path, "expected a string, found \(value.typeName)") }
    do {
      try RegistryNames.validateArtefact(s)
    } catch let e as RegistryError {
      throw fail(path, e.message)
    }
    return s
  }

  private func versionText(_ value: JSONValue?, path: String) throws -> String {
    let label: String
    switch value {
    case .string(let s)?: label = s
    case .integer(let i)?: label = String(i)
    case nil: throw fail(path, "missing: expected a string or integer")
    case let v?: throw fail(path, "expected a string or integer, found \(v.typeName)")
    }
    do {
      try RegistryNames.validateVersion(label)
    } catch let e as RegistryError {
      throw fail(path, e.message)
    }
    return label
  }

  private func timestamp(_ value: JSONValue?, path: String) throws -> Timestamp? {
    switch value {
    case nil, .null?: return nil
    case .integer(let ms)?: return Timestamp(millisecondsSinceEpoch: ms)
    case .string(let s)?
    where !s.isEmpty && s.utf8.count <= 18 && s.utf8.allSatisfy({ (48...57).contains($0) }):
      return Timestamp(millisecondsSinceEpoch: Int64(s) ?? 0)
    case let v?: throw fail(path, "expected epoch milliseconds (an integer), found \(v.typeName)")
    }
  }

  private func optionalText(_ value: JSONValue?, path: String) throws -> String {
    switch value {
    case nil, .null?: return ""
    case .string(let s)?: return s
    case let v?: throw fail(path, "expected a string or null, found \(v.typeName)")
    }
  }

  private func tags(_ value: JSONValue?, path: String) throws -> [String: String] {
    var out: [String: String] = [:]
    switch value {
    case nil, .null?: return [:]
    case .object(let o)?:
      for (k, v) in o {
        guard let s = v.string else {
          throw fail(Self.join(path, k), "expected a string tag value, found \(v.typeName)")
        }
        out[k] = s
      }
    case .array(let items)?:
      for (i, item) in items.enumerated() {
        let ipath = "\(path)[\(i)]"
        guard let o = item.object else {
          throw fail(ipath, "expected an object {\"key\", \"value\"}, found \(item.typeName)")
        }
        guard let k = o["key"]?.string, !k.isEmpty else {
          throw fail(Self.join(ipath, "key"), "expected a non-empty string")
        }
        out[k] = try optionalText(o["value"], path: Self.join(ipath, "value"))
      }
    case let v?:
      throw fail(path, "expected an object or a list of {\"key\", \"value\"}, found \(v.typeName)")
    }
    return out
  }

  private mutating func resolvePointers(
    entries: [MLflowVersionEntry], modelAliases: [(alias: String, version: String, path: String)]
  ) -> [PointerName: String] {
    var pointers: [PointerName: String] = [:]
    for (stage, pointer, title) in [
      ("production", PointerName.production, "Production"),
      ("staging", PointerName(unchecked: "staging"), "Staging"),
    ] {
      let holders = entries.enumerated().filter { $0.element.stage == stage }
      guard
        let chosen = holders.max(by: {
          ($0.element.lastUpdated, $0.offset) < ($1.element.lastUpdated, $1.offset)
        })
      else { continue }
      pointers[pointer] = chosen.element.version.label
      if holders.count > 1 {
        let list = holders.map {
          "\($0.element.version.label) (last updated \($0.element.lastUpdated.rfc3339))"
        }
        warnings.append(
          "\(holders.count) versions are in \(title): \(list.joined(separator: ", ")); "
            + "\(pointer) → \(chosen.element.version.label), the most recently updated")
      }
    }
    let labels = Set(entries.map(\.version.label))
    var assigned: [PointerName: String] = [:]
    var requests: [(alias: String, version: String, path: String)] = []
    for e in entries {
      for a in e.aliases { requests.append((a, e.version.label, Self.join(e.path, "aliases"))) }
    }
    requests += modelAliases
    for r in requests {
      let quoted = RegistryNames.quoted(r.alias)
      var name = r.alias
      if !PointerName.isValid(name) {
        let lower = name.lowercased()
        guard PointerName.isValid(lower) else {
          warnings.append(
            "\(r.path): alias \"\(quoted)\" skipped: not a valid pointer name (1–64 lower-case letters, digits, - or _, starting with a letter)"
          )
          continue
        }
        warnings.append("\(r.path): alias \"\(quoted)\" imported as pointer \"\(lower)\"")
        name = lower
      }
      let pointer = PointerName(unchecked: name)
      guard labels.contains(r.version) else {
        warnings.append("\(r.path): alias \"\(quoted)\" skipped: version \(r.version) is not in the file")
        continue
      }
      if let existing = pointers[pointer] {
        if existing != r.version {
          let by = assigned[pointer] != nil ? "another alias" : "its stage"
          warnings.append(
            "\(r.path): alias \"\(quoted)\" → \(r.version) skipped: pointer \(pointer) is already \(existing) (set by \(by))"
          )
        }
        continue
      }
      pointers[pointer] = r.version
      assigned[pointer] = r.version
    }
    return pointers
  }
}
