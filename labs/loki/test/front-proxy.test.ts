// The front proxy, with real nginx in front of the real app under uvicorn: JSON access log
// lines, and the request id handed to the app.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { canRunApp, PYTHON, startApp } from './app-runner.ts';
import { freePort, nginxConfigFor, startNginx, tool, waitFor } from './helpers.ts';

test('nginx logs JSON with the request id it passes to the app', {
  skip:
    (!tool('nginx') && 'nginx not installed (apt-get install nginx-light)') ||
    (!canRunApp() && `FastAPI/uvicorn not importable by ${PYTHON} (apt-get install python3-fastapi uvicorn)`),
}, async (t) => {
  const app = await startApp(t);
  const port = await freePort();
  const conf = nginxConfigFor('config/nginx/nginx.conf', { app: app.port }, { 8080: port });
  const nginx = startNginx(conf);
  t.after(() => nginx.kill());
  await waitFor(`http://127.0.0.1:${port}/nginx-health`);

  const res = await fetch(`http://127.0.0.1:${port}/items/5?tag=x`, { headers: { 'X-Request-ID': 'tagged-123' } });
  assert.equal(res.status, 200);
  await fetch(`http://127.0.0.1:${port}/items/9999`);
  await new Promise((r) => setTimeout(r, 300));

  const access = readFileSync(join(dirname(conf), 'access.log'), 'utf8');
  const lines = access
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.equal(lines.length, 2, 'the health endpoint is not logged');
  assert.deepEqual(Object.keys(lines[0]!).sort(), [
    'body_bytes_sent',
    'method',
    'remote_addr',
    'request_id',
    'request_time',
    'status',
    'time',
    'upstream_response_time',
    'uri',
    'user_agent',
  ]);
  assert.equal(lines[0]!.request_id, 'tagged-123');
  assert.equal(lines[0]!.uri, '/items/5?tag=x');
  assert.equal(lines[0]!.status, 200);
  assert.equal(lines[1]!.status, 404);
  assert.equal(typeof lines[1]!.request_id, 'string');
  assert.match(String(lines[1]!.request_id), /^[0-9a-f]{32}$/, 'nginx makes an id when the client sent none');
  // The app logged the same id: a request can be followed across both services in LogQL.
  assert.ok(
    app
      .output()
      .split('\n')
      .some((l) => l.includes('"request_id": "tagged-123"')),
    app.output(),
  );
});
