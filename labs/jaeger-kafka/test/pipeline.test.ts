// The lab's promise, checked in its configs: spans that reached Kafka are stored even when the
// ingester or remote storage stops, every write fits its limits, and nothing runs out of memory.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CheckContext } from '@obslab/runner';
import { kafkaTool, parseConsoleRecords, TOOL_HEAP_OPTS } from '../checks/kafka.ts';
import { fixture, lab, variants, yaml } from './helpers.ts';

interface Backoff {
  enabled?: boolean;
  max_elapsed_time?: string;
}
interface Ingester {
  service: { pipelines: { traces: { processors?: string[]; exporters: string[] } } };
  receivers: {
    kafka: { message_marking?: { after?: boolean; on_error?: boolean; on_permanent_error?: boolean }; error_backoff?: Backoff };
  };
  exporters: { jaeger_storage_exporter: { queue?: unknown; retry_on_failure?: Backoff } };
}
interface Collector {
  processors: { batch: { send_batch_size?: number; send_batch_max_size?: number } };
  exporters: { kafka: { producer?: { max_message_bytes?: number } } };
}
interface RemoteStorage {
  grpc: { max_recv_msg_size_mib?: number };
  storage: { backends: Record<string, { memory?: { max_traces: number } }> };
}

const ingester = yaml<Ingester>('config/jaeger/ingester.yaml');
const collector = yaml<Collector>('config/jaeger/collector.yaml');
const remote = yaml<RemoteStorage>('config/remote-storage/remote-storage.yaml');

/** gRPC's default receive limit, remote storage's unless grpc.max_recv_msg_size_mib raises it. */
const GRPC_MAX_RECV = 4 * 1024 * 1024;
/** Kafka's default message.max.bytes (the broker's limit; the compose files keep it). */
const BROKER_MAX_MESSAGE = 1048588;

const seconds = (d: string | undefined) => {
  const m = /^(\d+)(ms|s|m)$/.exec(d ?? '');
  assert.ok(m, `a duration: ${d}`);
  return Number(m[1]) * { ms: 0.001, s: 1, m: 60 }[m[2] as 'ms' | 's' | 'm'];
};
// `docker compose config` gives limits in bytes; the files write them as 768m or 320MiB.
const bytes = (size: string | number) => {
  if (typeof size === 'number' || /^\d+$/.test(size)) return Number(size);
  const m = /^(\d+)(MiB|m|g)$/.exec(size);
  assert.ok(m, `a size: ${size}`);
  return Number(m[1]) * (m[2] === 'g' ? 1024 ** 3 : 1024 ** 2);
};
const xmx = (opts: string) => bytes(`${/-Xmx(\d+m)/.exec(opts)?.[1]}`);

/** The lab's spans as the collector writes them: realistic otlp_json messages (test/fixtures). */
const messages = parseConsoleRecords(fixture('console-consumer.txt')).map((r) => JSON.parse(r.value));
interface Request {
  resourceSpans: { resource: unknown; scopeSpans: { scope: unknown; spans: { traceId: string }[] }[] }[];
}
/** One request per span, with its resource and scope: the most a span can add to a batch. */
const oneSpanRequests = (messages as Request[]).flatMap((m) =>
  m.resourceSpans.flatMap((rs) =>
    rs.scopeSpans.flatMap((ss) => ss.spans.map((span) => ({ resourceSpans: [{ ...rs, scopeSpans: [{ ...ss, spans: [span] }] }] }))),
  ),
);
/** One request per trace. */
const traceRequests = (messages as Request[]).flatMap((m) => {
  const ids = new Set(m.resourceSpans.flatMap((rs) => rs.scopeSpans.flatMap((ss) => ss.spans.map((s) => s.traceId))));
  return [...ids].map((id) => ({
    resourceSpans: m.resourceSpans
      .map((rs) => ({ ...rs, scopeSpans: rs.scopeSpans.map((ss) => ({ ...ss, spans: ss.spans.filter((s) => s.traceId === id) })) }))
      .filter((rs) => rs.scopeSpans.some((ss) => ss.spans.length > 0)),
  }));
});
const largest = (requests: unknown[]) => Math.max(...requests.map((r) => Buffer.byteLength(JSON.stringify(r))));

test('the ingester marks a message consumed only after storage took its spans, and not on a failed write', () => {
  // No processor: `batch` would answer the receiver before the write (and hold what it would lose).
  assert.deepEqual(ingester.service.pipelines.traces.processors ?? [], []);
  assert.deepEqual(ingester.service.pipelines.traces.exporters, ['jaeger_storage_exporter']);
  const kafka = ingester.receivers.kafka;
  assert.equal(kafka.message_marking?.after, true, 'marked after the pipeline returned');
  assert.equal(kafka.message_marking?.on_error, false, 'a failed write stays unmarked');
  // Only a message that can never be decoded is skipped, so it cannot stop its partition for good.
  assert.equal(kafka.message_marking?.on_permanent_error, true);
  assert.equal(kafka.error_backoff?.enabled, true, 'errors back off and retry the same message');
  assert.equal(seconds(kafka.error_backoff?.max_elapsed_time), 0, 'and never give up');
});

