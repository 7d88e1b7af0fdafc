import FlightDeckCore
import Synchronization

/// A transport that records every request and answers with what `answer`
/// says for it (the test's receiver, without a network).
final class RecordingNotificationTransport: NotificationTransport {
  private let log = Mutex<[NotificationRequest]>([])
  private let answer: @Sendable (NotificationRequest, Int) -> NotificationResponse

  /// `answer` gets the request and how many were sent before it.
  init(
    answer: @escaping @Sendable (NotificationRequest, Int) -> NotificationResponse = { _, _ in
      NotificationResponse(status: 200)
    }
  ) {
    self.answer = answer
  }

  var requests: [NotificationRequest] { log.withLock { $0 } }

  func send(_ request: NotificationRequest, timeoutMs: Int64) async -> NotificationResponse {
    let n = log.withLock { list in
      list.append(request)
      return list.count - 1
    }
    return answer(request, n)
  }
}
