import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { composeServices, labDir, read } from './helpers.ts';

const ds = parse(read('config/grafana/provisioning/datasources/datasources.yaml')) as {
  apiVersion: number;
  datasources: { uid: string; type: string; url: string }[];
};

test('datasources have fixed UIDs and point at the gateway and Prometheus by service and port', () => {
  assert.equal(ds.apiVersion, 1);
  const byUid = Object.fromEntries(ds.datasources.map((d) => [d.uid, d]));
  assert.deepEqual(Object.keys(byUid).sort(), ['loki', 'prometheus']);
  assert.equal(byUid.loki!.type, 'loki');
  assert.equal(byUid.loki!.url, 'http://loki-gateway:3100');
  assert.equal(byUid.prometheus!.url, 'http://prometheus:9090');
  const services = composeServices();
  assert.ok(services['loki-gateway'] && services.prometheus);
  assert.match(read('config/loki-gateway/nginx.conf'), /listen 3100;/);
});

test('the dashboards provider loads the folder compose mounts, and that folder holds the dashboards', () => {
  const provider = parse(read('config/grafana/provisioning/dashboards/dashboards.yaml')) as { providers: { options: { path: string } }[] };
  const path = provider.providers[0]!.options.path;
  const mounts = (composeServices().grafana!.volumes as { source: string; target: string }[]).map((v) => [v.source, v.target]);
  const mount = mounts.find(([, target]) => target === path);
  assert.ok(mount, `grafana mounts something at ${path}`);
  assert.ok(existsSync(join(labDir, mount[0]!)), `${mount[0]} exists`);
});
