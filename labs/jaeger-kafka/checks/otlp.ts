// Reads the spans out of a Kafka message in the otlp_json encoding: an ExportTraceServiceRequest
// in OTLP/JSON (opentelemetry-proto docs/specification.md, "JSON Protobuf Encoding"): field names
// in lowerCamelCase (receivers also accept the proto names), trace and span IDs as hex strings.

/** Trace ID -> the IDs of its spans. */
export type SpansByTrace = Map<string, Set<string>>;

interface Span {
  traceId?: string;
  trace_id?: string;
  spanId?: string;
  span_id?: string;
}
interface ScopeSpans {
  spans?: Span[];
}
interface ResourceSpans {
  scopeSpans?: ScopeSpans[];
  scope_spans?: ScopeSpans[];
}

const TRACE_ID = /^[0-9a-f]{32}$/;
const SPAN_ID = /^[0-9a-f]{16}$/;

/** Adds the spans of one message to `into` (a trace's spans may come in several messages). */
export function addSpans(message: string, into: SpansByTrace = new Map()): SpansByTrace {
  const request = JSON.parse(message) as { resourceSpans?: ResourceSpans[]; resource_spans?: ResourceSpans[] };
  const resourceSpans = request.resourceSpans ?? request.resource_spans;
  if (!Array.isArray(resourceSpans)) throw new Error('not an OTLP/JSON trace request: no resourceSpans');
  for (const rs of resourceSpans) {
    for (const ss of rs.scopeSpans ?? rs.scope_spans ?? []) {
      for (const span of ss.spans ?? []) {
        const traceId = (span.traceId ?? span.trace_id ?? '').toLowerCase();
        const spanId = (span.spanId ?? span.span_id ?? '').toLowerCase();
        if (!TRACE_ID.test(traceId) || !SPAN_ID.test(spanId))
          throw new Error(`a span without hex trace and span IDs: ${JSON.stringify(span).slice(0, 120)}`);
        const spans = into.get(traceId) ?? new Set<string>();
        spans.add(spanId);
        into.set(traceId, spans);
      }
    }
  }
  return into;
}
