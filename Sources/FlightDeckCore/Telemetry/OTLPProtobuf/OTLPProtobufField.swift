/// Field numbers of the OTLP trace request's messages, as declared in
/// opentelemetry-proto (<https://github.com/open-telemetry/opentelemetry-proto>,
/// `opentelemetry/proto/...`). Only the fields ``OTLPProtobufTraceReader``
/// reads or checks are listed; every other field is skipped by wire type.
enum OTLPProtobufField {
  /// `collector/trace/v1/trace_service.proto`, `ExportTraceServiceRequest`.
  enum ExportTraceServiceRequest {
    /// `repeated ResourceSpans resource_spans = 1;`
    static let resourceSpans = 1
  }

  /// `trace/v1/trace.proto`, `ResourceSpans` (1000 is reserved: the former
  /// `instrumentation_library_spans`, skipped as unknown).
  enum ResourceSpans {
    /// `Resource resource = 1;`
    static let resource = 1
    /// `repeated ScopeSpans scope_spans = 2;`
    static let scopeSpans = 2
    /// `string schema_url = 3;`
    static let schemaURL = 3
  }

  /// `resource/v1/resource.proto`, `Resource`.
  enum Resource {
    /// `repeated KeyValue attributes = 1;`
    static let attributes = 1
    /// `uint32 dropped_attributes_count = 2;`
    static let droppedAttributesCount = 2
  }

  /// `trace/v1/trace.proto`, `ScopeSpans`.
  enum ScopeSpans {
    /// `InstrumentationScope scope = 1;`
    static let scope = 1
    /// `repeated Span spans = 2;`
    static let spans = 2
    /// `string schema_url = 3;`
    static let schemaURL = 3
  }

  /// `trace/v1/trace.proto`, `Span`.
  enum Span {
    /// `bytes trace_id = 1;` (16 bytes)
    static let traceID = 1
    /// `bytes span_id = 2;` (8 bytes)
    static let spanID = 2
    /// `string trace_state = 3;`
    static let traceState = 3
    /// `bytes parent_span_id = 4;`
    static let parentSpanID = 4
    /// `string name = 5;`
    static let name = 5
    /// `SpanKind kind = 6;` (enum, 0 … 5)
    static let kind = 6
    /// `fixed64 start_time_unix_nano = 7;`
    static let startTimeUnixNano = 7
    /// `fixed64 end_time_unix_nano = 8;`
    static let endTimeUnixNano = 8
    /// `repeated KeyValue attributes = 9;`
    static let attributes = 9
    /// `uint32 dropped_attributes_count = 10;`
    static let droppedAttributesCount = 10
    /// `repeated Event events = 11;`
    static let events = 11
    /// `uint32 dropped_events_count = 12;`
    static let droppedEventsCount = 12
    /// `repeated Link links = 13;`
    static let links = 13
    /// `uint32 dropped_links_count = 14;`
    static let droppedLinksCount = 14
    /// `Status status = 15;`
    static let status = 15
    /// `fixed32 flags = 16;`
    static let flags = 16

    /// The proto name of a field number listed here (for errors).
    static func fieldName(_ field: Int) -> String {
      switch field {
      case traceID: "trace_id"
      case spanID: "span_id"
      case traceState: "trace_state"
      case parentSpanID: "parent_span_id"
      case 5: "name"
      case kind: "kind"
      case startTimeUnixNano: "start_time_unix_nano"
      case endTimeUnixNano: "end_time_unix_nano"
      case attributes: "attributes"
      case droppedAttributesCount: "dropped_attributes_count"
      case events: "events"
      case droppedEventsCount: "dropped_events_count"
      case links: "links"
      case droppedLinksCount: "dropped_links_count"
      case status: "status"
      case flags: "flags"
      default: "field \(field)"
      }
    }
  }

  /// `trace/v1/trace.proto`, `Status` (1 is reserved).
  enum Status {
    /// `string message = 2;`
    static let message = 2
    /// `StatusCode code = 3;` (2 = `STATUS_CODE_ERROR`)
    static let code = 3
  }

  /// `common/v1/common.proto`, `KeyValue`.
  enum KeyValue {
    /// `string key = 1;`
    static let key = 1
    /// `AnyValue value = 2;`
    static let value = 2
  }

  /// `common/v1/common.proto`, `AnyValue` (a `oneof value`).
  enum AnyValue {
    /// `string string_value = 1;`
    static let stringValue = 1
    /// `bool bool_value = 2;`
    static let boolValue = 2
    /// `int64 int_value = 3;`
    static let intValue = 3
    /// `double double_value = 4;`
    static let doubleValue = 4
    /// `ArrayValue array_value = 5;`
    static let arrayValue = 5
    /// `KeyValueList kvlist_value = 6;`
    static let kvlistValue = 6
    /// `bytes bytes_value = 7;`
    static let bytesValue = 7
  }

  /// `common/v1/common.proto`, `ArrayValue`.
  enum ArrayValue {
    /// `repeated AnyValue values = 1;`
    static let values = 1
  }

  /// `common/v1/common.proto`, `KeyValueList`.
  enum KeyValueList {
    /// `repeated KeyValue values = 1;`
    static let values = 1
  }
}
