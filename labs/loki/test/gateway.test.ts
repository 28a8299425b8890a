// The gateway's routing, exercised with real nginx and small stand-ins for the Loki targets.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { freePort, nginxConfigFor, nginxTest, startNginx, tool, waitFor } from './helpers.ts';

const hasNginx = tool('nginx') !== undefined;
const SKIP = 'nginx not installed (apt-get install nginx-light)';

test('nginx -t accepts the gateway and the front proxy configs', { skip: !hasNginx && SKIP }, async () => {
  const gw = nginxConfigFor(
    'config/loki-gateway/nginx.conf',
    { 'loki-write': 1, 'loki-read': 2, 'loki-backend': 3 },
    { 3100: await freePort() },
  );
  const front = nginxConfigFor('config/nginx/nginx.conf', { app: 4 }, { 8080: await freePort() });
  for (const conf of [gw, front]) {
    const r = nginxTest(conf);
    assert.ok(r.ok, r.output);
  }
});

interface Seen {
  target: string;
  path: string;
  upgrade: string | undefined;
}

const targets = ['loki-write', 'loki-read', 'loki-backend'] as const;
const servers: Server[] = [];
const seen: Seen[] = [];
let gatewayPort = 0;
let nginx: ReturnType<typeof startNginx> | undefined;

before(async () => {
  if (!hasNginx) return;
  const ports: Record<string, number> = {};
  for (const target of targets) {
    const server = createServer((req, res) => {
      seen.push({ target, path: req.url ?? '', upgrade: req.headers.upgrade });
      res.end(target);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    ports[target] = (server.address() as AddressInfo).port;
    servers.push(server);
  }
  gatewayPort = await freePort();
  nginx = startNginx(nginxConfigFor('config/loki-gateway/nginx.conf', ports, { 3100: gatewayPort }));
  await waitFor(`http://127.0.0.1:${gatewayPort}/`);
});

after(() => {
  nginx?.kill();
  for (const s of servers) s.close();
});

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
    seen.length = 0;
    const res = await fetch(`http://127.0.0.1:${gatewayPort}${path}`, { method, body: method === 'POST' ? '{}' : undefined });
    assert.equal(await res.text(), target, `${method} ${path}`);
    assert.equal(seen[0]?.path, path, `${path} reaches ${target} unchanged`);
  }
});

test('live tail goes to loki-read with the WebSocket upgrade headers', { skip: !hasNginx && SKIP }, async () => {
  seen.length = 0;
  // A raw request, since fetch refuses to send Upgrade; the stand-in answers plain HTTP.
  const { request } = await import('node:http');
  await new Promise<void>((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: gatewayPort,
        path: '/loki/api/v1/tail?query=%7Bservice%3D%22app%22%7D',
        headers: { Upgrade: 'websocket', Connection: 'Upgrade' },
      },
      (res) => {
        res.resume();
        res.on('end', resolve);
      },
    );
    req.on('error', reject);
    req.end();
  });
  assert.equal(seen[0]?.target, 'loki-read');
  assert.equal(seen[0]?.upgrade, 'websocket');
});

test('the gateway answers its own health check without a Loki target', { skip: !hasNginx && SKIP }, async () => {
  seen.length = 0;
  const res = await fetch(`http://127.0.0.1:${gatewayPort}/`);
  assert.equal(await res.text(), 'OK');
  assert.equal(seen.length, 0);
});
