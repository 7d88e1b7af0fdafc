// keybench: key press to frame through the dashboard's run loop, at N
// distinct artefacts (one series each).
//
//   keybench N [KEYS] [SCRIPT] [--at-tick]
//
// Writes N telemetry lines to a temporary file, one request for each of the
// artefacts `artefact-000000` … (N distinct artefacts, N series), dated in
// the 10 minutes before 2025-06-01T00:10:00Z. A DashboardEngine reads the
// file to its end on a ManualClock at that instant (as `flightdeck render
// --at` does), then a DashboardLoop runs over a scripted terminal backend of
// 120×40 cells: the backend hands the loop KEYS presses of `j` (default 50;
// each moves the Registry selection to the next artefact, so the engine is
// asked for the newly selected artefact's charts), one per frame, advancing
// the clock by one frame interval (66 ms) before each, and times each from
// the moment `readEvent` returns the key to the moment the loop hands the
// next frame to `draw` (wall time, ContinuousClock). Prints the load time,
// the latency's mean, p50, p95 and max in ms (nearest rank), and the
// process's resident set (VmRSS) and peak (VmHWM) from /proc/self/status.
//
// SCRIPT, when given, replaces `j` by a comma-separated cycle of keys typed
// in turn (`Enter`, `Esc`, `Tab`, `BackTab`, or a single character such as `j`, `k`,
// `?`), e.g. `j,Enter,Esc,k,?,?,Tab,BackTab`; the figures are then also given per key.
// With `--at-tick` the clock advances by the tick interval (1 s) instead of
// one frame interval before each key, so every key lands when the
// once-a-second snapshot is due and its frame carries that snapshot (no
// record arrives meanwhile: the dashboard is idle but for the keys).
//
// See the Benchmarks article, "Cardinality: the screen".

import FlightDeckCore
import FlightDeckTUI
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

let usage = "usage: keybench N [KEYS] [SCRIPT] [--at-tick]"

/// Prints `message` and the usage line to standard error and exits with 64 (EX_USAGE).
func fail(_ message: String) -> Never {
  FileHandle.standardError.write(Data("keybench: \(message)\n\(usage)\n".utf8))
  exit(64)
}

/// `d` in milliseconds.
func milliseconds(_ d: Duration) -> Double {
  Double(d.components.seconds) * 1e3 + Double(d.components.attoseconds) / 1e15
}

/// A `/proc/self/status` figure in MiB (e.g. `VmRSS`), or `nil` off Linux.
func procStatusMiB(_ field: String) -> Double? {
  guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
  for line in text.split(separator: "\n") where line.hasPrefix(field + ":") {
    let kb = line.split(separator: " ").compactMap { Double($0) }.first
    return kb.map { $0 / 1024 }
  }
  return nil
}

/// The nearest-rank `p`-quantile of sorted `xs`.
func quantile(_ xs: [Double], _ p: Double) -> Double {
  xs[max(0, min(xs.count - 1, Int((p * Double(xs.count)).rounded(.up)) - 1))]
}

/// A terminal that types `keys` presses of `j`, then `q`, and times each
/// press to the frame drawn after it.
final class ScriptedBackend: TerminalBackend {
  let size: (width: Int, height: Int) = (120, 40)
  let clock: ManualClock
  let frameIntervalMs: Int64
  let script: [Key]
  var keysLeft: Int
  var pressedAt: ContinuousClock.Instant?
  var pressed: Key?
  var latenciesMs: [Double] = []
  var latenciesByKey: [Key: [Double]] = [:]
  var frames = 0

  init(clock: ManualClock, keys: Int, frameIntervalMs: Int64, script: [Key]) {
    self.clock = clock
    self.keysLeft = keys
    self.frameIntervalMs = frameIntervalMs
    self.script = script
  }

  func draw(_ canvas: Canvas, theme: Theme) throws {
    frames += 1
    if let pressedAt {
      let ms = milliseconds(ContinuousClock.now - pressedAt)
      latenciesMs.append(ms)
      if let pressed { latenciesByKey[pressed, default: []].append(ms) }
      self.pressedAt = nil
    }
  }

  func readEvent(timeoutMs: Int) -> InputEvent? {
    // The key arrives a frame interval after the last frame, so the loop
    // draws its effect at once (as at a human typing speed).
    guard pressedAt == nil else {
      clock.advance(milliseconds: max(1, Int64(timeoutMs)))
      return nil
    }
    clock.advance(milliseconds: frameIntervalMs)
    guard keysLeft > 0 else { return .key(.char("q")) }
    let key = script[(script.count - keysLeft % script.count) % script.count]
    keysLeft -= 1
    pressed = key
    pressedAt = ContinuousClock.now
    return .key(key)
  }
}

