// Memory benchmark for the running Loki lab (a measurement, not a test):
//   pnpm --filter @obslab/lab-loki bench:memory [--minutes 3] [--vus 5]
// Runs the traffic profile (k6, as `pnpm lab:loki traffic` does) while every dashboard's queries
// run every 10 s as an open Grafana would, samples every container's memory with `docker stats`,
// and prints each one's peak next to its limit, any OOM kill, and a limit with 50 % headroom.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { basicAuth, composeFilesFor, findLab, savedSelection, variantOf } from '@obslab/runner';

// The variant `pnpm lab:loki up` started (SSD or distributed, either collector).
const found = findLab('loki');
const selection = savedSelection(found);
const lab = variantOf(found, selection);
const PROJECT = lab.compose.name ?? 'loki';
const MiB = 1024 * 1024;
const { values: args } = parseArgs({
  options: { minutes: { type: 'string', default: '3' }, vus: { type: 'string', default: '5' } },
});
const minutes = Number(args.minutes);
const vus = Number(args.vus);
if (!(minutes > 0) || !(vus > 0)) throw new Error('--minutes and --vus take positive numbers');

const docker = (...a: string[]) => execFileSync('docker', a, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

interface Container {
  id: string;
  name: string;
  service: string;
  limit: number;
  restarts: number;
  peak: number;
}

function labContainers(): Container[] {
  const ids = docker('ps', '-q', '--filter', `label=com.docker.compose.project=${PROJECT}`).split('\n').filter(Boolean);
  if (ids.length === 0) throw new Error(`The ${PROJECT} lab is not running. Start it first: pnpm lab:loki`);
  return ids.map((id) => {
    const [name = id, service = '', limit = '0', restarts = '0'] = docker(
      'inspect',
      '-f',
      '{{.Name}}|{{index .Config.Labels "com.docker.compose.service"}}|{{.HostConfig.Memory}}|{{.RestartCount}}',
      id,
    ).split('|');
    return { id, name: name.replace(/^\//, ''), service, limit: Number(limit), restarts: Number(restarts), peak: 0 };
  });
}

/** `12.3MiB` -> bytes (docker stats prints binary units for memory). */
function parseSize(text: string): number {
  const m = /^([\d.]+)\s*([KMGT]?i?B)$/i.exec(text.trim());
  if (!m) return 0;
  const unit = (m[2] ?? 'B').toUpperCase().replace('I', '');
  const power = { B: 0, KB: 1, MB: 2, GB: 3, TB: 4 }[unit] ?? 0;
  return Number(m[1]) * 1024 ** power;
}

/** Streams `docker stats` and keeps each container's highest memory use. */
function sample(containers: Container[]): ChildProcess {
  const byId = new Map(containers.map((c) => [c.id.slice(0, 12), c]));
  const stats = spawn('docker', ['stats', '--format', '{{json .}}', ...containers.map((c) => c.id)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let buffer = '';
  stats.stdout.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
    for (const line of lines) {
      const json = line.slice(line.indexOf('{'), line.lastIndexOf('}') + 1);
      if (!json) continue;
      const row = JSON.parse(json) as { ID: string; MemUsage: string };
      const c = byId.get(row.ID.slice(0, 12));
      if (c) c.peak = Math.max(c.peak, parseSize(row.MemUsage.split('/')[0] ?? ''));
    }
  });
  return stats;
}

/** Every query of the committed dashboards, with the datasource it goes to. */
function dashboardQueries(): { datasource: string; expr: string }[] {
  const dir = join(lab.dir, 'config', 'grafana', 'dashboards');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .flatMap((file) => {
      const d = JSON.parse(readFileSync(join(dir, file), 'utf8')) as {
        panels: { targets?: { expr?: string; datasource?: { uid: string } }[] }[];
      };
      return d.panels.flatMap((p) => (p.targets ?? []).map((t) => ({ datasource: t.datasource?.uid ?? '', expr: t.expr ?? '' })));
    });
}

const hostPort = (service: string, target: number) => docker('compose', '-p', PROJECT, 'port', service, String(target));

/** Runs every dashboard query over the last 15 minutes, through Grafana when it answers (as a browser would). */
async function refreshDashboards(): Promise<number> {
  const auth = basicAuth(lab, 'grafana');
  const grafana = `http://${hostPort('grafana', 3000)}`;
  const direct: Record<string, string> = {
    loki: `http://${hostPort('loki-gateway', 3100)}/loki/api/v1/query_range`,
    prometheus: `http://${hostPort('prometheus', 9090)}/api/v1/query_range`,
  };
  const viaGrafana: Record<string, string> = {
    loki: `${grafana}/api/datasources/proxy/uid/loki/loki/api/v1/query_range`,
    prometheus: `${grafana}/api/datasources/proxy/uid/prometheus/api/v1/query_range`,
  };
  const end = Math.floor(Date.now() / 1000);
  let failed = 0;
  await Promise.all(
    dashboardQueries().map(async ({ datasource, expr }) => {
      const query = `query=${encodeURIComponent(expr.replaceAll('$__rate_interval', '1m').replaceAll('$__auto', '15s'))}&start=${end - 900}&end=${end}&step=15`;
      const res = await fetch(`${viaGrafana[datasource]}?${query}`, { headers: { Authorization: auth } }).catch(() => undefined);
      await res?.arrayBuffer();
      if (res?.ok) return;
      const fallback = await fetch(`${direct[datasource]}?${query}`).catch(() => undefined);
      await fallback?.arrayBuffer();
      if (!fallback?.ok) failed++;
    }),
  );
  return failed;
}

/** The lab's traffic profile; where the k6 image is absent, requests at the rate k6's VUs reach. */
async function traffic(seconds: number): Promise<void> {
  const k6 = lab.compose.services.k6?.image ?? '';
  let present = true;
  try {
    docker('image', 'inspect', k6);
  } catch {
    present = false;
  }
  if (present) {
    const run = spawn(
      'docker',
      [
        'compose',
        '-p',
        PROJECT,
        '--project-directory',
        lab.dir,
        ...composeFilesFor(lab, selection).flatMap((f) => ['-f', join(lab.dir, f)]),
        '--profile',
        'traffic',
        'run',
        '--rm',
        '--no-deps',
        '-e',
        `K6_VUS=${vus}`,
        '-e',
        `K6_DURATION=${seconds}s`,
        'k6',
      ],
      { stdio: 'ignore' },
    );
    await new Promise((resolve) => run.on('exit', resolve));
    return;
  }
  // k6/traffic.js is the real profile (one request per VU every 0.2-1 s plus its own time); this
  // stand-in keeps that rate and the profile's largest lines: 404 warnings and tracebacks.
  console.log(`(${k6} is not present here: sending the same request rate without k6)`);
  const nginx = `http://${hostPort('nginx', 8080)}`;
  const paths = ['/items?limit=10', '/items/7', '/items/120', '/flaky', '/error', '/items/42'];
  const until = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: vus }, async (_, vu) => {
      for (let i = vu; Date.now() < until; i++) {
        const res = await fetch(`${nginx}${paths[i % paths.length]}`).catch(() => undefined);
        await res?.arrayBuffer();
        await new Promise((r) => setTimeout(r, 200 + Math.random() * 800));
      }
    }),
  );
}

