import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  composeSchemaErrors,
  dependencyProblems,
  missingBindMounts,
  portsNotOnLoopback,
  publishedPorts,
  unpinnedImages,
} from '@obslab/runner';
import { lab, labDir, variants, zookeeper } from './helpers.ts';

test('compose.yaml, the ZooKeeper override and the merged variant are valid Compose files', () => {
  assert.deepEqual(composeSchemaErrors(lab.compose), []);
  assert.deepEqual(composeSchemaErrors(zookeeper), []);
  assert.deepEqual(composeSchemaErrors(variants.zookeeper), []);
});

for (const [name, compose] of Object.entries(variants)) {
  test(`${name}: images pinned, ports on 127.0.0.1, mounts exist, dependencies with conditions`, () => {
    assert.deepEqual(unpinnedImages(compose), []);
    assert.deepEqual(portsNotOnLoopback(compose), []);
    assert.deepEqual(missingBindMounts(labDir, compose), []);
    assert.deepEqual(dependencyProblems(compose), []);
  });

  test(`${name}: every long-running service has a healthcheck and every service a memory limit`, () => {
    for (const [svc, def] of Object.entries(compose.services)) {
      const oneShot = svc === 'kafka-init' || svc === 'xk6-tracing';
      if (!oneShot) assert.ok(def.healthcheck?.test, `${svc} has a healthcheck`);
      const limit = (def.deploy as { resources?: { limits?: { memory?: string } } } | undefined)?.resources?.limits?.memory;
      assert.ok(limit, `${svc} has a memory limit`);
    }
  });

  test(`${name}: the topic is created before the collector and ingester start`, () => {
    const deps = (svc: string) => compose.services[svc]?.depends_on as Record<string, { condition: string }>;
    assert.equal(deps('jaeger-collector')['kafka-init']?.condition, 'service_completed_successfully');
    assert.equal(deps('jaeger-ingester')['kafka-init']?.condition, 'service_completed_successfully');
    assert.equal(deps('kafka-init').kafka?.condition, 'service_healthy');
    assert.equal(deps('xk6-tracing')['jaeger-collector']?.condition, 'service_healthy');
  });
}

test("the chapter's host ports: Jaeger UI 16686 and Redpanda Console 8080", () => {
  const host = new Map(publishedPorts(lab.compose).map((p) => [`${p.service}:${p.target}`, p.published]));
  assert.equal(host.get('jaeger-query:16686'), 16686);
  assert.equal(host.get('redpanda-console:8080'), 8080);
});

test('the ZooKeeper variant really uses ZooKeeper and drops every KRaft setting', () => {
  const kafka = variants.zookeeper.services.kafka!;
  const env = kafka.environment as Record<string, string>;
  assert.match(kafka.image ?? '', /^confluentinc\/cp-kafka:7\.9\.\d+$/);
  assert.equal(env.KAFKA_ZOOKEEPER_CONNECT, 'zookeeper:2181');
  for (const key of ['KAFKA_PROCESS_ROLES', 'KAFKA_CONTROLLER_QUORUM_VOTERS', 'CLUSTER_ID']) assert.equal(env[key], undefined, key);
  assert.match(variants.zookeeper.services.zookeeper?.image ?? '', /^confluentinc\/cp-zookeeper:7\.9\.\d+$/);
  for (const image of Object.values(variants.zookeeper.services).map((s) => s.image ?? '')) {
    assert.doesNotMatch(image, /bitnami/, 'Bitnami images are frozen');
  }
});

test('KRaft Kafka has a valid cluster id and an explicit heap', () => {
  const env = lab.compose.services.kafka!.environment as Record<string, string>;
  assert.match(env.CLUSTER_ID ?? '', /^[A-Za-z0-9_-]{22}$/, 'a base64url UUID');
  assert.equal(env.KAFKA_PROCESS_ROLES, 'broker,controller');
  for (const compose of Object.values(variants)) {
    assert.match(String((compose.services.kafka!.environment as Record<string, string>).KAFKA_HEAP_OPTS), /-Xmx\d+m/);
  }
});
