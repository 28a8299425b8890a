// Jaeger query's HTTP API, the one its UI uses (Jaeger v2.20.0,
// cmd/jaeger/internal/extension/jaegerquery/internal/http_handler.go): `GET /api/traces/{id}`
// answers {"data": [trace]} with the trace's spans, or 404 when storage does not have it.
import { type CheckContext, getJson } from '@obslab/runner';
import type { SpansByTrace } from './otlp.ts';

/** A JSON answer of Jaeger query's API (`/api/services`, `/api/traces?service=...`). */
export const jaegerApi = <T>(ctx: CheckContext, path: string) => getJson<T>(ctx, ctx.url('jaeger-query', 16686, path));

interface TraceResponse {
  data?: { spans?: { spanID?: string }[] }[] | null;
}

/** The span IDs in a `GET /api/traces/{id}` answer. */
export function spanIdsOf(body: TraceResponse): Set<string> {
  return new Set((body.data ?? []).flatMap((t) => (t.spans ?? []).map((s) => (s.spanID ?? '').toLowerCase())));
}

/** The span IDs Jaeger has for a trace; an empty set when it does not know the trace. */
export async function storedSpans(ctx: CheckContext, traceId: string): Promise<Set<string>> {
  const url = ctx.url('jaeger-query', 16686, `/api/traces/${traceId}`);
  const res = await fetch(url, { signal: ctx.signal });
  if (res.status === 404) return new Set();
  if (!res.ok) throw new Error(`${url} answered ${res.status}`);
  return spanIdsOf((await res.json()) as TraceResponse);
}

export interface Tally {
  traces: number;
  spans: number;
  /** Traces with every expected span stored. */
  complete: string[];
  /** Traces Jaeger does not know at all. */
  missing: string[];
  /** Traces Jaeger knows, but without some of the expected spans. */
  partial: string[];
}

const hasAll = (want: Set<string>, have: Set<string> | undefined) => have !== undefined && [...want].every((s) => have.has(s));

/** Compares what was produced (from Kafka) with what Jaeger returned for each trace. */
export function tally(expected: SpansByTrace, stored: Map<string, Set<string>>): Tally {
  const t: Tally = { traces: expected.size, spans: 0, complete: [], missing: [], partial: [] };
  for (const [traceId, spans] of expected) {
    t.spans += spans.size;
    const have = stored.get(traceId);
    if (!have || have.size === 0) t.missing.push(traceId);
    else if (hasAll(spans, have)) t.complete.push(traceId);
    else t.partial.push(traceId);
  }
  return t;
}

/** "N of N traces found (S spans)", and which are not when some are missing. */
export function describeTally(t: Tally): string {
  const head = `${t.complete.length} of ${t.traces} traces found (${t.spans} spans)`;
  const sample = (ids: string[]) => ids.slice(0, 3).join(', ') + (ids.length > 3 ? ', ...' : '');
  const problems = [
    t.missing.length > 0 ? `${t.missing.length} missing: ${sample(t.missing)}` : '',
    t.partial.length > 0 ? `${t.partial.length} without all their spans: ${sample(t.partial)}` : '',
  ].filter(Boolean);
  return problems.length > 0 ? `${head}; ${problems.join('; ')}` : head;
}

/** Looks up each trace not yet found complete in `known` (8 requests at a time), then tallies. */
export async function lookUp(ctx: CheckContext, expected: SpansByTrace, known: Map<string, Set<string>>): Promise<Tally> {
  const pending = [...expected].filter(([id, spans]) => !hasAll(spans, known.get(id))).map(([id]) => id);
  for (let i = 0; i < pending.length; i += 8) {
    const batch = pending.slice(i, i + 8);
    const answers = await Promise.all(batch.map(async (id) => [id, await storedSpans(ctx, id)] as const));
    for (const [id, spans] of answers) known.set(id, spans);
  }
  return tally(expected, known);
}
