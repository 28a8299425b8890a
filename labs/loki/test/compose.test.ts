import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  bindMounts,
  composeConfig,
  composeSchemaErrors,
  dependencyProblems,
  missingBindMounts,
  portsNotOnLoopback,
  unpinnedImages,
} from '@obslab/runner';
import { parse } from 'yaml';
import { alloyOverride, composeServices, lab, labDir, read } from './helpers.ts';

const files = { 'compose.yaml': parse(read('compose.yaml'), { merge: true }), 'compose.alloy.yaml': alloyOverride };

test('both compose files are valid against the Compose specification schema', () => {
  for (const [name, doc] of Object.entries(files)) assert.deepEqual(composeSchemaErrors(doc), [], name);
});

test('every image is pinned to a version, never latest', () => {
  for (const [name, doc] of Object.entries(files)) assert.deepEqual(unpinnedImages(doc), [], name);
  assert.match(lab.compose.services['loki-read']?.image ?? '', /^grafana\/loki:3\.7\.\d+$/);
});

test('every published port binds to 127.0.0.1', () => {
  for (const [name, doc] of Object.entries(files)) assert.deepEqual(portsNotOnLoopback(doc), [], name);
});

test('loki-read can scale: no container_name, hostname or volume that replicas would share', () => {
  for (const svc of Object.values(lab.compose.services)) assert.equal(svc.container_name, undefined);
  const read = lab.compose.services['loki-read']!;
  assert.equal(read.hostname, undefined);
  assert.deepEqual(
    (read.volumes as string[]).filter((v) => !v.startsWith('./')),
    [],
  );
});

test('every bind-mounted file exists, and the Docker socket is mounted read-only', () => {
  for (const doc of Object.values(files)) {
    assert.deepEqual(missingBindMounts(labDir, doc), []);
    const sockets = (Object.values(doc.services) as { volumes?: string[] }[])
      .flatMap((s) => s.volumes ?? [])
      .filter((v) => typeof v === 'string' && v.startsWith('/var/run/docker.sock'));
    for (const s of sockets) assert.match(s, /:ro$/, s);
  }
  assert.ok(bindMounts(lab.compose).length > 5);
});

test('every long-running service has a healthcheck and a memory limit; depends_on has conditions', () => {
  const services = composeServices();
  for (const [name, svc] of Object.entries(services)) {
    if (name !== 'k6') assert.ok(svc.healthcheck?.test, `${name} has a healthcheck`);
    const limit = (svc.deploy as { resources?: { limits?: { memory?: string } } } | undefined)?.resources?.limits?.memory;
    assert.ok(limit, `${name} has a memory limit`);
  }
  assert.deepEqual(dependencyProblems(lab.compose), []);
  assert.deepEqual(dependencyProblems({ services } as typeof lab.compose), []);
});

test('only app and nginx carry logging=promtail', () => {
  const labelled = Object.entries(composeServices())
    .filter(([, svc]) => (svc.labels as Record<string, string> | undefined)?.logging === 'promtail')
    .map(([name]) => name)
    .sort();
  assert.deepEqual(labelled, ['app', 'nginx']);
});

test('exactly one collector runs in each variant', () => {
  // The services Compose starts with no profile named, as it merges each variant's files.
  const running = (files: string[]) =>
    Object.keys(composeConfig(labDir, files, []).services).filter((name) => ['promtail', 'alloy'].includes(name));
  assert.deepEqual(running(['compose.yaml']), ['promtail']);
  assert.deepEqual(running(['compose.yaml', 'compose.alloy.yaml']), ['alloy']);
});

test('Loki, MinIO and the lab login share the same credential variables and defaults', () => {
  const env = (svc: string) => lab.compose.services[svc]?.environment as Record<string, string>;
  assert.equal(env('minio').MINIO_ROOT_USER, '${MINIO_ROOT_USER:-loki}');
  assert.equal(env('loki-write').MINIO_ROOT_USER, env('minio').MINIO_ROOT_USER);
  assert.equal(env('loki-write').MINIO_ROOT_PASSWORD, env('minio').MINIO_ROOT_PASSWORD);
  const minioLogin = lab.manifest.urls.find((u) => u.service === 'minio')?.login;
  assert.deepEqual(minioLogin, { user: env('minio').MINIO_ROOT_USER, password: env('minio').MINIO_ROOT_PASSWORD });
  const grafanaLogin = lab.manifest.urls.find((u) => u.service === 'grafana')?.login;
  assert.deepEqual(grafanaLogin, { user: env('grafana').GF_SECURITY_ADMIN_USER, password: env('grafana').GF_SECURITY_ADMIN_PASSWORD });
});
