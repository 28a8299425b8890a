// The gateway's routing, exercised with real nginx and small stand-ins for the Loki targets.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { freePort, type Gateway, gatewayBehind, nginxConfigFor, nginxTest, tailThrough, tool } from './helpers.ts';

const hasNginx = tool('nginx') !== undefined;
const SKIP = 'nginx not installed (apt-get install nginx-light)';

test('nginx -t accepts the gateway and the front proxy configs', { skip: !hasNginx && SKIP }, async () => {
  const gatewayConf = nginxConfigFor(
    'config/loki-gateway/nginx.conf',
    { 'loki-write': 1, 'loki-read': 2, 'loki-backend': 3 },
    { 3100: await freePort() },
  );
  const front = nginxConfigFor('config/nginx/nginx.conf', { app: 4 }, { 8080: await freePort() });
  for (const conf of [gatewayConf, front]) {
    const r = nginxTest(conf);
    assert.ok(r.ok, r.output);
  }
});

const targets = ['loki-write', 'loki-read', 'loki-backend'] as const;
let gateway: Gateway | undefined;

before(async () => {
  if (hasNginx) gateway = await gatewayBehind('config/loki-gateway/nginx.conf', targets);
});

after(() => gateway?.stop());
// Set by before() whenever the tests that use these run (they skip without nginx).
const gw = () => gateway as Gateway;

const ROUTES: [method: string, path: string, target: string][] = [
  ['POST', '/loki/api/v1/push', 'loki-write'],
  ['POST', '/api/prom/push', 'loki-write'],
  ['POST', '/otlp/v1/logs', 'loki-write'],
  ['GET', '/loki/api/v1/query?query=%7Bservice%3D%22app%22%7D', 'loki-read'],
  ['GET', '/loki/api/v1/query_range?query=%7Bservice%3D%22app%22%7D&limit=5', 'loki-read'],
  ['GET', '/loki/api/v1/labels', 'loki-read'],
  ['GET', '/loki/api/v1/label/service/values', 'loki-read'],
  ['GET', '/loki/api/v1/series?match[]=%7Bjob%3D%22docker%22%7D', 'loki-read'],
  ['GET', '/loki/api/v1/index/stats?query=%7Bjob%3D%22docker%22%7D', 'loki-read'],
  ['GET', '/loki/api/v1/index/volume?query=%7Bjob%3D%22docker%22%7D', 'loki-read'],
  ['GET', '/loki/api/v1/patterns?query=%7Bjob%3D%22docker%22%7D', 'loki-read'],
  ['GET', '/api/prom/query?query=%7Bjob%3D%22docker%22%7D', 'loki-read'],
  ['GET', '/loki/api/v1/rules', 'loki-backend'],
  ['GET', '/prometheus/api/v1/rules', 'loki-backend'],
  ['GET', '/prometheus/api/v1/alerts', 'loki-backend'],
  ['POST', '/loki/api/v1/delete?query=%7Bjob%3D%22docker%22%7D&start=1', 'loki-backend'],
];

test('each Loki API path reaches the right SSD target, with its query string intact', { skip: !hasNginx && SKIP }, async () => {
  for (const [method, path, target] of ROUTES) {
    gw().seen.length = 0;
    const res = await fetch(`http://127.0.0.1:${gw().port}${path}`, { method, body: method === 'POST' ? '{}' : undefined });
    assert.equal(await res.text(), target, `${method} ${path}`);
    assert.equal(gw().seen[0]?.path, path, `${path} reaches ${target} unchanged`);
  }
});

test('live tail goes to loki-read with the WebSocket upgrade headers', { skip: !hasNginx && SKIP }, async () => {
  gw().seen.length = 0;
  await tailThrough(gw().port);
  assert.equal(gw().seen[0]?.target, 'loki-read');
  assert.equal(gw().seen[0]?.upgrade, 'websocket');
});

test('the gateway answers its own health check without a Loki target', { skip: !hasNginx && SKIP }, async () => {
  gw().seen.length = 0;
  const res = await fetch(`http://127.0.0.1:${gw().port}/`);
  assert.equal(await res.text(), 'OK');
  assert.equal(gw().seen.length, 0);
});
