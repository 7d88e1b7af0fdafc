import FlightDeckCore
import Foundation
import Testing

@Suite struct MLflowRegistryImportTests {
  /// `<repo root>/../shared/corpus/mlflow/<name>`, else `/work/shared/corpus/mlflow/<name>`.
  static func corpus(_ name: String) throws -> Data {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    var dir = root.deletingLastPathComponent().appendingPathComponent("shared/corpus/mlflow")
    if !FileManager.default.fileExists(atPath: dir.path) {
      dir = URL(fileURLWithPath: "/work/shared/corpus/mlflow")
    }
    return try Data(contentsOf: dir.appendingPathComponent(name))
  }

  static func plan(_ json: String, tier: RiskTier = .medium) throws -> RegistryImportPlan {
    try MLflowRegistryImport.plan(data: Data(json.utf8), file: "m.json", riskTier: tier)
  }

  static func failure(_ json: String) -> RegistryError? {
    do {
      _ = try plan(json)
      return nil
    } catch let e as RegistryError {
      return e
    } catch {
      return nil
    }
  }

  static func pointers(_ p: RegistryImportPlan) -> [String: String] {
    Dictionary(uniqueKeysWithValues: p.pointers.map { ($0.key.rawValue, $0.value) })
  }

  @Test func readsTheOSSRegisteredModelExport() throws {
    let p = try MLflowRegistryImport.plan(
      data: Self.corpus("export-import-oss-registered-model-sklearn_wine.json"), file: "wine.json",
      riskTier: .high)
    #expect(p.artefact == "sklearn_wine")
    #expect(p.kind == .model)
    #expect(p.description == "Skearn Wine Quality model")
    #expect(p.riskTier == .high)
    #expect(p.origin == "wine.json")
    #expect(p.versions.map(\.label) == ["1", "2", "3"])
    #expect(
      p.versions.map(\.createdAt.millisecondsSinceEpoch) == [
        1_684_716_075_276, 1_684_716_081_798, 1_684_716_088_532,
      ])
    #expect(p.versions.map(\.createdBy) == ["", "", ""])
    #expect(
      p.versions.map(\.source) == [
        SourceReference(kind: .mlflowRun, value: "d583ca20513841749b26907cb2d3952b"),
        SourceReference(kind: .mlflowRun, value: "af9e86e62bc44e7d805c03554965a27c"),
        SourceReference(kind: .mlflowRun, value: "b8413159b1d345f6a25949328b865734"),
      ])
    #expect(p.versions[0].tags == ["registered_version_info": "v1 Production - wine"])
    // Version 3's stage is "None" (its description says Archived, but the stage decides): no tag.
    #expect(p.versions[2].tags == ["registered_version_info": "v3 Archived - wine"])
    #expect(
      p.versions.map(\.description) == ["v1 Production - wine", "v2 Staging - wine", "v3 Archived - wine"])
    // Stages: 1 Production, 2 Staging; model aliases about-ready → 2, good-to-go → 1, just-in-case → 3.
    #expect(
      Self.pointers(p) == [
        "production": "1", "staging": "2", "about-ready": "2", "good-to-go": "1", "just-in-case": "3",
      ])
    #expect(p.warnings.isEmpty)
  }

  @Test func readsTheDatabricksModelVersionExport() throws {
    let p = try MLflowRegistryImport.plan(
      data: Self.corpus("export-import-databricks-model-version.json"), file: "mv.json", riskTier: .low)
    #expect(p.artefact == "demo_catalog.ml_models2.sklearn_wine_best")
    #expect(p.description == "")
    #expect(p.versions.count == 1)
    let v = try #require(p.versions.first)
    #expect(v.label == "15")
    #expect(v.createdAt.millisecondsSinceEpoch == 1_717_552_439_516)
    #expect(v.createdBy == "user@example.com")
    #expect(v.source == SourceReference(kind: .mlflowRun, value: "6222162b4c7f47c2820a7e5b520f65a9"))
    #expect(v.tags == ["alias": "white_2"])
    #expect(v.description == "white_2")
    // current_stage null → no stage pointer; the alias white_2 is one.
    #expect(Self.pointers(p) == ["white_2": "15"])
    #expect(p.warnings.isEmpty)
  }

  @Test func readsRESTShapesWithIntegerVersionsTagListsAndAliasMaps() throws {
    let model = """
      {"registered_model": {"name": "fraud", "description": "d",
        "aliases": {"champion": 2},
        "tags": [{"key": "team", "value": "risk"}],
        "latest_versions": [
          {"name": "fraud", "version": 1, "creation_timestamp": 1000, "current_stage": "Archived",
           "source": "s3://b/1", "tags": [{"key": "k", "value": "v"}]},
          {"name": "fraud", "version": "2", "creation_timestamp": "2000", "current_stage": "production",
           "run_id": "", "source": "s3://b/2"}]}}
      """
    let p = try Self.plan(model)
    #expect(p.versions.map(\.label) == ["1", "2"])
    #expect(p.versions[0].tags == ["k": "v", "mlflow.stage": "Archived"])
    #expect(p.versions[0].source == SourceReference(kind: .uri, value: "s3://b/1"))
    // A digit string is read as epoch ms too.
    #expect(p.versions[1].createdAt.millisecondsSinceEpoch == 2000)
    #expect(p.versions[1].source == SourceReference(kind: .uri, value: "s3://b/2"))
    #expect(Self.pointers(p) == ["production": "2", "champion": "2"])

    let bare = try Self.plan(
      #"{"name": "fraud", "version": "7", "creation_timestamp": 5, "aliases": ["canary"]}"#)
    #expect(bare.artefact == "fraud")
    #expect(bare.versions.map(\.label) == ["7"])
    #expect(bare.versions[0].source == nil)
    #expect(Self.pointers(bare) == ["canary": "7"])

    let bareModel = try Self.plan(#"{"name": "empty-model", "creation_timestamp": 5}"#)
    #expect(bareModel.artefact == "empty-model")
    #expect(bareModel.versions.isEmpty)

    let search = try Self.plan(
      """
      {"model_versions": [
        {"name": "m", "version": "3", "creation_timestamp": 30, "current_stage": "Staging"},
        {"name": "m", "version": "2", "creation_timestamp": 20}]}
      """)
    // Sorted oldest first: 2 (20 ms) before 3 (30 ms).
    #expect(search.versions.map(\.label) == ["2", "3"])
    #expect(Self.pointers(search) == ["staging": "3"])

    let wrapped = try Self.plan(
      #"{"system": {}, "mlflow": {"model_version": {"name": "m", "version": 4, "creation_timestamp": 1}}}"#)
    #expect(wrapped.versions.map(\.label) == ["4"])
  }

  @Test func twoVersionsInProductionAreReportedNotCollapsed() throws {
    let p = try Self.plan(
      """
      {"registered_model": {"name": "m", "versions": [
        {"version": "1", "creation_timestamp": 100, "last_updated_timestamp": 900, "current_stage": "Production"},
        {"version": "2", "creation_timestamp": 200, "last_updated_timestamp": 500, "current_stage": "Production"},
        {"version": "3", "creation_timestamp": 300, "current_stage": "Staging"},
        {"version": "4", "creation_timestamp": 400, "current_stage": "Staging"}]}}
      """)
    // Production: 1 updated at 900 ms beats 2 at 500 ms. Staging: no last_updated, so the
    // creation times count: 4 (400 ms) beats 3 (300 ms).
    #expect(Self.pointers(p) == ["production": "1", "staging": "4"])
    #expect(p.warnings.count == 2)
    #expect(
      p.warnings[0]
        == "2 versions are in Production: 1 (last updated 1970-01-01T00:00:00.900Z), "
        + "2 (last updated 1970-01-01T00:00:00.500Z); production → 1, the most recently updated")
    #expect(p.warnings[1].hasPrefix("2 versions are in Staging: 3 "))
    #expect(p.warnings[1].hasSuffix("staging → 4, the most recently updated"))
  }

  @Test func aliasesThatAreNotPointerNamesAreLowerCasedOrSkippedWithAWarning() throws {
    let p = try Self.plan(
      """
      {"registered_model": {"name": "m",
        "aliases": [{"alias": "Champion", "version": "1"}, {"alias": "9lives", "version": "1"},
                    {"alias": "ghost", "version": "8"}, {"alias": "production", "version": "2"}],
        "versions": [
          {"version": "1", "creation_timestamp": 1, "current_stage": "Production"},
          {"version": "2", "creation_timestamp": 2}]}}
      """)
    #expect(Self.pointers(p) == ["production": "1", "champion": "1"])
    #expect(
      p.warnings == [
        "registered_model.aliases[0]: alias \"Champion\" imported as pointer \"champion\"",
        "registered_model.aliases[1]: alias \"9lives\" skipped: not a valid pointer name (1–64 lower-case letters, digits, - or _, starting with a letter)",
        "registered_model.aliases[2]: alias \"ghost\" skipped: version 8 is not in the file",
        "registered_model.aliases[3]: alias \"production\" → 2 skipped: pointer production is already 1 (set by its stage)",
      ])
  }

  @Test func badInputNamesTheFileAndTheFieldPath() {
    let badVersion = Self.failure(
      #"{"mlflow": {"registered_model": {"name": "m", "versions": [{"version": 1, "creation_timestamp": 1}, {"version": "2", "creation_timestamp": 1}, {"version": 2.5, "creation_timestamp": 1}]}}}"#
    )
    #expect(badVersion?.code == .invalidInput(field: "mlflow.registered_model.versions[2].version"))
    #expect(
      badVersion?.message
        == "m.json: mlflow.registered_model.versions[2].version: expected a string or integer, found a number"
    )

    let badLabel = Self.failure(
      #"{"model_version": {"name": "m", "version": "../x", "creation_timestamp": 1}}"#)
    #expect(badLabel?.code == .invalidInput(field: "model_version.version"))

    let badTime = Self.failure(
      #"{"model_version": {"name": "m", "version": "1", "creation_timestamp": "yesterday"}}"#)
    #expect(
      badTime?.message
        == "m.json: model_version.creation_timestamp: expected epoch milliseconds (an integer), found a string"
    )

    let noTime = Self.failure(#"{"model_version": {"name": "m", "version": "1"}}"#)
    #expect(noTime?.code == .invalidInput(field: "model_version.creation_timestamp"))

    let badStage = Self.failure(
      #"{"model_version": {"name": "m", "version": "1", "creation_timestamp": 1, "current_stage": "Prod"}}"#)
    #expect(badStage?.code == .invalidInput(field: "model_version.current_stage"))

    let badTags = Self.failure(
      #"{"model_version": {"name": "m", "version": "1", "creation_timestamp": 1, "tags": [{"key": "a", "value": 3}]}}"#
    )
    #expect(badTags?.code == .invalidInput(field: "model_version.tags[0].value"))

    let twice = Self.failure(
      #"{"registered_model": {"name": "m", "versions": [{"version": "1", "creation_timestamp": 1}, {"version": 1, "creation_timestamp": 2}]}}"#
    )
    #expect(twice?.code == .invalidInput(field: "registered_model.versions[1].version"))

    let mixed = Self.failure(
      #"{"model_versions": [{"name": "a", "version": "1", "creation_timestamp": 1}, {"name": "b", "version": "2", "creation_timestamp": 1}]}"#
    )
    #expect(mixed?.code == .invalidInput(field: "model_versions[1].name"))

    let noName = Self.failure(#"{"model_version": {"version": "1", "creation_timestamp": 1}}"#)
    #expect(noName?.code == .invalidInput(field: "model_version.name"))

    let badArtefact = Self.failure(#"{"registered_model": {"name": "bad name!"}}"#)
    #expect(badArtefact?.code == .invalidInput(field: "registered_model.name"))

    let unknownShape = Self.failure(#"{"experiment": {}}"#)
    #expect(unknownShape?.code == .invalidInput(field: "$"))

    let array = Self.failure("[1, 2]")
    #expect(
      array?.message
        == "m.json: $: expected a JSON object (an MLflow registered model or model version), found an array")

    let notJSON = Self.failure("{\"name\": ")
    #expect(notJSON?.code == .invalidInput(field: "json"))
    // `{"name": ` is 9 bytes: the file ends before byte 10.
    #expect(
      notJSON?.message
        == "m.json: not valid JSON (line 1, column 10: truncated: the file ends inside an object)")
  }
}
