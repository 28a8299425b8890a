// The CLI as a user runs it: a subprocess, with a PATH that lacks docker or holds a stand-in.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { findOnPath } from '../src/docker.ts';
import { fakeDocker, makeLabs } from './fixtures.ts';

const CLI = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'cli.ts');

interface Result {
  code: number | null;
  out: string;
  ms: number;
}

function cli(args: string[], env: Record<string, string>): Promise<Result> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
      env: { HOME: process.env.HOME ?? '/tmp', NO_COLOR: '1', ...env },
      cwd: dirname(CLI),
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code) => resolve({ code, out, ms: Date.now() - started }));
  });
}

/** A PATH with the shell zx needs (and ss, when present) but no docker. */
function pathWithout(...extraDirs: string[]): string {
  const bin = mkdtempSync(join(tmpdir(), 'nodocker-'));
  for (const tool of ['bash', 'sh', 'ss']) {
    const found = findOnPath(tool);
    if (found) symlinkSync(found, join(bin, tool));
  }
  return [...extraDirs, bin].join(':');
}

const ENGINE_OK = `case "$*" in
  info*) echo '{"ServerVersion":"28.0.0","MemTotal":8589934592,"NCPU":4,"Architecture":"x86_64","OperatingSystem":"Test OS"}';;
  "compose version"*) echo '2.39.1';;
  *) echo "unexpected: $*" >&2; exit 1;;
esac`;

test('no docker binary: exits 3 at once and says how to install Docker', async () => {
  const r = await cli(['demo'], { LAB_LABS_DIR: makeLabs(), PATH: pathWithout() });
  assert.equal(r.code, 3, r.out);
  assert.match(r.out, /The `docker` command was not found on PATH/);
  assert.match(r.out, /get-docker/);
});

test('engine not running: up exits 3 within seconds, says so and how to start it', async () => {
  const docker = fakeDocker(
    `echo "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?" >&2; exit 1`,
  );
  const r = await cli(['demo', 'up'], { LAB_LABS_DIR: makeLabs(), PATH: pathWithout(docker) });
  assert.equal(r.code, 3, r.out);
  assert.match(r.out, /Docker engine is not reachable: Cannot connect to the Docker daemon/);
  assert.match(r.out, /systemctl start docker|Docker Desktop/);
  assert.ok(r.ms < 10_000, `took ${r.ms} ms`);
});

test('Compose v1 only: doctor says Compose v2 is required', async () => {
  const docker = fakeDocker(
    ENGINE_OK.replace(`"compose version"*) echo '2.39.1';;`, `compose*) echo "docker: 'compose' is not a docker command." >&2; exit 1;;`),
  );
  writeFileSync(join(docker, 'docker-compose'), "#!/bin/sh\necho '1.29.2'\n");
  chmodSync(join(docker, 'docker-compose'), 0o755);
  const r = await cli(['demo', 'doctor'], { LAB_LABS_DIR: makeLabs(18931), PATH: pathWithout(docker) });
  assert.equal(r.code, 3, r.out);
  assert.match(r.out, /Only Docker Compose v1 \(docker-compose 1\.29\.2\) is installed/);
});

