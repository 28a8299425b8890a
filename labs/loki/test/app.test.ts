// The FastAPI app under uvicorn: its endpoints and the JSON log lines the lab is built on.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { canRunApp, PYTHON, startApp } from './app-runner.ts';
import { labDir } from './helpers.ts';

test('the app answers, fails and raises as designed, and logs one JSON line per request', {
  skip: !canRunApp() && `FastAPI/uvicorn not importable by ${PYTHON} (apt-get install python3-fastapi uvicorn python3-httpx)`,
}, async (t) => {
  const app = await startApp(t);
  const base = app.base;

  const status = async (path: string, init?: RequestInit) => (await fetch(base + path, init)).status;
  assert.equal(await status('/health'), 200);
  assert.equal(await status('/items/3', { headers: { 'X-Request-ID': 'req-1' } }), 200);
  assert.equal(await status('/items/404'), 404);
  assert.equal(await status('/error'), 500);
  assert.ok([200, 402].includes(await status('/checkout', { method: 'POST' })));
  const flaky = new Set<number>();
  for (let i = 0; i < 40; i++) flaky.add(await status('/flaky'));
  assert.deepEqual([...flaky].sort(), [200, 503], 'the flaky endpoint both succeeds and fails');
  const started = Date.now();
  assert.equal(await status('/slow'), 200);
  assert.ok(Date.now() - started >= 450, '/slow is slow');
  await new Promise((r) => setTimeout(r, 200));

  const lines = app
    .output()
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  const requests = lines.filter((l) => l.logger === 'app');
  for (const l of requests) {
    for (const key of ['time', 'level', 'logger', 'message', 'request_id', 'method', 'route', 'path', 'status', 'latency_ms']) {
      assert.ok(key in l, `${key} in ${JSON.stringify(l)}`);
    }
    assert.ok(['debug', 'info', 'warning', 'error', 'critical'].includes(String(l.level)));
  }
  const byPath = (p: string) => requests.find((l) => l.path === p)!;
  assert.deepEqual(
    [byPath('/items/3').route, byPath('/items/3').request_id, byPath('/items/3').level],
    ['/items/{item_id}', 'req-1', 'info'],
  );
  assert.equal(byPath('/items/404').level, 'warning');
  assert.equal(byPath('/error').level, 'error');
  assert.match(String(byPath('/error').exception), /RuntimeError: inventory cache corrupted/);
  assert.ok(Number(byPath('/slow').latency_ms) >= 450);
  assert.equal(requests.filter((l) => l.path === '/health').length, 0, 'health checks are not logged at info');
  assert.ok(
    lines.every((l) => typeof l.level === 'string'),
    'uvicorn lines are JSON too',
  );
});

test('the image pins its Python base and its requirements', async () => {
  const { readFileSync } = await import('node:fs');
  const dockerfile = readFileSync(join(labDir, 'app', 'Dockerfile'), 'utf8');
  assert.match(dockerfile, /^FROM python:\d+\.\d+\.\d+-slim-\w+$/m);
  const reqs = readFileSync(join(labDir, 'app', 'requirements.txt'), 'utf8')
    .trim()
    .split('\n');
  for (const r of reqs) assert.match(r, /^[a-z-]+==\d+\.\d+\.\d+$/);
});
