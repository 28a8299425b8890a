// The CLI as a user runs it (a subprocess), where the machine is the point: no docker, an engine
// that is down, Compose v1, ports taken, bad input. A `docker` script stands in for the engine
// and records each call, so the tests assert which docker commands ran. The real engine is
// driven in engine.test.ts.
import assert from 'node:assert/strict';
import { chmodSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { test } from 'node:test';
import { findOnPath } from '../src/docker.ts';
import { tempDir } from '../src/temp-dir.ts';
import { fakeDocker, makeLabs } from './fixtures.ts';
import { cli } from './run-cli.ts';

/** A PATH with the shell zx needs (and ss, when present) but no docker. */
function pathWithout(...extraDirs: string[]): string {
  const bin = tempDir('obslab-test-nodocker-');
  for (const tool of ['bash', 'sh', 'ss', 'cat']) {
    const found = findOnPath(tool);
    if (found) symlinkSync(found, join(bin, tool));
  }
  return [...extraDirs, bin].join(':');
}

/** The docker commands a run made, one per line, from the stand-in's log. */
function calls(bin: string): string[] {
  try {
    return readFileSync(join(bin, 'calls.log'), 'utf8').trim().split('\n').filter(Boolean);
  } catch {
    return [];
  }
}

const INFO = `echo '{"ServerVersion":"28.0.0","MemTotal":8589934592,"NCPU":4,"Architecture":"x86_64","OperatingSystem":"Test OS"}'`;
const ENGINE_OK = `case "$*" in
  info*) ${INFO};;
  "compose version"*) echo '2.39.1';;
  "ps --filter"*) ;;
  *) echo "unexpected: $*" >&2; exit 1;;
esac`;

test('no docker binary: exits 3 and says how to install Docker', async () => {
  const r = await cli(['demo'], { LAB_LABS_DIR: makeLabs(), PATH: pathWithout() });
  assert.equal(r.code, 3, r.out);
  assert.match(r.out, /The `docker` command was not found on PATH/);
  assert.match(r.out, /get-docker/);
});

test('engine not running: up exits 3, says how to start it, and asks the engine once', async () => {
  const docker = fakeDocker(`case "$*" in
  info*) echo "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?" >&2; exit 1;;
  "compose version"*) echo '2.39.1';;
  *) echo "unexpected: $*" >&2; exit 1;;
esac`);
  const r = await cli(['demo', 'up'], { LAB_LABS_DIR: makeLabs(), PATH: pathWithout(docker) });
  assert.equal(r.code, 3, r.out);
  assert.match(r.out, /Docker engine is not reachable: Cannot connect to the Docker daemon/);
  assert.match(r.out, /systemctl start docker|Docker Desktop/);
  assert.equal(calls(docker).filter((c) => c.startsWith('info')).length, 1);
  assert.deepEqual(
    calls(docker).filter((c) => c.startsWith('compose --project-directory')),
    [],
    'no compose command against the lab',
  );
});

test('doctor with the engine down reports it once, then one summary line', async () => {
  const docker = fakeDocker(`case "$*" in
  info*) echo "Cannot connect to the Docker daemon at unix:///var/run/docker.sock." >&2; exit 1;;
  "compose version"*) echo '2.39.1';;
  *) exit 1;;
esac`);
  const r = await cli(['demo', 'doctor'], { LAB_LABS_DIR: makeLabs(18934), PATH: pathWithout(docker) });
  assert.equal(r.code, 3, r.out);
  assert.equal(r.out.match(/Cannot connect to the Docker daemon/g)?.length, 1, r.out);
  assert.equal(r.out.match(/systemctl start docker/g)?.length, 1, r.out);
  assert.match(r.out, /error: This machine is not ready for the demo lab: docker engine \(marked FAIL above\)/);
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
  const docker = fakeDocker(ENGINE_OK);
  const r = await cli(['demo', 'doctor'], { LAB_LABS_DIR: makeLabs(port), PATH: pathWithout(docker) });
  assert.equal(r.code, 3, r.out);
  assert.match(r.out, new RegExp(`port ${port} \\(for web\\) is already in use`));
  assert.ok(calls(docker).includes(`ps --filter publish=${port} --format {{json .}}`), 'asked Docker which container publishes it');
  if (findOnPath('ss')) assert.match(r.out, new RegExp(`in use by node \\(pid ${process.pid}\\)`));
  else t.diagnostic('skipped: the process name (no ss on this machine)');
  assert.match(r.out, /ok\s+docker engine\s+Docker 28\.0\.0/);
});

test('doctor passes when the engine answers and the ports are free', async () => {
  const r = await cli(['demo', 'doctor'], { LAB_LABS_DIR: makeLabs(18932), PATH: pathWithout(fakeDocker(ENGINE_OK)) });
  assert.equal(r.code, 0, r.out);
  assert.match(r.out, /ok\s+ports\s+free: 18932/);
});

test("doctor on a running lab: a port its own container holds is no conflict, another folder's container's is", async (t) => {
  // The listening socket stands in for Docker's proxy on the port the lab publishes.
  const server = createServer();
  const port = await listen(server);
  t.after(() => server.close());
  const labs = makeLabs(port);
  const heldFrom = (folder: string) =>
    fakeDocker(`case "$*" in
  info*) ${INFO};;
  "compose version"*) echo '2.39.1';;
  "ps --filter publish=${port} --format {{json .}}") echo '${JSON.stringify({
    Names: 'demo-web-1',
    Labels: `com.docker.compose.project=demo,com.docker.compose.service=web,com.docker.compose.project.working_dir=${folder}`,
  })}';;
  *) echo "unexpected: $*" >&2; exit 1;;
esac`);
  const running = await cli(['demo', 'doctor'], { LAB_LABS_DIR: labs, PATH: pathWithout(heldFrom(join(labs, 'demo'))) });
  assert.equal(running.code, 0, running.out);
  assert.match(running.out, new RegExp(`ok\\s+ports\\s+held by this lab's own running containers: ${port}`));
  const other = await cli(['demo', 'doctor'], { LAB_LABS_DIR: labs, PATH: pathWithout(heldFrom('/elsewhere/demo')) });
  assert.equal(other.code, 3, other.out);
  assert.match(other.out, new RegExp(`port ${port} \\(for web\\) is already in use by container demo-web-1`));
});

/** A docker stand-in whose `compose ps` says web publishes its port 80 on `port`. */
function dockerWithWebOn(port: number): string {
  const ps = JSON.stringify({
    ID: 'abc123',
    Name: 'demo-web-1',
    Service: 'web',
    State: 'running',
    Health: 'healthy',
    ExitCode: 0,
    Labels: 'com.docker.compose.container-number=1',
    Publishers: [{ URL: '127.0.0.1', TargetPort: 80, PublishedPort: port, Protocol: 'tcp' }],
  });
  return fakeDocker(`case "$*" in
  info*) ${INFO};;
  "compose version"*) echo '2.39.1';;
  *" config --format json") echo '{"name":"demo","services":{"web":{"image":"nginx:1.27-alpine","healthcheck":{"test":["CMD","true"]}}}}';;
  *" ps --all --format json") echo '${ps}';;
  "inspect abc123") echo '[{"Id":"abc123","RestartCount":0,"State":{"Status":"running","ExitCode":0,"Health":{"Status":"healthy","FailingStreak":0,"Log":[]}},"HostConfig":{}}]';;
  *) echo "unexpected: $*" >&2; exit 1;;
esac`);
}

test('verify runs the checks against the port Docker published, not the one compose.yaml asks for', async (t) => {
  let healthy = true;
  const server = createServer((req, res) => {
    res.writeHead(healthy && req.url === '/health' ? 200 : 503).end(healthy ? 'ok' : 'down');
  });
  const port = await listen(server);
  t.after(() => server.close());
  // compose.yaml says 18080; Docker "published" the server's port.
  const env = { LAB_LABS_DIR: makeLabs(18080), PATH: pathWithout(dockerWithWebOn(port)) };
  const pass = await cli(['demo', 'verify'], env);
  assert.equal(pass.code, 0, pass.out);
  assert.match(pass.out, new RegExp(`PASS Web answers \\(\\d+\\.\\ds\\)\\n\\s+GET http://localhost:${port}/health -> 200`));
  assert.doesNotMatch(pass.out, /slow exercise/, 'opt-in checks run only when asked');
  healthy = false;
  const fail = await cli(['demo', 'verify'], env);
  assert.equal(fail.code, 1, fail.out);
  assert.match(fail.out, /timed out after 3s: .*answered 503, expected 200: down/);
});

test('a check against a port where nothing listens says so, not "fetch failed"', async () => {
  const server = createServer();
  const closed = await listen(server);
  await new Promise((r) => server.close(r));
  const r = await cli(['demo', 'verify'], { LAB_LABS_DIR: makeLabs(18080), PATH: pathWithout(dockerWithWebOn(closed)) });
  assert.equal(r.code, 1, r.out);
  assert.match(r.out, new RegExp(`timed out after 3s: GET http://localhost:${closed}/health: nothing listens on localhost:${closed}`));
  assert.doesNotMatch(r.out, /fetch failed|operation was aborted/);
});

test('logs into a pipe: the lines without the erase-line escape Compose 2.26 puts before each one', async () => {
  const docker = fakeDocker(`case "$*" in
  info*) ${INFO};;
  "compose version"*) echo '2.26.1';;
  *" logs --tail 100 web") printf '\\033[2Kweb-1  | one\\n\\033[2Kweb-1  | two, and a\\n'; printf 'tail line' ;;
  *) echo "unexpected: $*" >&2; exit 1;;
esac`);
  const r = await cli(['demo', 'logs', 'web', '--no-follow'], { LAB_LABS_DIR: makeLabs(), PATH: pathWithout(docker) });
  assert.equal(r.code, 0, r.out);
  assert.equal(r.out, 'web-1  | one\nweb-1  | two, and a\ntail line\n');
});

test('verify --only with no id is a usage error, not a pass', async () => {
  const r = await cli(['demo', 'verify', '--only='], { LAB_LABS_DIR: makeLabs(), PATH: pathWithout() });
  assert.equal(r.code, 2, r.out);
  assert.match(r.out, /--only needs at least one check id\. Checks: web-up, slow-exercise/);
});

test("help: every command is listed with the lab's own name; --help before or after a command explains it", async () => {
  const env = { LAB_LABS_DIR: makeLabs(), PATH: pathWithout() };
  const main = await cli(['demo', '--help'], env);
  assert.equal(main.code, 0);
  for (const c of ['up', 'down', 'status', 'logs', 'verify', 'doctor', 'traffic', 'pull', 'bundle', 'load']) {
    assert.match(main.out, new RegExp(`^  ${c}\\b`, 'm'), `--help documents ${c}`);
  }
  assert.match(main.out, /pnpm lab:demo verify --help/);
  for (const argv of [
    ['demo', 'verify', '--help'],
    ['demo', '--help', 'verify'],
  ]) {
    const verify = await cli(argv, env);
    assert.match(verify.out, /^Usage: pnpm lab:demo verify/m, argv.join(' '));
    assert.match(verify.out, /web-up\s+Web answers/);
    assert.match(verify.out, /slow-exercise\s+A slow exercise\s+\[opt-in\]/);
  }
  const up = await cli(['demo', 'up', '--help'], env);
  assert.match(up.out, /--flavour <plain\|spicy>/);
  assert.match(up.out, /--spicy\s+shorthand for --flavour spicy/);
  // Plain Compose from the repository root, as the course pages give it: the variant's files too.
  assert.match(up.out, /^ {2}docker compose -f \S*demo\/compose\.yaml up -d$/m);
  assert.match(up.out, /^ {2}\(--spicy: add -f \S*demo\/compose\.spicy\.yaml\)$/m);
  assert.doesNotMatch(up.out, /--plain: add/);
});

test('traffic on a lab without a traffic generator: help and use say there is none', async () => {
  const env = { LAB_LABS_DIR: makeLabs(), PATH: pathWithout() };
  const help = await cli(['demo', 'traffic', '--help'], env);
  assert.equal(help.code, 0);
  assert.match(help.out, /The demo lab makes its own traffic; it has no traffic command/);
  assert.doesNotMatch(help.out, /--vus/);
  const use = await cli(['demo', 'traffic', '--vus', '3'], env);
  assert.equal(use.code, 2, use.out);
});

test('no lab, unknown lab and unknown command exit 2 and say what exists', async () => {
  const env = { LAB_LABS_DIR: makeLabs(), PATH: pathWithout() };
  const none = await cli([], env);
  assert.equal(none.code, 2, none.out);
  assert.match(none.out, /Usage: pnpm lab:<lab>/);
  assert.match(none.out, /error: Name a lab/);
  const lab = await cli(['nope'], env);
  assert.equal(lab.code, 2);
  assert.match(lab.out, /Unknown lab "nope"\. Labs: demo\./);
  const cmd = await cli(['demo', 'explode'], env);
  assert.equal(cmd.code, 2);
  assert.match(cmd.out, /Unknown command "explode"/);
});