test('the storage exporter retries until remote storage answers, with no queue answering for it', () => {
  const exporter = ingester.exporters.jaeger_storage_exporter;
  assert.equal(exporter.retry_on_failure?.enabled, true, 'retry is off by default (storageexporter/factory.go)');
  assert.equal(seconds(exporter.retry_on_failure?.max_elapsed_time), 0, 'no deadline after which spans are dropped');
  assert.equal(exporter.queue, undefined, 'a queue would acknowledge before the write');
});

test('a collector batch fits in one Kafka message, and a message in one gRPC write to remote storage', () => {
  const batch = collector.processors.batch;
  const maxSpans = batch.send_batch_max_size ?? 0;
  assert.ok(maxSpans > 0, 'send_batch_max_size bounds the batch (0 means no bound)');
  assert.ok((batch.send_batch_size ?? 8192) <= maxSpans, 'send_batch_size must not exceed send_batch_max_size');
  const maxMessage = collector.exporters.kafka.producer?.max_message_bytes ?? 1000000;
  const perSpan = largest(oneSpanRequests);
  assert.ok(perSpan > 500, `the fixture holds real spans (${perSpan} bytes)`);
  assert.ok(maxSpans * perSpan <= maxMessage, `${maxSpans} spans x ${perSpan} bytes fit in ${maxMessage} bytes`);
  assert.ok(maxMessage <= BROKER_MAX_MESSAGE, 'the broker accepts the largest message');
  for (const compose of Object.values(variants)) {
    const env = compose.services.kafka!.environment as Record<string, string>;
    assert.equal(env.KAFKA_MESSAGE_MAX_BYTES, undefined, 'the broker keeps its default message limit');
  }
  // The ingester writes each message on its own (no batch processor, checked above).
  const recvLimit = remote.grpc.max_recv_msg_size_mib ? remote.grpc.max_recv_msg_size_mib * 1024 * 1024 : GRPC_MAX_RECV;
  assert.ok(maxMessage < recvLimit, `a ${maxMessage}-byte message is one write under remote storage's ${recvLimit}-byte limit`);
});

test("remote storage's max_traces fits its GOMEMLIMIT, below the container's memory limit", () => {
  const svc = lab.compose.services['jaeger-remote-storage']!;
  const limit = bytes(String((svc.deploy as { resources: { limits: { memory: string } } }).resources.limits.memory));
  const soft = bytes(String((svc.environment as Record<string, string>).GOMEMLIMIT));
  assert.ok(soft <= 0.9 * limit, `GOMEMLIMIT ${soft} leaves room under the ${limit}-byte limit for what Go does not count`);
  const [backend] = Object.values(remote.storage.backends);
  const maxTraces = backend?.memory?.max_traces ?? 0;
  assert.ok(maxTraces > 0, 'max_traces bounds the store (0 means unbounded)');
  // In memory a trace takes about 1.5x its OTLP JSON (Go structs and strings, not JSON syntax),
  // and Go's GC (GOGC=100) lets the heap grow to twice the live data before collecting.
  const live = maxTraces * largest(traceRequests) * 1.5;
  assert.ok(2 * live <= soft, `${maxTraces} traces: ${Math.round(live / 2 ** 20)} MiB live, twice that fits GOMEMLIMIT`);
});

test('Kafka tools start with their own small heap, in verify and in both variants’ healthchecks', async () => {
  for (const [name, compose] of Object.entries(variants)) {
    const kafka = compose.services.kafka!;
    const probe = kafka.healthcheck?.test as string[];
    assert.deepEqual(probe.slice(0, 3), ['CMD', 'env', `KAFKA_HEAP_OPTS=${TOOL_HEAP_OPTS}`], name);
    const broker = xmx(String((kafka.environment as Record<string, string>).KAFKA_HEAP_OPTS));
    const limit = bytes(String((kafka.deploy as { resources: { limits: { memory: string } } }).resources.limits.memory));
    // The broker plus two tools at once (the healthcheck and a verify tool) leave a third of the
    // container for what each JVM needs besides its heap.
    assert.ok(broker + 2 * xmx(TOOL_HEAP_OPTS) <= (2 / 3) * limit, `${name}: heaps within two thirds of ${limit} bytes`);
  }
  const calls: string[][] = [];
  const recorder = {
    compose: async (args: string[]) => {
      calls.push(args);
      return '';
    },
  } as unknown as CheckContext;
  await kafkaTool(recorder, 'kafka-get-offsets', ['--topic', 'jaeger-spans']);
  const args = calls[0] ?? [];
  assert.deepEqual(args.slice(0, 5), ['exec', '-T', '-e', `KAFKA_HEAP_OPTS=${TOOL_HEAP_OPTS}`, 'kafka']);
});

test('Redpanda Console deserializes the largest message the collector sends', () => {
  const maxMessage = collector.exporters.kafka.producer?.max_message_bytes ?? 1000000;
  for (const compose of Object.values(variants)) {
    const env = compose.services['redpanda-console']!.environment as Record<string, string>;
    // Console v3.0.0 backend/pkg/config/serde.go: serde.maxDeserializationPayloadSize, default 20480.
    assert.ok(Number(env.SERDE_MAXDESERIALIZATIONPAYLOADSIZE) >= maxMessage);
  }
});
