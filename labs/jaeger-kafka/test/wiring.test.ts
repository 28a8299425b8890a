// Every config key is one its program reads (test/shapes.ts holds the key sets and their sources);
// both sides of Kafka and of remote storage agree; every endpoint names a real service and port.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { publishedPorts } from '@obslab/runner';
import { lab, labDir, read, variants, yaml } from './helpers.ts';
import { jaegerShape, remoteStorageShape, unreadKeys } from './shapes.ts';

interface Collector {
  receivers: { otlp: { protocols: Record<string, { endpoint: string }> } };
  exporters: { kafka: { brokers: string[]; traces: { topic: string; encoding: string } } };
}
interface Ingester {
  receivers: { kafka: { brokers: string[]; group_id: string; initial_offset: string; traces: { topics: string[]; encoding: string } } };
  extensions: { jaeger_storage: { backends: Record<string, { grpc: { endpoint: string } }> } };
  exporters: { jaeger_storage_exporter: { trace_storage: string } };
}
interface Query {
  extensions: {
    jaeger_storage: { backends: Record<string, { grpc: { endpoint: string } }> };
    jaeger_query: { storage: { traces: string } };
  };
}

const collector = yaml<Collector>('config/jaeger/collector.yaml');
const ingester = yaml<Ingester>('config/jaeger/ingester.yaml');
const query = yaml<Query>('config/jaeger/query.yaml');
const remote = yaml<{ grpc: { endpoint: string } }>('config/remote-storage/remote-storage.yaml');

test("the collector's Kafka exporter and the ingester's receiver use the same topic and encoding", () => {
  assert.deepEqual(ingester.receivers.kafka.traces.topics, [collector.exporters.kafka.traces.topic]);
  assert.equal(ingester.receivers.kafka.traces.encoding, collector.exporters.kafka.traces.encoding);
  assert.ok(!('topic' in ingester.receivers.kafka.traces), 'the receiver takes topics (plural)');
  assert.equal(ingester.receivers.kafka.initial_offset, 'earliest');
  assert.equal(ingester.receivers.kafka.group_id, 'jaeger-ingester');
});

test('both sides reach Kafka on its internal listener, advertised under the service name', () => {
  for (const compose of Object.values(variants)) {
    const env = compose.services.kafka!.environment as Record<string, string>;
    const internal = env.KAFKA_ADVERTISED_LISTENERS!.split(',').find((l) => l.startsWith(`${env.KAFKA_INTER_BROKER_LISTENER_NAME}://`));
    assert.equal(internal, 'INTERNAL://kafka:9092');
    const external = env.KAFKA_ADVERTISED_LISTENERS!.split(',').find((l) => l.startsWith('EXTERNAL://'));
    const hostPort = Number(external?.split(':').pop());
    assert.ok(
      publishedPorts(compose).some((p) => p.service === 'kafka' && p.published === hostPort),
      'the host listener is published',
    );
  }
  assert.deepEqual(collector.exporters.kafka.brokers, ['kafka:9092']);
  assert.deepEqual(ingester.receivers.kafka.brokers, ['kafka:9092']);
});

test('the topic kafka-init creates is the one the collector writes, with partitions to share', () => {
  for (const compose of Object.values(variants)) {
    const args = (compose.services['kafka-init']!.command as string[]).join(' ');
    assert.match(args, new RegExp(`--topic=${collector.exporters.kafka.traces.topic}\\b`));
    const partitions = Number(/--partitions=(\d+)/.exec(args)?.[1]);
    assert.ok(partitions >= 2, `${partitions} partitions let ingesters scale`);
    // The tool's path differs by image: apache/kafka ships scripts, Confluent puts them on PATH.
    const init = compose.services['kafka-init']!;
    const tool = (init.entrypoint as string[])[0];
    assert.equal(tool, init.image?.startsWith('apache/kafka:') ? '/opt/kafka/bin/kafka-topics.sh' : 'kafka-topics');
  }
});