var arguments = Array(CommandLine.arguments.dropFirst())
let atTick = arguments.contains("--at-tick")
arguments.removeAll { $0 == "--at-tick" }
guard (1...3).contains(arguments.count), let n = Int(arguments[0]), (1...2_000_000).contains(n) else {
  fail("N must be an integer in 1...2000000")
}
let keys = arguments.count >= 2 ? Int(arguments[1]) ?? -1 : 50
guard (1...100_000).contains(keys) else { fail("KEYS must be an integer in 1...100000") }
/// The key a SCRIPT token names.
func key(_ token: Substring) -> Key {
  switch token {
  case "Enter": return .enter
  case "Esc": return .escape
  case "Tab": return .tab
  case "BackTab": return .backTab
  default:
    guard token.count == 1, let c = token.first else { fail("unknown key \(token) in SCRIPT") }
    return .char(c)
  }
}
let script = arguments.count == 3 ? arguments[2].split(separator: ",").map(key) : [.char("j")]
guard !script.isEmpty else { fail("SCRIPT names no key") }

// The telemetry: one request per artefact over the 10 minutes before `end`.
let end = Timestamp(millisecondsSinceEpoch: 1_748_736_600_000)  // 2025-06-01T00:10:00Z
let dir = FileManager.default.temporaryDirectory.appendingPathComponent("keybench-\(getpid())")
try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: dir) }
let file = dir.appendingPathComponent("t.jsonl")
var text = ""
text.reserveCapacity(n * 220)
for i in 0..<n {
  let name = "artefact-" + String(repeating: "0", count: max(0, 6 - String(i).count)) + String(i)
  let record = TelemetryRecord(
    timestamp: end.adding(milliseconds: -Int64(1 + i % 600) * 1000), requestID: "r\(i)", artefact: name,
    kind: .model, version: "v1", route: .stable, latencyMs: Double(10 + i % 50), inputTokens: 100,
    outputTokens: 10, costUSD: 0.0001, status: .ok)
  text += record.jsonLine + "\n"
}
try Data(text.utf8).write(to: file)
text = ""

let loadStart = ContinuousClock.now
var options = FlightDeckConfiguration().engineOptions
options.maxSeries = max(options.maxSeries, n)
let clock = ManualClock(start: end)
let engine = DashboardEngine(patterns: [file.path], options: options, clock: clock)
engine.drain()
let backend = ScriptedBackend(
  clock: clock, keys: keys, frameIntervalMs: atTick ? 1000 : 66, script: script)
let loop = DashboardLoop(
  engine: engine, backend: backend, clock: clock,
  configuration: DashboardLoop.Configuration(themes: [ThemeLoader.builtInDefault]))
// The first frame (snapshot of every series, rows worked out) is the load.
while backend.frames == 0 { _ = try loop.step() }
let loadMs = milliseconds(ContinuousClock.now - loadStart)
while try loop.step() == nil {}

let sorted = backend.latenciesMs.sorted()
guard !sorted.isEmpty else { fail("no frame followed a key press") }
let mean = sorted.reduce(0, +) / Double(sorted.count)
let selected = loop.state.selection(of: .registry).key?.artefact ?? "none"
print(
  "artefacts/series: \(n)  keys: \(sorted.count)  selected after: \(selected)"
    + (atTick ? "  (every key at the tick)" : ""))
print(String(format: "load (read, first snapshot and frame): %.0f ms", loadMs))
print(
  String(
    format: "key to frame, ms: mean %.2f  p50 %.2f  p95 %.2f  max %.2f", mean, quantile(sorted, 0.5),
    quantile(sorted, 0.95), sorted.last!))
print(
  String(
    format: "RSS: %.0f MiB now, %.0f MiB peak", procStatusMiB("VmRSS") ?? -1, procStatusMiB("VmHWM") ?? -1))
if script.count > 1 {
  for k in Set(script).sorted(by: { $0.description < $1.description }) {
    let xs = (backend.latenciesByKey[k] ?? []).sorted()
    guard !xs.isEmpty else { continue }
    print(
      "  \(k.description): \(xs.count) keys, "
        + String(format: "p50 %.2f  max %.2f ms", quantile(xs, 0.5), xs.last!))
  }
}
