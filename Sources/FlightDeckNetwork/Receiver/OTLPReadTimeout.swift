/// A request did not arrive within its ``OTLPReadDeadlines``: the error a
/// body stream ends with when ``OTLPReadDeadlineHandler`` closes its
/// connection.
struct OTLPReadTimeout: Error, Equatable {}
