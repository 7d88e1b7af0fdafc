import Testing

@testable import FlightDeckNetwork

/// The in-flight bound's arithmetic: requests and bytes both bound, and a
/// refused reservation takes nothing.
@Suite struct InFlightBudgetTests {
  @Test func reservationsStopAtEitherBoundAndReleasesGiveBack() {
    let budget = InFlightBudget(maxRequests: 3, maxBytes: 100)
    #expect(budget.reserve(bytes: 60))
    #expect(!budget.reserve(bytes: 41))  // 60 + 41 > 100
    #expect(budget.inFlight == (1, 60))
    #expect(budget.reserve(bytes: 40))  // exactly 100
    #expect(!budget.reserve(bytes: 1))
    budget.release(bytes: 60)
    #expect(budget.inFlight == (1, 40))
    #expect(budget.reserve(bytes: 0))
    #expect(budget.reserve(bytes: 0))
    #expect(!budget.reserve(bytes: 0))  // a fourth request
    #expect(budget.inFlight == (3, 40))
  }
}
