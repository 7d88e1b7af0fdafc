/// Pure helpers for raw terminfo strings used by the crash restore.
public enum TerminfoBytes {
  /// `bytes` without terminfo padding specifications (`$<5>`, `$<3/*>`),
  /// which `tputs` would turn into delays but `write(2)` would print.
  /// (terminfo(5), "delays and padding").
  public static func strippingPadding(_ bytes: [UInt8]) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    var i = 0
    while i < bytes.count {
      if bytes[i] == UInt8(ascii: "$"), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "<"),
        let close = bytes[(i + 2)...].firstIndex(of: UInt8(ascii: ">"))
      {
        let inner = bytes[(i + 2)..<close]
        let isPadding = inner.allSatisfy { b in
          (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b) || b == UInt8(ascii: ".")
            || b == UInt8(ascii: "*") || b == UInt8(ascii: "/")
        }
        if isPadding {
          i = close + 1
          continue
        }
      }
      out.append(bytes[i])
      i += 1
    }
    return out
  }

  /// The bytes a crash handler writes to put the terminal back: reset
  /// attributes (`sgr0`), show the cursor (`cnorm`), leave keypad-transmit
  /// mode (`rmkx`), leave the alternate screen (`rmcup`), then a newline so
  /// the crash report starts at column 0. Missing capabilities are skipped.
  public static func crashRestore(sgr0: [UInt8]?, cnorm: [UInt8]?, rmkx: [UInt8]?, rmcup: [UInt8]?)
    -> [UInt8]
  {
    var out: [UInt8] = []
    for cap in [sgr0, cnorm, rmkx, rmcup] {
      if let cap { out += strippingPadding(cap) }
    }
    out += [UInt8(ascii: "\r"), UInt8(ascii: "\n")]
    return out
  }
}
