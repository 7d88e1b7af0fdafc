import CYaml

extension YAMLNestingScreen {
  /// The first place where `text`, read by libyaml's event parser (the
  /// parser under Yams, with the same input and encoding), opens more than
  /// `limit` collections at once, or `nil` when it never does.
  ///
  /// libyaml parses with explicit stacks, not recursion, so this pass is
  /// safe at any depth; it counts exactly what Yams' recursive composer
  /// would descend into (a sequence or mapping start is one level), with
  /// YAML's own rules for line breaks (`\r`, U+0085, U+2028 as well as
  /// `\n`), document markers, flow and block context — where the byte
  /// screen of ``firstViolation(in:limit:)`` only approximates them. It
  /// stops at the first level past `limit`, so a syntax error further on
  /// (which Yams would reach only after descending) does not hide it. A
  /// syntax error before that returns `nil`: Yams then reports it.
  ///
  /// Linear in the text's length; never throws.
  public static func firstEventViolation(in text: String, limit: Int = maximumDepth) -> Violation? {
    var parser = yaml_parser_t()
    guard yaml_parser_initialize(&parser) == 1 else { return nil }
    defer { yaml_parser_delete(&parser) }
    var bytes = Array(text.utf8)
    return bytes.withUnsafeMutableBufferPointer { buffer -> Violation? in
      yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
      yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
      var depth = 0
      while true {
        var event = yaml_event_t()
        guard yaml_parser_parse(&parser, &event) == 1 else { return nil }
        let type = event.type
        let mark = event.start_mark
        yaml_event_delete(&event)
        switch type {
        case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
          depth += 1
          if depth > limit {
            return Violation(line: Int(mark.line) + 1, column: Int(mark.column) + 1, limit: limit)
          }
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
          depth -= 1
        case YAML_STREAM_END_EVENT, YAML_NO_EVENT:
          return nil
        default:
          break
        }
      }
    }
  }
}
