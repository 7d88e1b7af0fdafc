import Foundation
import Testing

@testable import FlightDeckCore

/// `replay` reads plain OTLP/JSON lines without building a record
/// (``OTLPJSONSpanScanner``): these tests hold it to the record path (the
/// decoder, ``TelemetryLineDecoder``) on generated files full of the
/// shapes it must decline, and show that it does answer the plain lines.
@Suite struct ReplayOTLPRecordFreeTests {
  /// 2025-06-01T00:00:00Z in ns since the epoch.
  static let t0: Int64 = 1_748_736_000_000_000_000

  /// One span object (JSON text): `i` seconds after `t0`, lasting
  /// `latencyMs`, with `attributes` (JSON texts of `KeyValue`s).
  static func span(
    _ i: Int, latencyMs: Int, attributes: [String], status: String = "{}", kind: String = "3",
    trace: String? = nil
  ) -> String {
    let start = t0 + Int64(i) * 1_000_000_000
    let end = start + Int64(latencyMs) * 1_000_000
    let traceID = trace ?? String(format: "%032x", i + 1)
    return
      #"{"traceId":"\#(traceID)","spanId":"\#(String(format: "%016x", i + 1))","parentSpanId":"","flags":256,"#
      + #""name":"chat","kind":\#(kind),"startTimeUnixNano":"\#(start)","endTimeUnixNano":"\#(end)","#
      + #""attributes":[\#(attributes.joined(separator: ","))],"status":\#(status)}"#
  }

  static func attribute(_ key: String, string value: String) -> String {
    #"{"key":"\#(key)","value":{"stringValue":"\#(value)"}}"#
  }

  static func attribute(_ key: String, int value: Int) -> String {
    #"{"key":"\#(key)","value":{"intValue":"\#(value)"}}"#
  }

  /// A line of resource groups, each a list of scopes, each a list of span
  /// objects; `resource` is the resource attributes of every group.
  static func line(_ groups: [[[String]]], resource: [String] = [attribute("service.name", string: "chat")])
    -> String
  {
    let g = groups.map { scopes in
      let s = scopes.map { spans in
        #"{"scope":{"name":"openai","version":"2.1b0"},"spans":[\#(spans.joined(separator: ","))]}"#
      }
      return
        #"{"resource":{"attributes":[\#(resource.joined(separator: ","))]},"scopeSpans":[\#(s.joined(separator: ","))]}"#
    }
    return #"{"resourceSpans":[\#(g.joined(separator: ","))]}"#
  }

