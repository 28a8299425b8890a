// The pure parts of the outage exercises, on fixtures in the tools' documented output formats:
// Kafka 3.9's kafka-get-offsets, kafka-consumer-groups --describe and kafka-console-consumer;
// OTLP/JSON trace requests (what the collector writes with otlp_json); Jaeger's /api/traces/{id}.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeTally, spanIdsOf, tally } from '../checks/jaeger.ts';
import {
  describeLag,
  parseConsoleRecords,
  parseGroupDescribe,
  parsePartitionOffsets,
  reached,
  summarizeLag,
  sumOffsets,
} from '../checks/kafka.ts';
import { addSpans, type SpansByTrace } from '../checks/otlp.ts';
import { fixture } from './helpers.ts';

const CHECKOUT = '948fa8de1f33f0601aecb1973e1c20bb';
const LOGIN = '548f89eee8b127ea03ccbc603ab79340';
const FAILED = '2faa09732a19da92311009170e251fc0';

test('end offsets per partition from kafka-get-offsets', () => {
  const offsets = parsePartitionOffsets(fixture('kafka-get-offsets.txt'), 'jaeger-spans');
  assert.deepEqual(
    [...offsets],
    [
      [0, 1342],
      [1, 1349],
      [2, 1331],
    ],
  );
  assert.equal(sumOffsets(offsets), 4022);
  assert.equal(parsePartitionOffsets(fixture('kafka-get-offsets.txt'), 'other-topic').size, 0);
  assert.equal(parsePartitionOffsets('Error occurred: Topic jaeger-spans does not exist\n', 'jaeger-spans').size, 0);
});

test('committed offsets and lag per partition from kafka-consumer-groups --describe', () => {
  const stable = parseGroupDescribe(fixture('consumer-groups-stable.txt'), 'jaeger-ingester', 'jaeger-spans');
  assert.deepEqual(stable, [
    { partition: 0, committed: 1187, logEnd: 1190, lag: 3 },
    { partition: 1, committed: 1203, logEnd: 1203, lag: 0 },
    { partition: 2, committed: 1175, logEnd: 1176, lag: 1 },
  ]);
  assert.equal(describeLag(stable), 'lag 4 (p0 3, p1 0, p2 1)');

  // The ingester stopped: no members, and partition 2 has no committed offset yet.
  const stopped = parseGroupDescribe(fixture('consumer-groups-stopped.txt'), 'jaeger-ingester', 'jaeger-spans');
  assert.deepEqual(summarizeLag(stopped), { partitions: 3, lag: 298, uncommitted: 1 });
  assert.equal(describeLag(stopped), 'lag 298 (p0 152, p1 146, p2 -)');
  assert.deepEqual(parseGroupDescribe(fixture('consumer-groups-stable.txt'), 'another-group', 'jaeger-spans'), []);
});

test('drained means committed up to the window end on every partition', () => {
  const stable = parseGroupDescribe(fixture('consumer-groups-stable.txt'), 'jaeger-ingester', 'jaeger-spans');
  const end = (o: [number, number][]) => new Map(o);
  assert.equal(
    reached(
      stable,
      end([
        [0, 1187],
        [1, 1200],
        [2, 1175],
      ]),
    ),
    true,
  );
  assert.equal(reached(stable, end([[0, 1188]])), false, 'partition 0 is one message short');
  assert.equal(reached(stable, end([[3, 1]])), false, 'a partition the group has not committed');
  const stopped = parseGroupDescribe(fixture('consumer-groups-stopped.txt'), 'jaeger-ingester', 'jaeger-spans');
  assert.equal(reached(stopped, end([[2, 0]])), false, 'no committed offset is not offset 0');
});

test('messages read back with their partition and offset from kafka-console-consumer', () => {
  const records = parseConsoleRecords(`${fixture('console-consumer.txt')}Processed a total of 2 messages\n`);
  assert.deepEqual(
    records.map((r) => [r.partition, r.offset, r.value.slice(0, 17)]),
    [
      [2, 118, '{"resourceSpans":'],
      [2, 119, '{"resourceSpans":'],
    ],
  );
});

test('trace and span IDs from otlp_json messages, several traces and services per message', () => {
  const traces: SpansByTrace = new Map();
  for (const record of parseConsoleRecords(fixture('console-consumer.txt'))) addSpans(record.value, traces);
  assert.deepEqual(
    [...traces].map(([id, spans]) => [id, spans.size]),
    [
      [CHECKOUT, 9],
      [LOGIN, 2],
      [FAILED, 3],
    ],
  );
  // A trace's spans may arrive in two messages (two collector batches): they add up.
  const split = JSON.stringify({
    resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: CHECKOUT, spanId: 'aaaaaaaaaaaaaaaa' }] }] }],
  });
  assert.equal(addSpans(split, traces).get(CHECKOUT)?.size, 10);
  // OTLP/JSON receivers accept the proto field names too.
  const snake = JSON.stringify({
    resource_spans: [{ scope_spans: [{ spans: [{ trace_id: LOGIN.toUpperCase(), span_id: 'BBBBBBBBBBBBBBBB' }] }] }],
  });
  assert.deepEqual([...(addSpans(snake).get(LOGIN) ?? [])], ['bbbbbbbbbbbbbbbb']);
});

test('a message that is not OTLP/JSON with hex IDs is an error, not zero traces', () => {
  assert.throws(() => addSpans('{"data":[]}'), /no resourceSpans/);
  assert.throws(() => addSpans('not json'), SyntaxError);
  // Base64 IDs are the protobuf JSON default; OTLP/JSON requires hex.
  const base64 = JSON.stringify({
    resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: 'W47/95gDgQPSabYzgT/GDA==', spanId: '7uGbfsPBsXQ=' }] }] }],
  });
  assert.throws(() => addSpans(base64), /hex trace and span IDs/);
});

test('every trace is looked up and counted, spans included', () => {
  const expected: SpansByTrace = new Map();
  for (const record of parseConsoleRecords(fixture('console-consumer.txt'))) addSpans(record.value, expected);
  const checkout = spanIdsOf(JSON.parse(fixture('jaeger-trace.json')));
  assert.deepEqual(checkout, expected.get(CHECKOUT));

  const all = new Map([
    [CHECKOUT, checkout],
    [LOGIN, expected.get(LOGIN) as Set<string>],
    [FAILED, expected.get(FAILED) as Set<string>],
  ]);
  assert.equal(describeTally(tally(expected, all)), '3 of 3 traces found (14 spans)');

  const partial = new Set([...checkout].slice(1));
  const t = tally(
    expected,
    new Map([
      [CHECKOUT, partial],
      [LOGIN, new Set()],
    ]),
  );
  assert.deepEqual([t.complete, t.missing, t.partial], [[], [LOGIN, FAILED], [CHECKOUT]]);
  assert.equal(describeTally(t), `0 of 3 traces found (14 spans); 2 missing: ${LOGIN}, ${FAILED}; 1 without all their spans: ${CHECKOUT}`);
  assert.equal(spanIdsOf({ data: null }).size, 0);
});
