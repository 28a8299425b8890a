// The engine tier: the real CLI (a subprocess) against the real Docker engine, with the labs in
// test/labs built from tiny local images. Every command a student or instructor types, and every
// way `up` can fail. Without an engine the tier says "skipped: no Docker engine" (and fails
// instead when OBSLAB_ENGINE_TIER=required, as in CI).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parsePs } from '../../src/containers.ts';
import { findOnPath } from '../../src/docker.ts';
import { cli, scriptsDir } from '../run-cli.ts';
import { busyboxImage, docker, freePorts, leftovers, noEngine, processesWith, removeProject, staticBusybox } from './support.ts';

const busybox = staticBusybox();
const missing = noEngine() ?? (busybox ? undefined : 'no static busybox (apt-get install busybox-static)');
if (missing && process.env.OBSLAB_ENGINE_TIER === 'required') {
  throw new Error(`The engine tier is required here (OBSLAB_ENGINE_TIER=required) but cannot run: ${missing}`);
}
if (missing) console.log(`skipped: ${missing}`);

const run = `${process.pid}`;
const projects = { fixture: `obslab-test-fx-${run}`, trouble: `obslab-test-tr-${run}`, other: `obslab-test-ot-${run}` };
const appImage = `obslab-test-fx-app-${run}:1`;
const env: Record<string, string | undefined> = {
  PATH: process.env.PATH,
  LAB_LABS_DIR: join(scriptsDir, 'test', 'engine', 'labs'),
  FIXTURE_PROJECT: projects.fixture,
  TROUBLE_PROJECT: projects.trouble,
  OTHER_PROJECT: projects.other,
  FIXTURE_APP_IMAGE: appImage,
};
const lab = (id: string, ...args: string[]) => cli([id, ...args], env);
/** The URL table's URL for a row name, e.g. "App". */
const tableUrl = (out: string, name: string) => new RegExp(`^${name}\\s+(http://localhost:(\\d+)\\S*)`, 'm').exec(out);