function oomKilled(since: number): Set<string> {
  const out = docker(
    'events',
    '--since',
    String(since),
    '--until',
    String(Math.floor(Date.now() / 1000)),
    '--filter',
    'event=oom',
    '--format',
    '{{.Actor.Attributes.name}}',
  );
  return new Set(out.split('\n').filter(Boolean));
}

const mib = (bytes: number) => `${Math.round(bytes / MiB)} MiB`;

async function main(): Promise<void> {
  const containers = labContainers();
  const started = Math.floor(Date.now() / 1000);
  const variant = Object.entries(selection.choices)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
  console.log(
    `Sampling ${containers.length} containers (${variant}) for ${minutes} min: traffic with ${vus} VUs, every dashboard refreshed every 10 s.`,
  );
  const stats = sample(containers);
  const seconds = Math.round(minutes * 60);
  const load = traffic(seconds);
  let failedQueries = 0;
  for (const end = Date.now() + seconds * 1000; Date.now() < end; ) {
    failedQueries += await refreshDashboards();
    await new Promise((r) => setTimeout(r, 10_000));
  }
  await load;
  // `docker stats` outlives SIGTERM (seen with the 20.10 CLI): the bench then never exits.
  stats.kill('SIGKILL');
  const killed = oomKilled(started);
  const after = labContainers();
  console.log('');
  // A scaled service has a row per replica: loki-querier#1, loki-querier#2.
  const replicas = (service: string) => containers.filter((c) => c.service === service).length;
  const label = (c: Container) => (replicas(c.service) > 1 ? `${c.service}#${/-(\d+)$/.exec(c.name)?.[1] ?? '?'}` : c.service);
  console.log(
    `${'service'.padEnd(22)} ${'limit'.padStart(9)} ${'peak'.padStart(9)} ${'of limit'.padStart(9)} ${'limit +50%'.padStart(11)}  OOM`,
  );
  for (const c of containers.sort((a, b) => a.service.localeCompare(b.service))) {
    const restarted = (after.find((a) => a.id === c.id)?.restarts ?? c.restarts) > c.restarts;
    const oom = killed.has(c.name) || restarted ? 'KILLED' : 'no';
    const suggested = Math.ceil((c.peak * 1.5) / (32 * MiB)) * 32 * MiB;
    const share = c.limit > 0 ? `${Math.round((100 * c.peak) / c.limit)} %` : '-';
    console.log(
      `${label(c).padEnd(22)} ${mib(c.limit).padStart(9)} ${mib(c.peak).padStart(9)} ${share.padStart(9)} ${mib(suggested).padStart(11)}  ${oom}`,
    );
  }
  const sum = (f: (c: Container) => number) => containers.reduce((s, c) => s + f(c), 0);
  console.log(`${'total'.padEnd(22)} ${mib(sum((c) => c.limit)).padStart(9)} ${mib(sum((c) => c.peak)).padStart(9)}`);
  if (failedQueries > 0) console.log(`\n${failedQueries} dashboard queries failed during the run.`);
}

await main();
