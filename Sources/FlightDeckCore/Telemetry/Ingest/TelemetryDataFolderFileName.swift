/// The names of the files a ``TelemetryDataFolder`` writes:
/// `received-YYYYMMDDTHHMMSSZ-NNNNNN.jsonl`, the UTC second the file was
/// opened (from the folder's clock) and a sequence number within that
/// second (from 1, six digits).
///
/// The names sort lexically in the order the files were written: the
/// timestamp has a fixed width and comes first, and a new file never takes a
/// timestamp before the newest existing file's (a clock set back reuses the
/// newest second with the next number). ``TelemetryFileName/isTelemetry(_:)``
/// accepts them (`.jsonl`), so `flightdeck replay DIR` and the dashboard's
/// tailer read the folder as any other folder of telemetry. Other files in
/// the folder are not the folder's: they are read by those commands but
/// never counted, rotated or deleted by the data folder.
public struct TelemetryDataFolderFileName: Sendable, Hashable, Comparable {
  /// When the file was opened, truncated to the second.
  public var openedAt: Timestamp
  /// The file's number within its second, ≥ 1.
  public var sequence: Int

  /// Creates a name for a file opened at `openedAt` (truncated to the
  /// second) with number `sequence`.
  public init(openedAt: Timestamp, sequence: Int) {
    let ms = openedAt.millisecondsSinceEpoch
    let second = ms >= 0 ? ms / 1000 : (ms - 999) / 1000
    self.openedAt = Timestamp(millisecondsSinceEpoch: second * 1000)
    self.sequence = max(1, sequence)
  }

  /// The file name, e.g. `received-20261206T013000Z-000001.jsonl`.
  public var name: String {
    let ms = openedAt.millisecondsSinceEpoch
    let days = ms >= 0 ? ms / 86_400_000 : (ms - 86_399_999) / 86_400_000
    let secondOfDay = (ms - days * 86_400_000) / 1000
    let (y, m, d) = Timestamp.civil(fromDays: days)
    func pad(_ v: Int64, _ w: Int) -> String {
      let t = String(v)
      return t.count >= w ? t : String(repeating: "0", count: w - t.count) + t
    }
    return "received-\(pad(y, 4))\(pad(m, 2))\(pad(d, 2))T\(pad(secondOfDay / 3600, 2))"
      + "\(pad(secondOfDay / 60 % 60, 2))\(pad(secondOfDay % 60, 2))Z-\(pad(Int64(sequence), 6)).jsonl"
  }

  /// Parses a name written by ``name``; `nil` for any other file name.
  public init?(parsing name: String) {
    let bytes = Array(name.utf8)
    // received- (9) + 8 digits + T + 6 digits + Z (16) + - + ≥ 6 digits + .jsonl
    let prefix = Array("received-".utf8)
    let suffix = Array(".jsonl".utf8)
    guard bytes.count >= 9 + 16 + 1 + 6 + 6, bytes.starts(with: prefix), bytes.suffix(6).elementsEqual(suffix)
    else { return nil }
    func number(_ range: Range<Int>) -> Int64? {
      var v: Int64 = 0
      for i in range {
        let d = bytes[i] &- 0x30
        guard d < 10 else { return nil }
        v = v * 10 + Int64(d)
      }
      return v
    }
    guard bytes[17] == UInt8(ascii: "T"), bytes[24] == UInt8(ascii: "Z"), bytes[25] == UInt8(ascii: "-"),
      let year = number(9..<13), let month = number(13..<15), let day = number(15..<17),
      let hour = number(18..<20), let minute = number(20..<22), let second = number(22..<24),
      (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 60,
      bytes.count - 6 - 26 <= 18, let sequence = number(26..<(bytes.count - 6)), sequence >= 1
    else { return nil }
    let days = Timestamp.days(year: year, month: month, day: day)
    let ms = ((days * 24 + hour) * 60 + minute) * 60_000 + second * 1000
    self.init(openedAt: Timestamp(millisecondsSinceEpoch: ms), sequence: Int(sequence))
    guard self.name == name else { return nil }
  }

  /// The name of the file to open at `now` after `newest` (the newest
  /// existing file, if any): at `now`'s second with number 1, or, when
  /// `newest` is from that second or later (a clock set back), at
  /// `newest`'s second with the next number.
  public static func next(after newest: TelemetryDataFolderFileName?, now: Timestamp)
    -> TelemetryDataFolderFileName
  {
    let candidate = TelemetryDataFolderFileName(openedAt: now, sequence: 1)
    guard let newest, candidate <= newest else { return candidate }
    return TelemetryDataFolderFileName(openedAt: newest.openedAt, sequence: newest.sequence + 1)
  }

  /// Earlier files first: by second, then by number.
  public static func < (lhs: TelemetryDataFolderFileName, rhs: TelemetryDataFolderFileName) -> Bool {
    (lhs.openedAt, lhs.sequence) < (rhs.openedAt, rhs.sequence)
  }
}
