// What a failing check says: the real cause, from real sockets and a real HTTP server.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { describeError } from '../src/checks/cause.ts';
import { getJson } from '../src/checks/json.ts';
import { until } from '../src/checks/retry.ts';

async function server(handler: Parameters<typeof createServer>[1]): Promise<{ url: string; close(): Promise<void> }> {
  const s = createServer(handler);
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  return { url: `http://localhost:${port}`, close: () => new Promise((r) => s.close(() => r())) };
}

const ctx = () => ({ signal: new AbortController().signal });

test('getJson parses a JSON answer', async (t) => {
  const s = await server((_req, res) => res.end('{"status":"success","data":[1,2]}'));
  t.after(() => s.close());
  assert.deepEqual(await getJson(ctx(), `${s.url}/api`), { status: 'success', data: [1, 2] });
});

test('getJson says what the service answered: a status with its body, or a body that is not JSON', async (t) => {
  const s = await server((req, res) => (req.url === '/bad' ? res.writeHead(503).end('ring not ready\n') : res.end('<html>')));
  t.after(() => s.close());
  await assert.rejects(getJson(ctx(), `${s.url}/bad`), { message: `${s.url}/bad answered 503: ring not ready` });
  await assert.rejects(getJson(ctx(), `${s.url}/html`), { message: `${s.url}/html answered 200 but not with JSON: <html>` });
});

test('nothing listening: "nothing listens on localhost:<port>", not "fetch failed"', async () => {
  const s = await server(() => undefined);
  await s.close();
  const port = new URL(s.url).port;
  await assert.rejects(getJson(ctx(), `${s.url}/x`), { message: `${s.url}/x: nothing listens on localhost:${port}` });
  const err = await fetch(`${s.url}/x`).catch((e: unknown) => e);
  assert.equal(describeError(err), `nothing listens on 127.0.0.1:${port}`);
});

test('a connection the service drops, and an abort, are named as such', async (t) => {
  const s = await server((req) => req.socket.destroy());
  t.after(() => s.close());
  const dropped = await fetch(`${s.url}/`).catch((e: unknown) => e);
  assert.match(describeError(dropped, `${s.url}/`), /localhost:\d+ (closed|dropped) the connection/);
  const aborted = await fetch(`${s.url}/`, { signal: AbortSignal.abort() }).catch((e: unknown) => e);
  assert.match(describeError(aborted, `${s.url}/`), /no answer from localhost:\d+ before the timeout/);
});

test('until keeps the last real cause when the check times out', async () => {
  const controller = new AbortController();
  const seen: string[] = [];
  let tries = 0;
  const result = until(
    { signal: controller.signal, progress: (m) => seen.push(m) },
    async () => {
      tries++;
      if (tries === 2) controller.abort();
      throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED', address: '127.0.0.1', port: 3100 } });
    },
    'gateway',
    1,
  );
  await assert.rejects(result, { message: 'nothing listens on 127.0.0.1:3100' });
  assert.deepEqual(seen, ['nothing listens on 127.0.0.1:3100']);
});
