import FlightDeckCore
import Foundation

/// A resolve API path, parsed and checked:
/// `/v1/artefacts/{name}/pointers/{pointer}`, `/v1/artefacts/{name}/routing`,
/// `/v1/artefacts/{name}/versions/{version}/template`.
///
/// Each segment is percent-decoded (RFC 3986 §2.1). An artefact name may
/// hold `/` (`team/bot`): sent as is, it spans segments and is read up to
/// the route's fixed tail (pointer names and version labels never hold a
/// `/`); sent as `%2F` it is decoded in place. Names, pointers and labels
/// are then checked by the registry's own rules (``RegistryNames``,
/// ``PointerName``), so a decoded NUL, `..` or control character is a bad
/// request, never a lookup; nothing is ever read from a file by name.
enum ResolveRoute: Sendable, Hashable {
  /// `/v1/artefacts/{name}/pointers/{pointer}`.
  case pointer(artefact: String, pointer: PointerName)
  /// `/v1/artefacts/{name}/routing`.
  case routing(artefact: String)
  /// `/v1/artefacts/{name}/versions/{version}/template`.
  case template(artefact: String, version: String)

  /// Why a path is refused: `notFound` (not a resolve path) or
  /// `badRequest` (a resolve path with a malformed part; the message says which).
  enum Refusal: Error, Sendable, Hashable {
    case notFound
    case badRequest(String)
  }

  /// The longest path accepted, in bytes (the longest valid route is well
  /// under it: a 128-character name, a 64-character label).
  static let maximumPathBytes = 1024

  /// Parses the raw (percent-encoded) path of a request.
  static func parse(_ path: String) -> Result<ResolveRoute, Refusal> {
    if path.utf8.count > maximumPathBytes {
      return .failure(.badRequest("the path is longer than \(maximumPathBytes) bytes"))
    }
    var segments = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
    guard segments.first == "" else { return .failure(.notFound) }
    segments.removeFirst()
    guard segments.count >= 4, segments[0] == "v1", segments[1] == "artefacts" else {
      return .failure(.notFound)
    }
    var decoded: [String] = []
    for segment in segments.dropFirst(2) {
      guard let d = segment.removingPercentEncoding else {
        return .failure(.badRequest("a path segment is not valid percent-encoded UTF-8"))
      }
      decoded.append(d)
    }
    func name(_ parts: ArraySlice<String>) -> Result<String, Refusal> {
      let name = parts.joined(separator: "/")
      do {
        try RegistryNames.validateArtefact(name)
      } catch let error as RegistryError {
        return .failure(.badRequest(error.message))
      } catch {
        return .failure(.badRequest("\(error)"))
      }
      return .success(name)
    }
    let n = decoded.count
    if decoded[n - 1] == "routing" {
      return name(decoded[..<(n - 1)]).map { .routing(artefact: $0) }
    }
    if n >= 3, decoded[n - 2] == "pointers" {
      guard let pointer = try? PointerName(decoded[n - 1]) else {
        return .failure(
          .badRequest("pointer name \"\(RegistryNames.quoted(decoded[n - 1]))\" is not valid"))
      }
      return name(decoded[..<(n - 2)]).map { .pointer(artefact: $0, pointer: pointer) }
    }
    if n >= 4, decoded[n - 1] == "template", decoded[n - 3] == "versions" {
      let label = decoded[n - 2]
      do {
        try RegistryNames.validateVersion(label)
      } catch let error as RegistryError {
        return .failure(.badRequest(error.message))
      } catch {
        return .failure(.badRequest("\(error)"))
      }
      return name(decoded[..<(n - 3)]).map { .template(artefact: $0, version: label) }
    }
    return .failure(.notFound)
  }

  /// The artefact the route is about.
  var artefact: String {
    switch self {
    case .pointer(let a, _), .routing(let a), .template(let a, _): a
    }
  }
}
