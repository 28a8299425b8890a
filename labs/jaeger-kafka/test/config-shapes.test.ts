// Every key in the lab's config files is one its program reads (test/shapes.ts holds the key sets
// and their sources), and the settings that live on command lines agree with their users.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lab, read, variants, yaml } from './helpers.ts';
import { jaegerShape, remoteStorageShape, unreadKeys } from './shapes.ts';

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
