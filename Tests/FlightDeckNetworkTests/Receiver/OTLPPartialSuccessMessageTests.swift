import FlightDeckCore
import Testing

@testable import FlightDeckNetwork

/// The `error_message` of a partial success: counts, the first three
/// problems, control characters removed, at most 1 KiB.
@Suite struct OTLPPartialSuccessMessageTests {
  @Test func theMessageNamesTheFirstThreeProblemsAndCountsTheRest() {
    let errors = (0..<5).map { TelemetryDecodeError(field: "spans[\($0)].trace_id", reason: "bad") }
    #expect(
      OTLPReceiverResponder.partialSuccessMessage(errors)
        == "5 spans rejected: spans[0].trace_id: bad; spans[1].trace_id: bad; spans[2].trace_id: bad (and 2 more)"
    )
    #expect(OTLPReceiverResponder.partialSuccessMessage([]) == "")
  }

  @Test func controlCharactersAreBlankedAndLengthIsBounded() {
    let sneaky = TelemetryDecodeError(field: "attributes[a\nb\u{1B}[31m]", reason: "x\u{0}y\u{202E}z")
    #expect(
      OTLPReceiverResponder.partialSuccessMessage([sneaky])
        == "1 span rejected: attributes[a b [31m]: x y z")
    let long = (0..<3).map { _ in
      TelemetryDecodeError(field: String(repeating: "é", count: 2000), reason: "r")
    }
    let message = OTLPReceiverResponder.partialSuccessMessage(long)
    // Each problem is cut to 200 characters: "é" × 200 per problem…
    #expect(message.filter { $0 == "é" }.count == 600)
    // …and the whole to 1 KiB of UTF-8 (1200 bytes of é alone before).
    let sent = OTLPResponseBody.bounded(message)
    #expect(sent.utf8.count <= OTLPResponseBody.maxMessageBytes)
    #expect(sent.hasSuffix("é…"))
  }
}
