import NIOCore
import Testing

@testable import FlightDeckNetwork

/// The read deadlines' arithmetic over hand-picked instants: a head is due
/// 10 s after its first byte, a body 10 s after its head plus one second
/// per 64 KiB received, and nothing runs between requests or while a read
/// request is answered.
@Suite struct OTLPReadDeadlinesTests {
  static let limits = OTLPReadDeadlines.Limits(
    head: .seconds(10), body: .seconds(10), minBodyBytesPerSecond: 65_536)
  static func t(_ seconds: Double) -> NIODeadline { .uptimeNanoseconds(UInt64(seconds * 1e9)) }

  @Test func aFreshConnectionsFirstHeadIsDueFromTheConnectionOpening() {
    let d = OTLPReadDeadlines(limits: Self.limits, openedAt: Self.t(100))
    #expect(d.deadline == Self.t(110))
    #expect(d.expired(at: Self.t(109.999)) == .wait(until: Self.t(110)))
    #expect(d.expired(at: Self.t(110)) == .close(answer: true))
  }

  @Test func aBodyEarnsOneSecondPer64KiBAndATrickleIsCutOffAfterTheBaseDeadline() {
    var d = OTLPReadDeadlines(limits: Self.limits, openedAt: Self.t(0))
    d.headArrived(at: Self.t(2))
    #expect(d.deadline == Self.t(12))
    d.bodyArrived(count: 65_536)
    d.bodyArrived(count: 32_768)
    // 98 304 B / 65 536 B/s = 1.5 s on top of 2 + 10.
    #expect(d.deadline == Self.t(13.5))
    #expect(d.expired(at: Self.t(13)) == .wait(until: Self.t(13.5)))
    #expect(d.expired(at: Self.t(13.5)) == .close(answer: true))
    // A zero rate: the body deadline is fixed.
    var fixed = OTLPReadDeadlines(
      limits: .init(head: .seconds(10), body: .seconds(3), minBodyBytesPerSecond: 0), openedAt: Self.t(0))
    fixed.headArrived(at: Self.t(1))
    fixed.bodyArrived(count: 1 << 20)
    #expect(fixed.deadline == Self.t(4))
  }

  @Test func nothingRunsWhileARequestIsAnsweredOrBetweenRequests() {
    var d = OTLPReadDeadlines(limits: Self.limits, openedAt: Self.t(0))
    d.headArrived(at: Self.t(1))
    #expect(d.endArrived() == false)
    #expect(d.phase == .responding)
    #expect(d.deadline == nil)
    #expect(d.expired(at: Self.t(1000)) == .none)
    d.responseStarted()
    d.responseEnded()
    #expect(d.phase == .idle)
    #expect(d.deadline == nil)
    // The next request's first byte starts its head deadline.
    d.bytesArrived(at: Self.t(500))
    #expect(d.deadline == Self.t(510))
    d.bytesArrived(at: Self.t(505))  // more head bytes do not move it
    #expect(d.deadline == Self.t(510))
  }

  @Test func aRequestRefusedBeforeItsBodyIsDrainedUnderTheBodyDeadlineWithoutA408() {
    var d = OTLPReadDeadlines(limits: Self.limits, openedAt: Self.t(0))
    d.headArrived(at: Self.t(1))
    d.responseStarted()  // 401, 413, 429 … before the body
    d.responseEnded()
    #expect(d.deadline == Self.t(11))
    #expect(d.expired(at: Self.t(11)) == .close(answer: false))
    #expect(d.endArrived() == true)  // the body's end came in time
    #expect(d.phase == .idle)
  }
}
