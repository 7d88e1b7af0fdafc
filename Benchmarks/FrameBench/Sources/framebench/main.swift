// framebench: times one dashboard frame, snapshot to canvas.
//
//   framebench SIM_FOLDER AT_TIMESTAMP N WIDTH HEIGHT [WARMUP]
//
// Reads the telemetry in SIM_FOLDER with a DashboardEngine on a FixedClock at
// AT_TIMESTAMP (RFC 3339), builds the app state as `flightdeck render` does
// (default configuration, no workspace, records after the instant dropped),
// then calls ScreenView.view(state:snapshot:width:height:symbols:) at
// WIDTH×HEIGHT with braille glyphs WARMUP times untimed (default 50) and N
// times timed. Each timed frame is measured with ContinuousClock (wall time)
// and CLOCK_THREAD_CPUTIME_ID (this thread's CPU time). Prints mean, p50, p99
// and max in ms (nearest-rank percentiles, see FrameTimings).
//
// See the Benchmarks article, "Frame build: snapshot to canvas".

import FlightDeckCore
import FlightDeckTUI
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

let usage = "usage: framebench SIM_FOLDER AT_TIMESTAMP N WIDTH HEIGHT [WARMUP]"

/// Prints `message` and the usage line to standard error and exits with 64 (EX_USAGE).
func fail(_ message: String) -> Never {
  FileHandle.standardError.write(Data("framebench: \(message)\n\(usage)\n".utf8))
  exit(64)
}

/// The calling thread's CPU time so far, ms (`CLOCK_THREAD_CPUTIME_ID`).
func threadCPUMilliseconds() -> Double {
  var ts = timespec()
  guard clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts) == 0 else { fail("clock_gettime failed") }
  return Double(ts.tv_sec) * 1e3 + Double(ts.tv_nsec) / 1e6
}

/// `d` in milliseconds.
func milliseconds(_ d: Duration) -> Double {
  Double(d.components.seconds) * 1e3 + Double(d.components.attoseconds) / 1e15
}

/// Parses argument `name` as an integer in `range`, or exits with a message naming it.
func integer(_ text: String, _ name: String, _ range: ClosedRange<Int>) -> Int {
  guard let value = Int(text), range.contains(value) else {
    fail("\(name): '\(text)' is not an integer in \(range.lowerBound)...\(range.upperBound)")
  }
  return value
}

let arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.count == 5 || arguments.count == 6 else { fail("expected 5 or 6 arguments") }
let folder = arguments[0]
guard let at = RFC3339Parser.parse(arguments[1]) else {
  fail("AT_TIMESTAMP: '\(arguments[1])' is not an RFC 3339 time (e.g. 2025-06-01T00:15:00Z)")
}
let frames = integer(arguments[2], "N", 1...10_000_000)
let width = integer(arguments[3], "WIDTH", 1...1000)
let height = integer(arguments[4], "HEIGHT", 1...1000)
let warmUp = arguments.count == 6 ? integer(arguments[5], "WARMUP", 0...10_000_000) : 50
do {
  _ = try TelemetryPathExpansion.expand([folder])
} catch {
  fail("SIM_FOLDER: \(error)")
}

// The engine and the state, as `flightdeck render --at AT --width W --height H` builds them.
var options = FlightDeckConfiguration().engineOptions
options.sinceMs = max(options.sinceMs, options.windowMs)
options.fitMetricsToWindow()
options.dropRecordsAfterClock = true
let engine = DashboardEngine(patterns: [folder], options: options, clock: FixedClock(at))
engine.drain()
engine.catchUpAlerts(overMs: options.windowMs)
let themes: [Theme]
do {
  themes = try ThemeCatalog.load(choice: nil).themes
} catch {
  fail("themes: \(error)")
}
var state = AppState(keyMap: KeyMap.default, readOnly: false, width: width, height: height)
_ = AppUpdate.update(&state, .themeList(themes.map(\.name), current: themes[0].name))
_ = AppUpdate.update(&state, .newSnapshot(engine.snapshot()))
state.isStill = true
guard let snapshot = state.snapshot else { fail("the engine gave no snapshot") }
let symbols = Symbols.braille

for _ in 0..<warmUp {
  _ = ScreenView.view(state: state, snapshot: state.snapshot, width: width, height: height, symbols: symbols)
}
let clock = ContinuousClock()
var wallTimes: [Double] = []
var cpuTimes: [Double] = []
var canvases: [Canvas] = []
wallTimes.reserveCapacity(frames)
cpuTimes.reserveCapacity(frames)
canvases.reserveCapacity(frames)
for _ in 0..<frames {
  let t = clock.now
  let c0 = threadCPUMilliseconds()
  let canvas = ScreenView.view(
    state: state, snapshot: state.snapshot, width: width, height: height, symbols: symbols)
  let d = clock.now - t
  cpuTimes.append(threadCPUMilliseconds() - c0)
  wallTimes.append(milliseconds(d))
  canvases.append(canvas)
}
// Every frame is used (and must be the same: the state does not change).
let identical = canvases.allSatisfy { $0 == canvases[0] }

let wall = FrameTimings(wallTimes)
let cpu = FrameTimings(cpuTimes)
let f3 = { (x: Double) in String(format: "%.3f", x) }
print(
  "snapshot: \(snapshot.ingest.recordsTotal) records, \(snapshot.artefacts.count) artefacts, "
    + "\(snapshot.ingest.sources.count) sources, at \(arguments[1])")
print(
  "frames: \(warmUp) warm-up + \(frames) timed at \(width)x\(height), braille, "
    + (identical ? "all identical" : "NOT all identical"))
print("| | Mean ms | p50 ms | p99 ms | Max ms |")
print("|---|---:|---:|---:|---:|")
print("| wall | \(f3(wall.mean)) | \(f3(wall.p50)) | \(f3(wall.p99)) | \(f3(wall.max)) |")
print("| thread CPU | \(f3(cpu.mean)) | \(f3(cpu.p50)) | \(f3(cpu.p99)) | \(f3(cpu.max)) |")
if !identical { exit(1) }