test('ingester and query read and write remote storage at the service and port it serves', () => {
  const grpcPort = remote.grpc.endpoint.split(':').pop();
  assert.ok(lab.compose.services['jaeger-remote-storage']);
  for (const cfg of [ingester, query]) {
    const backends = Object.values(cfg.extensions.jaeger_storage.backends);
    assert.deepEqual(
      backends.map((b) => b.grpc.endpoint),
      [`jaeger-remote-storage:${grpcPort}`],
    );
  }
  assert.ok(ingester.extensions.jaeger_storage.backends[ingester.exporters.jaeger_storage_exporter.trace_storage]);
  assert.ok(query.extensions.jaeger_storage.backends[query.extensions.jaeger_query.storage.traces]);
  assert.match(remote.grpc.endpoint, /^0\.0\.0\.0:/, 'remote storage listens beyond its own loopback');
});

test('the OTLP receivers listen on 0.0.0.0 and xk6 sends to the collector service on one of them', () => {
  const endpoints = Object.values(collector.receivers.otlp.protocols).map((p) => p.endpoint);
  assert.deepEqual(endpoints.sort(), ['0.0.0.0:4317', '0.0.0.0:4318']);
  const env = lab.compose.services['xk6-tracing']!.environment as Record<string, string>;
  const [host, port] = env.ENDPOINT!.split(':');
  assert.equal(host, 'jaeger-collector');
  assert.ok(endpoints.includes(`0.0.0.0:${port}`));
  assert.match(read('xk6/traces.js'), /__ENV\.ENDPOINT/);
});

test('every health endpoint in checks and healthchecks is one the configs serve', () => {
  for (const rel of ['config/jaeger/collector.yaml', 'config/jaeger/ingester.yaml', 'config/jaeger/query.yaml']) {
    assert.match(read(rel), /healthcheckv2:\s+use_v2: true\s+http:\s+endpoint: 0\.0\.0\.0:13133/, rel);
  }
  const urls = lab.manifest.checks.filter((c) => c.type === 'container-http').map((c) => String(c.with.url));
  assert.deepEqual(urls, ['http://127.0.0.1:13133/status', 'http://127.0.0.1:17270/']);
});

test('no script imports from the network (classrooms may be offline)', () => {
  for (const file of readdirSync(join(labDir, 'xk6'))) {
    assert.doesNotMatch(read(`xk6/${file}`), /(import|require)\s*(\(|[^;]*from\s*)['"]https?:\/\//, file);
  }
});

for (const role of ['collector', 'ingester', 'query']) {
  test(`${role}.yaml uses only keys Jaeger 2.20 reads`, () => {
    assert.deepEqual(unreadKeys(yaml(`config/jaeger/${role}.yaml`), jaegerShape), []);
  });
}

test('remote-storage.yaml uses only the keys jaeger-remote-storage reads', () => {
  assert.deepEqual(unreadKeys(yaml('config/remote-storage/remote-storage.yaml'), remoteStorageShape), []);
});

test('the shapes catch keys a program does not read', () => {
  // The admin endpoint this lab once set in remote-storage.yaml: the binary never read it.
  assert.deepEqual(unreadKeys({ admin: { endpoint: '0.0.0.0:17270' }, grpc: { endpoint: ':17271' } }, remoteStorageShape), ['admin']);
  const ingester = { receivers: { kafka: { traces: { topic: 'jaeger-spans' }, message_marking: { before: false } } } };
  assert.deepEqual(unreadKeys(ingester, jaegerShape), ['receivers.kafka.traces.topic', 'receivers.kafka.message_marking.before']);
  assert.deepEqual(unreadKeys({ exporters: { jaeger_storage_exporter: { retry: { enabled: true } } } }, jaegerShape), [
    'exporters.jaeger_storage_exporter.retry',
  ]);
});

test("remote storage's admin port is the flag it reads, and its healthcheck and verify check ask that port", () => {
  for (const compose of Object.values(variants)) {
    const svc = compose.services['jaeger-remote-storage']!;
    const flag = (svc.command as string[]).find((a) => a.startsWith('--admin.http.host-port='));
    assert.ok(flag, 'the admin port is set with --admin.http.host-port (cmd/internal/flags/admin.go)');
    const port = flag.split(':').pop();
    assert.match(((svc.healthcheck?.test as string[]) ?? []).join(' '), new RegExp(`http://127\\.0\\.0\\.1:${port}/`));
    const check = lab.manifest.checks.find((c) => c.id === 'remote-storage-healthy')!;
    assert.equal(check.with.url, `http://127.0.0.1:${port}/`);
  }
  assert.doesNotMatch(read('config/remote-storage/remote-storage.yaml'), /^admin:/m);
});