// Without an engine: one skipped test, so the summary counts it and the output says why once.
if (missing) test('engine tier', { skip: `skipped: ${missing}` }, () => undefined);
else
  describe('engine tier', () => {
    before(async () => {
      env.OBSLAB_TEST_BUSYBOX = busyboxImage(busybox as string);
      const [web = 0, api = 0] = await freePorts(4);
      env.WEB_PORT = String(web);
      env.API_PORTS = `${api}-${api + 2}`;
    });

    after(() => {
      for (const project of Object.values(projects)) removeProject(project);
      docker(['image', 'rm', '--force', appImage]);
    });

    /** The first api replica's host port after each `up` (the first test's up is cycle 1). */
    const apiPorts: string[] = [];

    test('up: every service healthy, when each became ready, and the URL table with the ports Docker published', async () => {
      const r = await lab('fixture', 'up');
      assert.equal(r.code, 0, r.out);
      apiPorts.push(tableUrl(r.out, 'API')?.[2] ?? '');
      for (const service of ['init', 'web', 'api', 'app'])
        assert.match(r.out, new RegExp(`✔ ${service}\\s+(healthy|completed)[^\\n]*\\(\\d+\\.\\ds\\)`), service);
      assert.match(r.out, /Ready in \d+\.\ds/);
      // The app publishes a port Docker picks: only reading it from Docker gives the right URL.
      const app = tableUrl(r.out, 'App');
      assert.ok(app, r.out);
      const picked = docker(['compose', '--project-name', projects.fixture, 'port', 'app', '8080']).stdout.trim();
      assert.equal(`127.0.0.1:${app[2]}`, picked);
      assert.equal(tableUrl(r.out, 'Web')?.[2], env.WEB_PORT);
      assert.match(r.out, /^Web\s+\S+\s+student \/ secret$/m, 'the login from lab.yaml');
    });

    test('status: each service and the same URLs; logs <service>: that service only', async () => {
      const s = await lab('fixture', 'status');
      assert.equal(s.code, 0, s.out);
      assert.match(s.out, /^api\s+ready\s+healthy \(2 replicas\)$/m);
      assert.match(s.out, /^init\s+done\s+completed$/m);
      const picked = docker(['compose', '--project-name', projects.fixture, 'port', 'app', '8080']).stdout.trim();
      assert.equal(`127.0.0.1:${tableUrl(s.out, 'App')?.[2]}`, picked);
      const logs = await lab('fixture', 'logs', 'init', '--no-follow');
      assert.equal(logs.code, 0, logs.out);
      assert.match(logs.out, /init: done/);
      assert.doesNotMatch(logs.out, /web: serving/);
      assert.ok(!logs.out.includes('\x1b'), `no terminal escapes in piped logs: ${JSON.stringify(logs.out)}`);
    });

    test('both shapes of `docker compose ps --format json` parse to the same containers', () => {
      const ndjson = docker(['compose', '--project-name', projects.fixture, 'ps', '--all', '--format', 'json']).stdout;
      const lines = ndjson.trim().split('\n');
      // Compose before 2.21 printed the same objects as one JSON array.
      const array = `[${lines.join(',')}]`;
      assert.ok(lines.length >= 5, ndjson);
      assert.deepEqual(parsePs(array), parsePs(ndjson));
      assert.deepEqual(
        parsePs(ndjson)
          .filter((c) => c.service === 'api')
          .map((c) => c.number)
          .sort(),
        [1, 2],
      );
    });

    test('verify: passing checks on the real ports, failing ones with their cause, live progress, timeouts that end compose', async () => {
      const r = await lab('fixture', 'verify', '--all');
      assert.equal(r.code, 1, r.out);
      assert.match(r.out, /4 passed, 2 failed/);
      assert.match(r.out, /PASS Web answers/);
      assert.match(r.out, /PASS The built app answers on the port Docker picked/);
      const second = docker(['compose', '--project-name', projects.fixture, 'port', '--index', '2', 'api', '80']).stdout.trim();
      assert.match(
        r.out,
        new RegExp(`PASS Every api replica[^\\n]*\\n.*http://localhost:${second.split(':')[1]}/id`),
        'the second replica on its own port',
      );
      // A failing check keeps its cause.
      assert.match(
        r.out,
        /FAIL A check that fails[^\n]*\n\s+timed out after 2s: http:\/\/localhost:\d+\/health answered without "this-is-not-there": ok/,
      );
      // The check's timeout ended the `docker compose exec` it started.
      assert.match(r.out, /timed out after 3s: `docker compose exec -T web sleep 120` was stopped at the check's timeout/);
      assert.deepEqual(processesWith('compose', join(env.LAB_LABS_DIR as string, 'fixture'), 'exec', '-T', 'web', 'sleep', '120'), []);
      // Progress shows while the check runs, throttled in a log (every line with LAB_VERBOSE: unit-tested).
      const ticks = r.out.match(/tick \d of 4/g) ?? [];
      assert.ok(ticks.length >= 1 && ticks.length < 4, `throttled progress in a log: ${ticks.join(', ')}`);
      assert.ok(r.out.indexOf('tick 1 of 4') < r.out.indexOf('PASS A check that reports progress'), 'shown before the result');
    });

    test('verify on a lab that is partly up names what is not ready, without running the checks', async () => {
      docker(['compose', '--project-name', projects.fixture, 'stop', 'web']);
      const r = await lab('fixture', 'verify');
      assert.equal(r.code, 1, r.out);
      assert.match(r.out, /The fixture lab is not ready: web \(exited \(\d+\)\)/);
      assert.doesNotMatch(r.out, /PASS|FAIL/);
      docker(['compose', '--project-name', projects.fixture, 'start', 'web']);
    });

    test('down keeps the data volume and leaves no container or network; down --volumes leaves nothing', async () => {
      const down = await lab('fixture', 'down');
      assert.equal(down.code, 0, down.out);
      assert.match(down.out, /its data is kept/);
      assert.deepEqual(leftovers(projects.fixture), { containers: [], networks: [], volumes: [`${projects.fixture}_data`] });
      const gone = await lab('fixture', 'down', '--volumes');
      assert.equal(gone.code, 0, gone.out);
      assert.deepEqual(leftovers(projects.fixture), { containers: [], networks: [], volumes: [] });
    });

    test('verify on a lab that is down says so at once and runs no check', async () => {
      const r = await lab('fixture', 'verify');
      assert.equal(r.code, 1, r.out);
      assert.match(r.out, /The fixture lab is not running/);
      assert.doesNotMatch(r.out, /PASS|FAIL|timed out/);
    });

    test('doctor names who holds a port: another lab by its lab and service, another program by its process', async (t) => {
      const holder = await cli(['other', 'up'], { ...env, HOLD_PORT: env.WEB_PORT });
      assert.equal(holder.code, 0, holder.out);
      const [apiPort = 0] = (env.API_PORTS as string).split('-').map(Number);
      const server = createServer();
      await new Promise<void>((resolve) => server.listen(apiPort, '127.0.0.1', resolve));
      t.after(() => server.close());
      const r = await lab('fixture', 'doctor');
      assert.equal(r.code, 3, r.out);
      const owner = docker(['compose', '--project-name', projects.other, 'ps', '--format', '{{.Name}}']).stdout.trim();
      assert.match(
        r.out,
        new RegExp(`port ${env.WEB_PORT} \\(for web\\) is already in use by the other lab's holder \\(container ${owner}\\)`),
      );
      assert.match(r.out, /Stop the other lab first: `pnpm lab:other down`/);
      if (findOnPath('ss'))
        assert.match(r.out, new RegExp(`port ${apiPort} \\(for api\\) is already in use by node \\(pid ${process.pid}\\)`));
      else t.diagnostic('skipped: the process check (no ss)');
      const up = await lab('fixture', 'up');
      assert.equal(up.code, 3, 'up stops at the preflight');
      assert.deepEqual(leftovers(projects.fixture).containers, [], 'and starts nothing');
      assert.equal((await cli(['other', 'down'], { ...env, HOLD_PORT: env.WEB_PORT })).code, 0);
    });

    test('up and down again over a published port range (three cycles in all): the URL table follows the ports Docker hands out', async () => {
      for (let cycle = 2; cycle <= 3; cycle++) {
        const up = await lab('fixture', 'up');
        assert.equal(up.code, 0, `cycle ${cycle}: ${up.out}`);
        const first = docker(['compose', '--project-name', projects.fixture, 'port', '--index', '1', 'api', '80']).stdout.trim();
        assert.equal(`127.0.0.1:${tableUrl(up.out, 'API')?.[2]}`, first, `cycle ${cycle}`);
        apiPorts.push(first.split(':')[1] as string);
        assert.equal((await lab('fixture', 'down', '--volumes')).code, 0);
      }
      assert.deepEqual(leftovers(projects.fixture), { containers: [], networks: [], volumes: [] });
      console.log(`first api replica's host port per cycle: ${apiPorts.join(', ')}`);
    });

    test('up: a crash-looping service fails fast, named, with its last log lines', async () => {
      const r = await lab('trouble', 'up', '--crash', '--timeout', '600');
      assert.equal(r.code, 1, r.out);
      assert.match(r.out, /The trouble lab did not start: crashy: keeps crashing \(exit 3, restarted \d+ times\)/);
      assert.match(r.out, /last log lines:\ncrashy: cannot read \/etc\/crashy.conf/);
      assert.match(r.out, /crashy stopped with an error: its last log lines above say why/);
      assert.doesNotMatch(r.out, /still starting after/, 'decided by the crash loop, not the timeout');
    });

    test('up: an unhealthy service fails once its healthcheck gives up, with the probe output and logs', async () => {
      const r = await lab('trouble', 'up', '--unhealthy', '--timeout', '600');
      assert.equal(r.code, 1, r.out);
      assert.match(r.out, /sick: unhealthy \(healthcheck failed \d+ times in a row\)/);
      assert.match(r.out, /healthcheck said: probe: connection refused/);
      assert.match(r.out, /sick: listening on nothing/);
      assert.match(r.out, /sick runs but its healthcheck fails/);
      assert.doesNotMatch(r.out, /needs-sick: /, 'the service that waits for it is not blamed');
    });

    test('up: a service that never gets ready fails at --timeout, named, with a hint to wait longer', async () => {
      const r = await lab('trouble', 'up', '--slow', '--timeout', '5');
      assert.equal(r.code, 1, r.out);
      assert.match(r.out, /slow: still starting after 5s/);
      assert.match(r.out, /--timeout 600/);
    });

    test('up: a service killed for memory says so, with its limit', async () => {
      const r = await lab('trouble', 'up', '--oom', '--timeout', '600');
      assert.equal(r.code, 1, r.out);
      assert.match(r.out, /hog: killed: out of memory \(limit 16 MiB\)/);
      assert.match(r.out, /hog ran out of memory: raise its limit \(deploy\.resources\.limits\.memory/);
    });

    test('up: an invalid compose file is reported before anything starts, with the line Compose gave', async () => {
      const r = await lab('trouble', 'up', '--invalid');
      assert.equal(r.code, 1, r.out);
      assert.match(r.out, /The trouble lab's compose files are not valid: .*helthcheck/);
      assert.match(r.out, /A compose file of the lab is not valid/);
      assert.doesNotMatch(r.out, /Preflight/, 'nothing else ran');
    });

    test('up: an image nobody has names the image and points at the offline kit', async () => {
      const r = await lab('trouble', 'up', '--missing');
      assert.equal(r.code, 1, r.out);
      assert.match(r.out, /Downloading 1 image\(s\) not on this machine yet: obslab-test-missing:does-not-exist/);
      assert.match(r.out, /Could not download obslab-test-missing:does-not-exist/);
      assert.match(r.out, /pnpm lab:trouble load <file>/);
    });

    test('up: a failing build shows the failing step and where to fix it', async () => {
      const r = await lab('trouble', 'up', '--badbuild');
      assert.equal(r.code, 1, r.out);
      assert.match(r.out, /Building badbuild failed/);
      assert.match(r.out, /badbuild: step 2 fails on purpose/);
      assert.match(r.out, /fix the Dockerfile or the files it copies/);
      assert.equal((await lab('trouble', 'down', '--volumes')).code, 0);
      assert.deepEqual(leftovers(projects.trouble), { containers: [], networks: [], volumes: [] });
    });

    test('bundle -> remove the images -> load -> up, with no registry: every image comes from the kit', async (t) => {
      // Images of this run only (removing them must not touch another run's), never in any registry.
      const kit = { OBSLAB_TEST_BUSYBOX: `obslab-test-kit-${run}:1`, FIXTURE_APP_IMAGE: `obslab-test-kit-app-${run}:1` };
      docker(['tag', env.OBSLAB_TEST_BUSYBOX as string, kit.OBSLAB_TEST_BUSYBOX]);
      const room = mkdtempSync(join(tmpdir(), 'obslab-room-'));
      t.after(() => {
        rmSync(room, { recursive: true, force: true });
        docker(['image', 'rm', '--force', ...Object.values(kit)]);
      });
      const kitEnv = { ...env, ...kit, INIT_CWD: room };
      const bundle = await cli(['fixture', 'bundle', 'kit.tar'], kitEnv);
      assert.equal(bundle.code, 0, bundle.out);
      assert.ok(statSync(join(room, 'kit.tar')).size > 0, 'the kit is written where the user stands');
      for (const image of Object.values(kit)) assert.match(bundle.out, new RegExp(`^  ${image}$`, 'm'));
      assert.equal(docker(['image', 'rm', ...Object.values(kit)]).code, 0);
      const load = await cli(['fixture', 'load', 'kit.tar'], kitEnv);
      assert.equal(load.code, 0, load.out);
      const up = await cli(['fixture', 'up'], kitEnv);
      assert.equal(up.code, 0, up.out);
      assert.doesNotMatch(up.out, /Downloading/);
      assert.equal((await cli(['fixture', 'down', '--volumes'], kitEnv)).code, 0);
    });
  });
