import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { test } from 'node:test';
import { parsePort } from '../src/compose-file.ts';
import { findOnPath } from '../src/docker.ts';
import { describeContainerOwner, isPortFree, parseLsofOwner, parseSsOwner, portOwner } from '../src/ports.ts';

test('a port held by a real listening socket is not free, and is free once closed', async (t) => {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  // A failed assertion must not leave the socket open: the test process would never exit.
  t.after(() => server.close());
  const { port } = server.address() as AddressInfo;
  assert.equal(await isPortFree(port), false);
  if (findOnPath('ss')) assert.equal((await portOwner(port))?.who, `node (pid ${process.pid})`);
  await new Promise<void>((r) => server.close(() => r()));
  assert.equal(await isPortFree(port), true);
});

test('owner parsing for ss (Linux) and lsof (macOS) output', () => {
  assert.equal(parseSsOwner('LISTEN 0 5 127.0.0.1:9090 0.0.0.0:* users:(("python3",pid=4242,fd=3))'), 'python3 (pid 4242)');
  assert.equal(parseLsofOwner('p981\ncnginx\nf6\n'), 'nginx (pid 981)');
  assert.equal(parseSsOwner(''), undefined);
});

test('compose port forms: short, long, ranges and interpolated defaults', () => {
  assert.deepEqual(parsePort('g', '127.0.0.1:3000:3000'), {
    service: 'g',
    hostIp: '127.0.0.1',
    published: 3000,
    target: 3000,
    protocol: 'tcp',
  });
  assert.equal(parsePort('g', '127.0.0.1:${GRAFANA_PORT:-3001}:3000').published, 3001);
  assert.deepEqual(parsePort('r', '127.0.0.1:3101-3103:3100').publishedRange, [3101, 3102, 3103]);
  assert.equal(parsePort('x', '8080:80').hostIp, '0.0.0.0');
  assert.equal(parsePort('x', { target: 80, published: '8081', host_ip: '127.0.0.1' }).published, 8081);
  // `docker compose config` prints ranges in the long form too.
  assert.deepEqual(parsePort('r', { target: 3100, published: '3101-3102', host_ip: '127.0.0.1' }).publishedRange, [3101, 3102]);
  // Ports resolve with the variables Compose would use (the shell, then the lab's .env).
  assert.equal(parsePort('g', '127.0.0.1:${GRAFANA_PORT:-3001}:3000', { GRAFANA_PORT: '3333' }).published, 3333);
  assert.equal(parsePort('a', '127.0.0.1::8080').published, undefined);
});

test("a port published by a container is named by the container's lab and service", () => {
  // `docker ps --format '{{json .}}'` as Docker 20.10 prints it (Labels is one comma-separated string).
  const row = (dir: string) =>
    JSON.stringify({
      Names: 'jaeger-kafka-redpanda-console-1',
      Labels: `com.docker.compose.project=jaeger-kafka,com.docker.compose.service=redpanda-console,com.docker.compose.project.working_dir=${dir}`,
    });
  const labs = new Map([['/repo/labs/jaeger-kafka', 'jaeger']]);
  assert.deepEqual(describeContainerOwner(row('/repo/labs/jaeger-kafka'), labs), {
    who: "the jaeger lab's redpanda-console (container jaeger-kafka-redpanda-console-1)",
    lab: 'jaeger',
  });
  assert.deepEqual(describeContainerOwner(row('/elsewhere'), labs), {
    who: 'container jaeger-kafka-redpanda-console-1 (Compose project jaeger-kafka, service redpanda-console)',
  });
  assert.equal(describeContainerOwner('', labs), undefined);
});