  /// A GenAI span as the official OpenAI instrumentation writes it; no
  /// `response` for a failed call.
  static func genAI(
    _ i: Int, model: String, response: String?, input: Int, output: Int, latencyMs: Int, error: Bool = false,
    extra: [String] = []
  ) -> String {
    var a = [
      attribute("gen_ai.operation.name", string: "chat"),
      attribute("gen_ai.provider.name", string: "openai"),
      attribute("gen_ai.request.model", string: model),
      #"{"key":"gen_ai.request.temperature","value":{"doubleValue":0.7}}"#,
      attribute("gen_ai.usage.input_tokens", int: input),
      attribute("gen_ai.usage.output_tokens", int: output),
      attribute("server.address", string: "api.example.com"),
    ]
    if let response { a.insert(attribute("gen_ai.response.model", string: response), at: 3) }
    if error { a.append(attribute("error.type", string: "RateLimitError")) }
    return span(i, latencyMs: latencyMs, attributes: a + extra, status: error ? #"{"code":2}"# : "{}")
  }

  static let prices = PriceTable(prices: [
    "gpt-4o": ModelPrice(inputPerMillion: 2.5, outputPerMillion: 10),
    "claude-sonnet-4": ModelPrice(inputPerMillion: 3, outputPerMillion: 15),
  ])

  static func options(recordFree: Bool, threads: Int = 1) -> ReplayOptions {
    var o = ReplayOptions()
    o.prices = prices
    o.threads = threads
    o.errorLimit = 100_000
    o.usesOTLPRecordFreePath = recordFree
    return o
  }

  static func write(_ lines: [String]) throws -> (dir: URL, path: String) {
    let dir = FileManager.default.temporaryDirectory
      .appendingPathComponent("flightdeck-replay-otlp-record-free-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let path = dir.appendingPathComponent("spans.jsonl").path
    try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    return (dir, path)
  }

  /// The two paths give the same result, field by field.
  static func expectSame(
    _ a: ReplayResult, _ b: ReplayResult, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    #expect(a.rows == b.rows, sourceLocation: sourceLocation)
    #expect(a.records == b.records, sourceLocation: sourceLocation)
    #expect(a.outsideWindow == b.outsideWindow, sourceLocation: sourceLocation)
    #expect(a.malformedLines == b.malformedLines, sourceLocation: sourceLocation)
    #expect(a.oversizedLines == b.oversizedLines, sourceLocation: sourceLocation)
    #expect(a.skippedSpans == b.skippedSpans, sourceLocation: sourceLocation)
    #expect(a.overSeriesLimitRecords == b.overSeriesLimitRecords, sourceLocation: sourceLocation)
    #expect(a.errors == b.errors, sourceLocation: sourceLocation)
  }

  /// Feeds `lines` to one part aggregator, as the reader would.
  static func part(_ lines: [String], options: ReplayOptions) -> ReplayPartAggregator {
    var part = ReplayPartAggregator(path: "spans.jsonl", options: options)
    for (k, text) in lines.enumerated() {
      var bytes = Array(text.utf8)
      bytes.withUnsafeMutableBytes { part.line(UnsafeRawBufferPointer($0), index: k + 1) }
    }
    part.finish()
    return part
  }

  /// Plain lines take the record-free path, every one of them, and give
  /// the figures worked out by hand: gpt-4o 2 requests (1 000 + 3 000 input,
  /// 100 + 300 output tokens: 4 000 × 2.5 + 400 × 10 = 14 000 µUSD), one
  /// of them failed without a response model (version taught by the first:
  /// gpt-4o-2024-08-06); claude-sonnet-4 one request (2 000 × 3 + 50 × 15
  /// = 6 750 µUSD); one HTTP span skipped.
  @Test func plainLinesTakeTheRecordFreePath() throws {
    let lines = [
      Self.line([
        [
          [
            Self.genAI(
              0, model: "gpt-4o", response: "gpt-4o-2024-08-06", input: 1_000, output: 100, latencyMs: 800)
          ]
        ]
      ]),
      Self.line([
        [
          [
            Self.genAI(
              1, model: "claude-sonnet-4", response: "claude-sonnet-4-20250514", input: 2_000, output: 50,
              latencyMs: 500)
          ]
        ]
      ]),
      Self.line([
        [
          [
            Self.genAI(
              2, model: "gpt-4o", response: nil, input: 3_000, output: 300, latencyMs: 40, error: true)
          ]
        ]
      ]),
      Self.line([
        [[Self.span(3, latencyMs: 90_000_000, attributes: [Self.attribute("http.method", string: "GET")])]]
      ]),
    ]
    let fast = Self.part(lines, options: Self.options(recordFree: true))
    #expect(fast.otlpRecordFreeLines == 4)
    #expect(fast.skippedSpans == 1)
    #expect(fast.malformed == 0)
    let slow = Self.part(lines, options: Self.options(recordFree: false))
    #expect(slow.otlpRecordFreeLines == 0)

    let (dir, path) = try Self.write(lines)
    defer { try? FileManager.default.removeItem(at: dir) }
    let result = try ReplayAggregator.run(paths: [path], options: Self.options(recordFree: true))
    #expect(result.rows.map(\.key.version) == ["claude-sonnet-4-20250514", "gpt-4o-2024-08-06"])
    let gpt = try #require(result.rows.first { $0.key.artefact == "gpt-4o" })
    #expect(gpt.stats.requests == 2)
    #expect(gpt.stats.errors == 1)
    #expect(gpt.stats.inputTokens == 4_000)
    #expect(gpt.stats.outputTokens == 400)
    #expect(abs(gpt.stats.costUSD - 0.014) < 1e-12)
    let claude = try #require(result.rows.first { $0.key.artefact == "claude-sonnet-4" })
    #expect(claude.stats.requests == 1)
    #expect(abs(claude.stats.costUSD - 0.00675) < 1e-12)
    #expect(result.skippedSpans == 1)
    Self.expectSame(result, try ReplayAggregator.run(paths: [path], options: Self.options(recordFree: false)))
  }

  /// Each of these lines is declined by the record-free path (it goes
  /// through the decoder), and the decoder's answer stands.
  static let declined: [String] = [
    // An escaped mapped key.
    Self.line([
      [
        [
          Self.genAI(
            10, model: "gpt-4o", response: "gpt-4o-x", input: 1, output: 1, latencyMs: 5,
            extra: [#"{"key":"gen_ai.\u0075sage.cache_read.input_tokens","value":{"intValue":"1"}}"#])
        ]
      ]
    ]),
    // An escape in a model name.
    Self.line([
      [[Self.genAI(11, model: #"gpt-4o\u002dmini"#, response: "m", input: 1, output: 1, latencyMs: 5)]]
    ]),
    // A non-ASCII model name (NFC).
    Self.line([
      [[Self.genAI(12, model: "caf\u{65}\u{301}", response: "v", input: 1, output: 1, latencyMs: 5)]]
    ]),
    // A Langfuse attribute.
    Self.line([
      [
        [
          Self.genAI(
            13, model: "gpt-4o", response: "r", input: 1, output: 1, latencyMs: 5,
            extra: [Self.attribute("langfuse.observation.type", string: "span")])
        ]
      ]
    ]),
    // A mapped resource attribute.
    Self.line(
      [[[Self.genAI(14, model: "gpt-4o", response: nil, input: 1, output: 1, latencyMs: 5)]]],
      resource: [Self.attribute("flightdeck.version", string: "from-resource")]),
    // An unknown span kind (rejected).
    Self.line([
      [
        [
          Self.span(
            15, latencyMs: 5, attributes: [Self.attribute("gen_ai.request.model", string: "gpt-4o")],
            kind: "9")
        ]
      ]
    ]),
    // A repeated member.
    Self.line([
      [
        [
          Self.genAI(16, model: "gpt-4o", response: "r", input: 1, output: 1, latencyMs: 5)
            .replacingOccurrences(of: #""flags":256"#, with: #""flags":256,"flags":1"#)
        ]
      ]
    ]),
    // Negative tokens (rejected).
    Self.line([[[Self.genAI(17, model: "gpt-4o", response: "r", input: -3, output: 1, latencyMs: 5)]]]),
    // An unknown route (rejected).
    Self.line([
      [
        [
          Self.genAI(
            18, model: "gpt-4o", response: "r", input: 1, output: 1, latencyMs: 5,
            extra: [Self.attribute("flightdeck.route", string: "blue")])
        ]
      ]
    ]),
    // A value before its key.
    Self.line([
      [
        [
          Self.span(
            19, latencyMs: 5,
            attributes: [#"{"value":{"stringValue":"gpt-4o"},"key":"gen_ai.request.model"}"#])
        ]
      ]
    ]),
    // A zero trace id (rejected).
    Self.line([
      [
        [
          Self.span(
            20, latencyMs: 5, attributes: [Self.attribute("gen_ai.request.model", string: "gpt-4o")],
            trace: String(repeating: "0", count: 32))
        ]
      ]
    ]),
    // Cache reads above the input (rejected).
    Self.line([
      [
        [
          Self.genAI(
            21, model: "gpt-4o", response: "r", input: 1, output: 1, latencyMs: 5,
            extra: [Self.attribute("gen_ai.usage.cache_read.input_tokens", int: 2)])
        ]
      ]
    ]),
    // Tokens as a string value.
    Self.line([
      [
        [
          Self.genAI(22, model: "gpt-4o", response: "r", input: 1, output: 1, latencyMs: 5)
            .replacingOccurrences(of: #"{"intValue":"1"}"#, with: #"{"stringValue":"1"}"#)
        ]
      ]
    ]),
    // Whitespace around the object.
    " " + Self.line([[[Self.genAI(23, model: "gpt-4o", response: "r", input: 1, output: 1, latencyMs: 5)]]]),
    // A GenAI span longer than a day (rejected).
    Self.line([[[Self.genAI(24, model: "gpt-4o", response: "r", input: 1, output: 1, latencyMs: 90_000_000)]]]
    ),
    // A broken line.
    String(
      Self.line([[[Self.genAI(25, model: "gpt-4o", response: "r", input: 1, output: 1, latencyMs: 5)]]])
        .dropLast(2)),
  ]

  /// Lines the record-free path answers beyond the plainest shape.
  static let answered: [String] = [
    // Two resource groups, two scopes, three spans, one of them skipped.
    Self.line([
      [
        [Self.genAI(30, model: "gpt-4o", response: "gpt-4o-2024-08-06", input: 10, output: 2, latencyMs: 70)],
        [
          Self.span(31, latencyMs: 3, attributes: []),
          Self.genAI(32, model: "gpt-4o", response: nil, input: 5, output: 0, latencyMs: 9, error: true),
        ],
      ],
      [[Self.genAI(33, model: "claude-sonnet-4", response: nil, input: 7, output: 1, latencyMs: 11)]],
    ]),
    // Route, kind and artefact attributes, an intValue as a number, an empty value, a string status code.
    Self.line([
      [
        [
          Self.span(
            34, latencyMs: 12,
            attributes: [
              Self.attribute("flightdeck.artefact", string: "support-bot"),
              Self.attribute("flightdeck.kind", string: "agent"),
              Self.attribute("flightdeck.route", string: "canary"),
              Self.attribute("gen_ai.request.model", string: "gpt-4o"),
              #"{"key":"gen_ai.usage.input_tokens","value":{"intValue":42}}"#,
              #"{"key":"gen_ai.response.model","value":{}}"#,
              #"{"key":"unread","value":{"arrayValue":{"values":[{"stringValue":"a\"b\u00e9"},{"intValue":"1"}]}}}"#,
            ], status: #"{"code":"STATUS_CODE_ERROR","message":"boom"}"#, kind: #""SPAN_KIND_CLIENT""#)
        ]
      ]
    ]),
    // No attributes at all on a span with a model elsewhere: skipped; attributes null.
    Self.line([
      [
        [
          Self.span(35, latencyMs: 1, attributes: []).replacingOccurrences(
            of: #""attributes":[]"#, with: #""attributes":null"#)
        ]
      ]
    ]),
    // Outside the window.
    Self.line([
      [
        [
          Self.genAI(
            -400_000_000, model: "gpt-4o", response: "gpt-4o-2024-08-06", input: 1, output: 1, latencyMs: 5)
        ]
      ]
    ]),
  ]

  @Test func declinedLinesGoThroughTheDecoder() throws {
    for text in Self.declined {
      let fast = Self.part([text], options: Self.options(recordFree: true))
      #expect(fast.otlpRecordFreeLines == 0, "\(text)")
    }
    for text in Self.answered {
      let fast = Self.part([text], options: Self.options(recordFree: true))
      #expect(fast.otlpRecordFreeLines == 1, "\(text)")
    }
  }

  /// Generated files mixing plain, answered and declined lines in random
  /// order, with failed calls whose version comes from lines either path
  /// read, give the same result on both paths, with one and two threads.
  @Test(arguments: [1, 2, 3])
  func generatedFilesGiveTheResultOfTheRecordPath(seed: UInt64) throws {
    var rng = SplitMix64(seed: seed)
    let models = ["gpt-4o", "claude-sonnet-4", "gpt-4o-mini", "llama-3"]
    var lines: [String] = []
    for i in 0..<3_000 {
      let pick = rng.next() % 100
      let model = models[Int(rng.next() % 4)]
      if pick < 5 {
        lines.append(Self.declined[Int(rng.next() % UInt64(Self.declined.count))])
      } else if pick < 10 {
        lines.append(Self.answered[Int(rng.next() % UInt64(Self.answered.count))])
      } else if pick < 20 {
        lines.append(
          Self.line([
            [
              [
                Self.genAI(
                  i, model: model, response: nil, input: Int(rng.next() % 500),
                  output: Int(rng.next() % 50), latencyMs: Int(rng.next() % 900), error: true)
              ]
            ]
          ]))
      } else {
        let response = rng.next() % 2 == 0 ? "\(model)-v1" : "\(model)-v2"
        lines.append(
          Self.line([
            [
              [
                Self.genAI(
                  i, model: model, response: response, input: Int(rng.next() % 5_000),
                  output: Int(rng.next() % 500), latencyMs: 1 + Int(rng.next() % 3_000))
              ]
            ]
          ]))
      }
    }
    let (dir, path) = try Self.write(lines)
    defer { try? FileManager.default.removeItem(at: dir) }
    let slow = try ReplayAggregator.run(paths: [path], options: Self.options(recordFree: false))
    #expect(slow.records > 2_500)
    #expect(slow.malformedLines > 0)
    for threads in [1, 2] {
      let fast = try ReplayAggregator.run(
        paths: [path], options: Self.options(recordFree: true, threads: threads))
      Self.expectSame(fast, slow)
    }
    let part = Self.part(lines, options: Self.options(recordFree: true))
    #expect(part.otlpRecordFreeLines > 2_500)
  }

  /// Lines with random bytes changed, inserted or deleted: whatever the
  /// record-free path answers, it answers as the record path does (errors
  /// at the same lines, same rows).
  @Test func mutatedLinesGiveTheResultOfTheRecordPath() throws {
    var rng = SplitMix64(seed: 42)
    let base =
      Self.answered + [
        Self.line([
          [
            [
              Self.genAI(
                50, model: "gpt-4o", response: "gpt-4o-2024-08-06", input: 100, output: 10, latencyMs: 80)
            ]
          ]
        ])
      ]
    let alphabet =
      Array(#"{}[]":,\ 0123456789-+.eEtrunlfasxabcdef"#.utf8) + [0x00, 0x1F, 0x7F, 0xC3, 0xA9, 0xFF]
    var lines: [String] = []
    for _ in 0..<4_000 {
      var bytes = Array(base[Int(rng.next() % UInt64(base.count))].utf8)
      for _ in 0..<(1 + Int(rng.next() % 3)) {
        let at = Int(rng.next() % UInt64(bytes.count))
        switch rng.next() % 3 {
        case 0: bytes[at] = alphabet[Int(rng.next() % UInt64(alphabet.count))]
        case 1: bytes.insert(alphabet[Int(rng.next() % UInt64(alphabet.count))], at: at)
        default: bytes.remove(at: at)
        }
      }
      // No line breaks inside a line.
      lines.append(String(decoding: bytes.map { $0 == 0x0A || $0 == 0x0D ? 0x20 : $0 }, as: UTF8.self))
    }
    let (dir, path) = try Self.write(lines)
    defer { try? FileManager.default.removeItem(at: dir) }
    let slow = try ReplayAggregator.run(paths: [path], options: Self.options(recordFree: false))
    let fast = try ReplayAggregator.run(paths: [path], options: Self.options(recordFree: true))
    Self.expectSame(fast, slow)
    // Not vacuous: some mutated lines are still read, some are errors, and the record-free path answered some.
    #expect(slow.records > 100)
    #expect(slow.malformedLines > 100)
    let part = Self.part(lines, options: Self.options(recordFree: true))
    #expect(part.otlpRecordFreeLines > 100)
  }
}
