// Distributed mode's gateway (config/loki-gateway/distributed.conf): each Loki API path reaches
// the component that serves it, exercised with real nginx and small stand-ins for the components.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  distributedServices,
  freePort,
  type Gateway,
  gatewayBehind,
  nginxConfigFor,
  nginxTest,
  read,
  tailThrough,
  tool,
} from './helpers.ts';

const hasNginx = tool('nginx') !== undefined;
const SKIP = 'nginx not installed (apt-get install nginx-light)';
const CONF = 'config/loki-gateway/distributed.conf';

const targets = ['loki-distributor', 'loki-query-frontend', 'loki-ruler', 'loki-compactor'] as const;
let gateway: Gateway | undefined;

before(async () => {
  if (hasNginx) gateway = await gatewayBehind(CONF, targets);
});

after(() => gateway?.stop());
// Set by before() whenever the tests that use these run (they skip without nginx).
const gw = () => gateway as Gateway;

test('every upstream the gateway names is a service of distributed mode, on its HTTP port', () => {
  const services = distributedServices();
  const upstreams = [...read(CONF).matchAll(/http:\/\/([a-z0-9-]+):(\d+)/g)].map((m) => [m[1] as string, Number(m[2])] as const);
  assert.deepEqual(upstreams.map(([host]) => host).sort(), [...targets].sort());
  for (const [host, port] of upstreams) {
    assert.ok(services[host], `${host} is a service`);
    assert.equal(port, 3100, `${host} serves HTTP on 3100`);
  }
  const mounts = (services['loki-gateway']?.volumes ?? []) as { source: string }[];
  assert.ok(
    mounts.some((v) => v.source === `./${CONF}`),
    'loki-gateway mounts this config',
  );
});

test('nginx -t accepts the distributed gateway config', { skip: !hasNginx && SKIP }, async () => {
  const ports = Object.fromEntries(targets.map((t, i) => [t, 1 + i]));
  const r = nginxTest(nginxConfigFor(CONF, ports, { 3100: await freePort() }));
  assert.ok(r.ok, r.output);
});

const ROUTES: [method: string, path: string, target: string][] = [
  ['POST', '/loki/api/v1/push', 'loki-distributor'],
  ['POST', '/api/prom/push', 'loki-distributor'],
  ['POST', '/otlp/v1/logs', 'loki-distributor'],
  ['GET', '/ring', 'loki-distributor'],
  ['GET', '/distributor/ring', 'loki-distributor'],
  ['GET', '/loki/api/v1/query?query=%7Bservice%3D%22app%22%7D', 'loki-query-frontend'],
  ['GET', '/loki/api/v1/query_range?query=%7Bservice%3D%22app%22%7D&limit=5', 'loki-query-frontend'],
  ['GET', '/loki/api/v1/labels', 'loki-query-frontend'],
  ['GET', '/loki/api/v1/label/service/values', 'loki-query-frontend'],
  ['GET', '/loki/api/v1/series?match[]=%7Bjob%3D%22docker%22%7D', 'loki-query-frontend'],
  ['GET', '/loki/api/v1/index/stats?query=%7Bjob%3D%22docker%22%7D', 'loki-query-frontend'],
  ['GET', '/loki/api/v1/index/volume?query=%7Bjob%3D%22docker%22%7D', 'loki-query-frontend'],
  ['GET', '/api/prom/query?query=%7Bjob%3D%22docker%22%7D', 'loki-query-frontend'],
  ['GET', '/loki/api/v1/rules', 'loki-ruler'],
  ['GET', '/loki/api/v1/rules/fake', 'loki-ruler'],
  ['GET', '/api/prom/rules', 'loki-ruler'],
  ['GET', '/prometheus/api/v1/rules', 'loki-ruler'],
  ['GET', '/prometheus/api/v1/alerts', 'loki-ruler'],
  ['GET', '/ruler/ring', 'loki-ruler'],
  ['POST', '/loki/api/v1/delete?query=%7Bjob%3D%22docker%22%7D&start=1', 'loki-compactor'],
  ['GET', '/loki/api/v1/cache/generation_numbers', 'loki-compactor'],
  ['GET', '/compactor/ring', 'loki-compactor'],
];

test('each Loki API path reaches the component that serves it, with its query string intact', { skip: !hasNginx && SKIP }, async () => {
  for (const [method, path, target] of ROUTES) {
    gw().seen.length = 0;
    const res = await fetch(`http://127.0.0.1:${gw().port}${path}`, { method, body: method === 'POST' ? '{}' : undefined });
    assert.equal(await res.text(), target, `${method} ${path}`);
    assert.equal(gw().seen[0]?.path, path, `${path} reaches ${target} unchanged`);
  }
});

test('live tail goes to the query-frontend with the WebSocket upgrade headers', { skip: !hasNginx && SKIP }, async () => {
  gw().seen.length = 0;
  await tailThrough(gw().port);
  assert.equal(gw().seen[0]?.target, 'loki-query-frontend');
  assert.equal(gw().seen[0]?.upgrade, 'websocket');
});

test('the gateway answers its own health check without a Loki component', { skip: !hasNginx && SKIP }, async () => {
  gw().seen.length = 0;
  const res = await fetch(`http://127.0.0.1:${gw().port}/`);
  assert.equal(await res.text(), 'OK');
  assert.equal(gw().seen.length, 0);
});
