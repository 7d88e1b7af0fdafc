/// The naming rules of Kubernetes objects a routing target writes
/// (<https://kubernetes.io/docs/concepts/overview/working-with-objects/names/>),
/// checked before a file is written so a name the API server would refuse
/// fails the publish with the field that holds it.
enum KubernetesNames {
  /// Whether `s` is an RFC 1035 label: 1–63 of `a-z 0-9 -`, starting with
  /// a letter, ending with a letter or digit (Service names; KServe requires
  /// it of an InferenceService's name).
  static func isDNS1035Label(_ s: String) -> Bool {
    guard let first = s.utf8.first, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first) else {
      return false
    }
    return isDNS1123Label(s)
  }

  /// Whether `s` is an RFC 1123 label: 1–63 of `a-z 0-9 -`, starting and
  /// ending with a letter or digit (namespaces).
  static func isDNS1123Label(_ s: String) -> Bool {
    let bytes = Array(s.utf8)
    guard (1...63).contains(bytes.count) else { return false }
    func alnum(_ b: UInt8) -> Bool {
      (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(b)
        || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b)
    }
    guard alnum(bytes[0]), alnum(bytes[bytes.count - 1]) else { return false }
    return bytes.allSatisfy { alnum($0) || $0 == UInt8(ascii: "-") }
  }

  /// Whether `s` is an RFC 1123 subdomain: at most 253 characters of
  /// dot-separated RFC 1123 labels (most object names, e.g. an HTTPRoute's).
  static func isDNS1123Subdomain(_ s: String) -> Bool {
    s.utf8.count <= 253
      && s.split(separator: ".", omittingEmptySubsequences: false).allSatisfy {
        isDNS1123Label(String($0))
      }
  }
}
