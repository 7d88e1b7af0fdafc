import Crypto
import Foundation

/// The HMAC-SHA256 signature of a webhook delivery, as MLflow signs its
/// webhooks (`mlflow/webhooks`: headers `X-MLflow-Signature`,
/// `X-MLflow-Timestamp`, `X-MLflow-Delivery-Id`; the signature is
/// `v1,` + base64 of HMAC-SHA256(secret, `{delivery id}.{timestamp}.{body}`)).
/// FlightDeck sends the same scheme under its own names:
///
/// - `X-FlightDeck-Delivery-Id`: the idempotency key (the same on every attempt);
/// - `X-FlightDeck-Timestamp`: Unix seconds when this attempt was signed;
/// - `X-FlightDeck-Signature`: `v1,<base64>`.
///
/// The timestamp is inside the signed text, so a receiver that refuses
/// timestamps older than a few minutes (MLflow's example uses 300 s) refuses
/// a replayed delivery, and the delivery id lets it drop a duplicate.
public enum NotificationSignature {
  /// The signature header's name.
  public static let signatureHeader = "X-FlightDeck-Signature"
  /// The timestamp header's name.
  public static let timestampHeader = "X-FlightDeck-Timestamp"
  /// The delivery id header's name.
  public static let deliveryIDHeader = "X-FlightDeck-Delivery-Id"
  /// The scheme's version prefix.
  public static let version = "v1"

  /// `v1,<base64 HMAC-SHA256(secret, "{deliveryID}.{timestamp}.{body}")>`.
  /// - Parameters:
  ///   - secret: The shared secret's bytes (the secret file's content, trailing newline removed).
  ///   - timestamp: Unix seconds.
  public static func sign(body: [UInt8], secret: [UInt8], deliveryID: String, timestamp: Int64) -> String {
    var signed = Array("\(deliveryID).\(timestamp).".utf8)
    signed += body
    let mac = HMAC<SHA256>.authenticationCode(for: signed, using: SymmetricKey(data: secret))
    return "\(version)," + Data(mac).base64EncodedString()
  }

  /// Whether `signature` is right for the delivery and `timestamp` is at
  /// most `toleranceSeconds` from `nowSeconds` (what a receiver checks; the
  /// tests use it as a receiver would). Compares in constant time.
  public static func verify(
    body: [UInt8], secret: [UInt8], deliveryID: String, timestamp: Int64, signature: String,
    nowSeconds: Int64,
    toleranceSeconds: Int64 = 300
  ) -> Bool {
    guard abs(nowSeconds - timestamp) <= toleranceSeconds else { return false }
    let expected = Array(sign(body: body, secret: secret, deliveryID: deliveryID, timestamp: timestamp).utf8)
    let given = Array(signature.utf8)
    guard expected.count == given.count else { return false }
    var difference: UInt8 = 0
    for (a, b) in zip(expected, given) { difference |= a ^ b }
    return difference == 0
  }
}
