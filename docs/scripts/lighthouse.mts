// Lighthouse benchmark of the built site: mobile performance and accessibility of every page in
// both locales. A benchmark, not a test (minutes of CPU): `pnpm docs:lighthouse [--no-build]
// [--runs N] [--json file]`. Goal: performance >= 90 and accessibility 100 on every page; the
// exit code is 1 when a page misses it.
//
// Lighthouse runs through `pnpm dlx` at a pinned version (12.2.3: Lighthouse 13 needs Node 22),
// so the 150 packages it brings stay out of every `pnpm install`. Chromium comes from
// CHROME_PATH, else Debian's /usr/bin/chromium; nothing downloads a browser.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const LIGHTHOUSE = 'lighthouse@12.2.3';
const GOAL = { performance: 90, accessibility: 100 };
const site = join(dirname(fileURLToPath(import.meta.url)), '..');

interface Options {
  build: boolean;
  runs: number;
  port: number;
  json?: string;
  pages?: string[];
}

function parseOptions(argv: string[]): Options {
  const o: Options = { build: true, runs: 1, port: 18300 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--no-build') o.build = false;
    else if (a === '--runs') o.runs = Math.max(1, Number(value()));
    else if (a === '--port') o.port = Number(value());
    else if (a === '--json') o.json = value();
    else if (a === '--pages') o.pages = value().split(',');
    else if (a === '--help' || a === '-h') {
      console.log('Usage: pnpm docs:lighthouse [--no-build] [--runs N] [--port P] [--pages loki,en/loki] [--json file]');
      process.exit(0);
    } else throw new Error(`Unknown option ${a} (try --help)`);
  }
  return o;
}

/** Every page of both locales, as paths: '/', '/setup', ..., '/en/', '/en/setup', ... */
function pagePaths(): string[] {
  const slugs = readdirSync(join(site, 'docs'))
    .filter((f) => /\.mdx?$/.test(f))
    .map((f) => f.replace(/\.mdx?$/, ''))
    .map((name) => (name === 'index' ? '' : name))
    .sort();
  return ['', '/en'].flatMap((prefix) => slugs.map((s) => `${prefix}/${s}`));
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: site, env, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

async function serve(port: number): Promise<ChildProcess> {
  const child = spawn('pnpm', ['exec', 'docusaurus', 'serve', '--port', String(port), '--host', '127.0.0.1', '--no-open'], {
    cwd: site,
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/`)).ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  stop(child);
  throw new Error(`docusaurus serve did not answer on port ${port} within 30 s (is the port taken?)`);
}

function stop(child: ChildProcess): void {
  // The server runs in its own process group (pnpm -> node): end the whole group.
  if (child.pid) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
}

interface Score {
  page: string;
  performance: number;
  accessibility: number;
  failedAudits: string[];
  lcpMs: number;
  tbtMs: number;
  transferKiB: number;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

interface LighthouseReport {
  categories: Record<string, { score: number | null; auditRefs: { id: string; weight: number }[] }>;
  audits: Record<string, { score: number | null; numericValue?: number; title: string }>;
}

async function measure(url: string, chrome: string, out: string): Promise<LighthouseReport> {
  const code = await run(
    'pnpm',
    [
      'dlx',
      LIGHTHOUSE,
      url,
      '--quiet',
      '--only-categories=performance,accessibility',
      '--output=json',
      `--output-path=${out}`,
      '--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-background-networking --disable-component-update --disable-sync --no-first-run',
    ],
    { ...process.env, CHROME_PATH: chrome },
  );
  if (code !== 0 || !existsSync(out)) throw new Error(`lighthouse failed on ${url} (exit ${code})`);
  return JSON.parse(readFileSync(out, 'utf8')) as LighthouseReport;
}

async function main(): Promise<void> {
  const o = parseOptions(process.argv.slice(2));
  const chrome = process.env.CHROME_PATH ?? '/usr/bin/chromium';
  if (!existsSync(chrome)) throw new Error(`No Chromium at ${chrome}: install it (Debian: apt-get install chromium) or set CHROME_PATH.`);
  if (o.build && (await run('pnpm', ['run', 'build'])) !== 0) throw new Error('the docs build failed');
  if (!existsSync(join(site, 'build', 'index.html'))) throw new Error('No build in docs/build: run without --no-build.');
  const paths = o.pages ? o.pages.map((p) => `/${p.replace(/^\//, '')}`) : pagePaths();
  const server = await serve(o.port);
  const tmp = mkdtempSync(join(tmpdir(), 'obslab-lighthouse-'));
  const scores: Score[] = [];
  try {
    for (const path of paths) {
      const reports: LighthouseReport[] = [];
      for (let r = 0; r < o.runs; r++) {
        reports.push(await measure(`http://127.0.0.1:${o.port}${path}`, chrome, join(tmp, `${scores.length}-${r}.json`)));
      }
      const pct = (rep: LighthouseReport, cat: string) => Math.round((rep.categories[cat]?.score ?? 0) * 100);
      const num = (rep: LighthouseReport, audit: string) => rep.audits[audit]?.numericValue ?? 0;
      const last = reports[reports.length - 1] as LighthouseReport;
      const failedAudits = (last.categories.accessibility?.auditRefs ?? [])
        .filter((ref) => ref.weight > 0 && last.audits[ref.id]?.score === 0)
        .map((ref) => ref.id);
      const score: Score = {
        page: path,
        performance: median(reports.map((rep) => pct(rep, 'performance'))),
        accessibility: median(reports.map((rep) => pct(rep, 'accessibility'))),
        failedAudits,
        lcpMs: Math.round(median(reports.map((rep) => num(rep, 'largest-contentful-paint')))),
        tbtMs: Math.round(median(reports.map((rep) => num(rep, 'total-blocking-time')))),
        transferKiB: Math.round(median(reports.map((rep) => num(rep, 'total-byte-weight'))) / 1024),
      };
      scores.push(score);
      console.log(
        `${path.padEnd(24)} performance ${String(score.performance).padStart(3)}  accessibility ${String(score.accessibility).padStart(3)}` +
          `  LCP ${score.lcpMs} ms  TBT ${score.tbtMs} ms  ${score.transferKiB} KiB${failedAudits.length ? `  failing: ${failedAudits.join(', ')}` : ''}`,
      );
    }
  } finally {
    stop(server);
    rmSync(tmp, { recursive: true, force: true });
  }
  if (o.json) writeFileSync(o.json, `${JSON.stringify(scores, null, 2)}\n`);
  const missed = scores.filter((s) => s.performance < GOAL.performance || s.accessibility < GOAL.accessibility);
  console.log(
    `\n${scores.length - missed.length} of ${scores.length} pages meet the goal (mobile performance >= ${GOAL.performance}, accessibility ${GOAL.accessibility})` +
      (missed.length ? `; missing it: ${missed.map((s) => s.page).join(', ')}` : ''),
  );
  if (missed.length) process.exitCode = 1;
}

main().catch((err: unknown) => {
  console.error(`error: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 2;
});
