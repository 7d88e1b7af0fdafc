import FlightDeckCore
import Foundation
import Testing

/// Command-line telemetry paths: an existing name is that file, a pattern is
/// expanded only when no file has its exact name, and nothing-matched is an
/// error naming the argument.
@Suite struct TelemetryPathExpansionTests {
  typealias PathError = TelemetryPathExpansion.PathError

  /// `req[1].jsonl` exists: it is that file, not the glob's match `req1.jsonl`.
  @Test func existingNameWithGlobCharactersIsThatFile() throws {
    let fx = try TailFixture()
    try fx.append(fx.path("req[1].jsonl"), "x\n")
    try fx.append(fx.path("req1.jsonl"), "y\n")
    #expect(try TelemetryPathExpansion.expand([fx.path("req[1].jsonl")]) == [fx.path("req[1].jsonl")])
    #expect(try ReplayAggregator.expand([fx.path("req[1].jsonl")]) == [fx.path("req[1].jsonl")])
    // No file named `req[2].jsonl`: the pattern is expanded (matches req2.jsonl).
    try fx.append(fx.path("req2.jsonl"), "z\n")
    #expect(try TelemetryPathExpansion.expand([fx.path("req[2].jsonl")]) == [fx.path("req2.jsonl")])
  }

  /// A missing path, a glob matching nothing and a folder without telemetry
  /// files are errors naming the argument.
  @Test func nothingMatchedIsAnErrorNamingIt() throws {
    let fx = try TailFixture()
    let missing = fx.path("nope.jsonl")
    let glob = fx.path("*.jsonl")
    try fx.makeDirectory(fx.path("empty"))
    #expect(throws: PathError(path: missing, reason: "no such file, directory or matching glob")) {
      try TelemetryPathExpansion.expand([missing])
    }
    #expect(throws: PathError(path: glob, reason: "no such file, directory or matching glob")) {
      try TelemetryPathExpansion.expand([glob])
    }
    let empty = fx.path("empty")
    #expect(throws: PathError.self) { try TelemetryPathExpansion.expand([empty]) }
    do {
      _ = try TelemetryPathExpansion.expand([empty])
    } catch let error as PathError {
      #expect(error.description.hasPrefix("\(empty): no telemetry files in the folder"))
    }
    #expect(throws: PathError(path: missing, reason: "no such file, directory or matching glob")) {
      try TelemetryPathExpansion.checkFollowable([missing])
    }
    #expect(throws: PathError(path: glob, reason: "no such file, directory or matching glob")) {
      try TelemetryPathExpansion.checkFollowable([glob])
    }
  }

  /// The dashboard follows an existing folder even while it is empty (files
  /// appear later); batch commands refuse it. Folders give their telemetry
  /// files only, sorted; `-` is standard input, once.
  @Test func foldersFilesAndStandardInput() throws {
    let fx = try TailFixture()
    try fx.makeDirectory(fx.path("logs"))
    try TelemetryPathExpansion.checkFollowable([fx.path("logs")])
    try fx.append(fx.path("logs/b.jsonl"), "1\n")
    try fx.append(fx.path("logs/a.jsonl.1"), "1\n")
    try fx.append(fx.path("logs/notes.txt"), "1\n")
    #expect(
      try TelemetryPathExpansion.expand(["-", fx.path("logs"), "-"]) == [
        "-", fx.path("logs/a.jsonl.1"), fx.path("logs/b.jsonl"),
      ])
  }
}
