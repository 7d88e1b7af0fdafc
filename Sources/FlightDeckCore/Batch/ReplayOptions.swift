/// Options of a batch aggregation (`flightdeck replay`).
public struct ReplayOptions: Sendable {
  /// Only records with `from <= ts` count (inclusive), when set.
  public var from: Timestamp?
  /// Only records with `ts < to` count (exclusive), when set.
  public var to: Timestamp?
  /// Telemetry format (detect per line by default).
  public var format: TelemetryFormat = .auto
  /// Prices for records without `cost_usd`.
  public var prices: PriceTable = .default
  /// OTLP attribute mapping.
  public var otlpMapping = OTLPAttributeMapping()
  /// LiteLLM artefact / version fields.
  public var litellmMapping = LiteLLMFieldMapping()
  /// Lines longer than this are skipped and counted (default 1 MiB).
  public var maxLineBytes: Int = 1 << 20
  /// Worker threads for large FlightDeck JSON Lines and OTLP/JSON lines
  /// files (default: the number of active processors). Each file over 1 MiB
  /// whose first line is a FlightDeck record or a whole OTLP/JSON
  /// `TracesData` is cut at newlines into this many parts.
  public var threads: Int = ProcessInfoThreads.active
  /// The most series (artefact, version, route) aggregated (default
  /// ``EngineOptions/defaultMaxSeries``, `[metrics] max_series`), as the
  /// dashboard's ``EngineOptions/maxSeries``: the first `maxSeries` series
  /// in file order are kept; the records of later new series are counted in
  /// ``ReplayResult/overSeriesLimitRecords`` and dropped, so whoever writes
  /// the telemetry cannot exhaust memory with names. Each worker thread holds
  /// at most this many series.
  public var maxSeries: Int = EngineOptions.defaultMaxSeries
  /// How many located errors to keep for the report (default 20).
  public var errorLimit: Int = 20
  /// Whether OTLP/JSON lines take the record-free path (spans scanned
  /// straight into the series table, no record built) before the decoder
  /// (default `true`). `false` reads every OTLP/JSON line through
  /// ``TelemetryLineDecoder``: the same result, slower; the differential
  /// tests and the benchmark's "before" compare the two.
  public var usesOTLPRecordFreePath = true
  /// How each file is opened; tests inject a failure here (as root, which
  /// the tests run as, `chmod 000` does not stop reading).
  var openFile: InputFileCheck.Opener = InputFileCheck.systemOpen

  /// Default options.
  public init() {}
}