function listen(server: Server, port = 0): Promise<number> {
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

test('doctor names a host port that another process holds, and the process', async (t) => {
  const server = createServer();
  const port = await listen(server);
  t.after(() => server.close());
  const r = await cli(['demo', 'doctor'], { LAB_LABS_DIR: makeLabs(port), PATH: pathWithout(fakeDocker(ENGINE_OK)) });
  assert.equal(r.code, 3, r.out);
  assert.match(r.out, new RegExp(`port ${port} \\(for web\\) is already in use`));
  if (findOnPath('ss')) assert.match(r.out, new RegExp(`in use by node \\(pid ${process.pid}\\)`));
  assert.match(r.out, /ok\s+docker engine\s+Docker 28\.0\.0/);
});

test('doctor passes when the engine answers and the ports are free', async () => {
  const r = await cli(['demo', 'doctor'], { LAB_LABS_DIR: makeLabs(18932), PATH: pathWithout(fakeDocker(ENGINE_OK)) });
  assert.equal(r.code, 0, r.out);
  assert.match(r.out, /ok\s+ports\s+free: 18932/);
});

test('up names a service that never becomes healthy and shows its last log lines', async () => {
  const docker = fakeDocker(`case "$*" in
  info*) echo '{"ServerVersion":"28.0.0","MemTotal":8589934592,"NCPU":4,"Architecture":"x86_64"}';;
  "compose version"*) echo '2.39.1';;
  *" config --format json"*) echo '{"services":{"web":{"healthcheck":{"test":["CMD","true"]}}}}';;
  *" ps "*) echo '{"Service":"web","Name":"demo-web-1","State":"running","Health":"unhealthy","ExitCode":0}';;
  *" up "*) exit 0;;
  *" logs "*) echo "web  | listen failed: address in use";;
  *) echo "unexpected: $*" >&2; exit 1;;
esac`);
  const r = await cli(['demo', 'up', '--timeout', '1'], { LAB_LABS_DIR: makeLabs(18933), PATH: pathWithout(docker) });
  assert.equal(r.code, 1, r.out);
  assert.match(r.out, /Not healthy after 1\.0s: web \(unhealthy\)/);
  assert.match(r.out, /Last log lines of web[\s\S]*listen failed: address in use/);
});

test('verify runs the declared checks against a live target: pass, then fail with exit 1', async (t) => {
  let healthy = true;
  const server = createServer((req, res) => {
    res.writeHead(healthy && req.url === '/health' ? 200 : 503).end(healthy ? 'ok' : 'down');
  });
  const port = await listen(server);
  t.after(() => server.close());
  const env = { LAB_LABS_DIR: makeLabs(port), PATH: pathWithout() };
  const pass = await cli(['demo', 'verify'], env);
  assert.equal(pass.code, 0, pass.out);
  assert.match(pass.out, /PASS Web answers \(\d+\.\ds\)/);
  assert.doesNotMatch(pass.out, /slow exercise/, 'opt-in checks run only when asked');
  assert.match(pass.out, /1 passed, 0 failed/);
  healthy = false;
  const fail = await cli(['demo', 'verify'], env);
  assert.equal(fail.code, 1, fail.out);
  assert.match(fail.out, /FAIL Web answers/);
  assert.match(fail.out, /timed out after 3s: .*answered 503, expected 200/);
});

test("help: every command is documented, and verify --help lists the lab's checks", async () => {
  const env = { LAB_LABS_DIR: makeLabs(), PATH: pathWithout() };
  const main = await cli(['demo', '--help'], env);
  assert.equal(main.code, 0);
  for (const c of ['up', 'down', 'status', 'logs', 'verify', 'doctor', 'traffic', 'pull', 'bundle', 'load']) {
    assert.match(main.out, new RegExp(`^  ${c}\\b`, 'm'), `--help documents ${c}`);
  }
  const verify = await cli(['demo', 'verify', '--help'], env);
  assert.match(verify.out, /web-up\s+Web answers/);
  assert.match(verify.out, /slow-exercise\s+A slow exercise\s+\[opt-in\]/);
  const up = await cli(['demo', 'up', '--help'], env);
  assert.match(up.out, /--flavour <plain\|spicy>/);
  assert.match(up.out, /--spicy\s+shorthand for --flavour spicy/);
});

test('unknown lab and unknown command exit 2 and say what exists', async () => {
  const env = { LAB_LABS_DIR: makeLabs(), PATH: pathWithout() };
  const lab = await cli(['nope'], env);
  assert.equal(lab.code, 2);
  assert.match(lab.out, /Unknown lab "nope"\. Labs: demo\./);
  const cmd = await cli(['demo', 'explode'], env);
  assert.equal(cmd.code, 2);
  assert.match(cmd.out, /Unknown command "explode"/);
});
