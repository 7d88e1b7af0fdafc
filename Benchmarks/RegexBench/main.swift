// regexbench: label-matcher regular expressions, the engine before issue 11
// (NSRegularExpression, ICU's backtracking matcher, compiled on every match as
// AlertLabelMatcher did) against ``LabelRegex`` (compiled once, Pike VM).
// Built and run by Benchmarks/bench-regex.sh; see the Benchmarks article,
// "Regular expressions in matchers".
import Foundation

func seconds(_ body: () -> Void) -> Double {
  let start = DispatchTime.now().uptimeNanoseconds
  body()
  return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

/// The matcher before: anchored ICU regex compiled per call.
func before(_ pattern: String, _ value: String) -> Bool {
  guard let re = try? NSRegularExpression(pattern: "^(?:\(pattern))$") else { return false }
  return re.firstMatch(in: value, range: NSRange(value.startIndex..<value.endIndex, in: value)) != nil
}

let breaker = String(repeating: "a", count: 30) + "!"
let beforeLines = Int(CommandLine.arguments.dropFirst().first ?? "3") ?? 3

print("case | engine | matches | total s | per match µs | matched")
func row(_ name: String, _ engine: String, _ n: Int, _ s: Double, _ hits: Int) {
  print(String(format: "%@ | %@ | %d | %.4f | %.2f | %d", name, engine, n, s, s / Double(n) * 1e6, hits))
}

// 1. The breaker's case: (a+)+b against 200 artefact names of 30 `a`s and `!`.
do {
  var hits = 0
  let re = try! LabelRegex("(a+)+b")
  let s = seconds { for _ in 0..<200 where re.matches(breaker) { hits += 1 } }
  row("(a+)+b × 200 × a{30}!", "LabelRegex", 200, s, hits)
  var oldHits = 0
  let t = seconds { for _ in 0..<beforeLines where before("(a+)+b", breaker) { oldHits += 1 } }
  row("(a+)+b × \(beforeLines) × a{30}!", "NSRegularExpression", beforeLines, t, oldHits)
}
// 2. Growth with the name's length, before: doubling per `a`.
for n in [20, 22, 24, 26] {
  let v = String(repeating: "a", count: n) + "!"
  let t = seconds { _ = before("(a+)+b", v) }
  row("(a+)+b × 1 × a{\(n)}!", "NSRegularExpression", 1, t, 0)
  let re = try! LabelRegex("(a+)+b")
  let s = seconds { _ = re.matches(v) }
  row("(a+)+b × 1 × a{\(n)}!", "LabelRegex", 1, s, 0)
}
// 3. The ReDoS patterns of the tests against 5,000-character inputs (LabelRegex only).
let a5000 = String(repeating: "a", count: 5000)
for p in ["(a+)+b", "(a|a)*c", "(a*)*b", "(.*a){20}"] {
  let re = try! LabelRegex(p)
  var hit = false
  let s = seconds { hit = re.matches(a5000) }
  row("\(p) × 1 × a{5000}", "LabelRegex", 1, s, hit ? 1 : 0)
}
// 4. Everyday selectors: 100,000 matches of artefact names.
let names = (0..<1000).map { i in i % 3 == 0 ? "support-bot-\(i)" : "billing-agent-v\(i)" }
for p in ["support-.*", "support-bot|billing-agent-v1|triage", "(?i)BILLING-.*-v[0-9]+"] {
  let re = try! LabelRegex(p)
  var hits = 0
  let s = seconds { for _ in 0..<100 { for v in names where re.matches(v) { hits += 1 } } }
  row(p, "LabelRegex", 100_000, s, hits)
  var oldHits = 0
  let t = seconds { for _ in 0..<100 { for v in names where before(p, v) { oldHits += 1 } } }
  row(p, "NSRegularExpression", 100_000, t, oldHits)
}
// 5. Issue 11 breaker R2: a 5,301-instruction pattern (100 × a 26-way
// alternation under `*`) against long artefact names, repeated as alert
// evaluations repeat them. Before the per-pattern cache every evaluation paid
// instructions × length again; after it, the first does.
do {
  let p = String(repeating: "(?:a|b|c|d|e|f|g|h|i|j|k|l|m|n|o|p|q|r|s|t|u|v|w|x|y|z)*", count: 100)
  let re = try! LabelRegex(p)
  let long = String(repeating: "q", count: 200_000)
  var hits = 0
  let first = seconds { if re.matches(long) { hits += 1 } }
  row("R2 \(re.instructionCount) instr × q{200000}, 1st evaluation", "LabelRegex", 1, first, hits)
  let again = seconds { if re.matches(long) { hits += 1 } }
  row("R2 \(re.instructionCount) instr × q{200000}, 2nd evaluation", "LabelRegex", 1, again, hits)
  // Six names of 4,000–6,000 characters, 20 evaluations (the breaker's t.jsonl: 5 min at 15 s).
  let six = (0..<6).map { String(repeating: "q", count: 4_000 + 400 * $0) }
  let all = seconds { for _ in 0..<20 { for v in six where re.matches(v) { hits += 1 } } }
  row("R2 6 names of 4–6k × 20 evaluations", "LabelRegex", 120, all, hits)
}
