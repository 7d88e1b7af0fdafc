import Foundation

/// Debian's real `prometheus`, started by a test to scrape a FlightDeck
/// `/metrics` on loopback every second, with its TSDB in a test folder.
public enum PrometheusScraper {
  /// Starts `prometheus` listening on `127.0.0.1:port`, scraping
  /// `http://127.0.0.1:targetPort/metrics` every second (job `flightdeck`),
  /// its configuration and data in `folder`. Stop it with `send(SIGTERM)` and
  /// `waitOrKill(seconds:)`.
  /// - Throws: when the configuration cannot be written or the executable not started.
  public static func start(_ prometheus: URL, port: Int, targetPort: Int, folder: URL) throws -> ChildProcess
  {
    let config = folder.appendingPathComponent("prometheus.yml")
    try """
    global:
      scrape_interval: 1s
    scrape_configs:
      - job_name: flightdeck
        static_configs:
          - targets: ['127.0.0.1:\(targetPort)']
    """.write(to: config, atomically: true, encoding: .utf8)
    let server = Process()
    server.executableURL = prometheus
    server.arguments = [
      "--config.file=\(config.path)", "--storage.tsdb.path=\(folder.appendingPathComponent("tsdb").path)",
      "--web.listen-address=127.0.0.1:\(port)",
    ]
    server.standardOutput = FileHandle.nullDevice
    server.standardError = FileHandle.nullDevice
    return try ChildProcess(starting: server)
  }
}
