// Lighthouse benchmark of the built site: mobile performance and accessibility of every page in
// both locales. A benchmark, not a test (minutes of CPU): `pnpm docs:lighthouse [--no-build]
// [--runs N] [--cpu-slowdown auto|N] [--json file]`. Goal: performance >= 90 and accessibility
// 100 on every page; the exit code is 1 when a page misses it.
//
// Lighthouse runs through `pnpm dlx` at a pinned version (12.2.3: Lighthouse 13 needs Node 22),
// so the 150 packages it brings stay out of every `pnpm install`. Chromium comes from
// CHROME_PATH, else Debian's /usr/bin/chromium; nothing downloads a browser. The built site is
// served as static hosts (GitHub Pages, Netlify) serve it: gzip for text, 404.html per locale.
//
// Lighthouse simulates a phone by multiplying the host's CPU time by 4 (the default here too),
// a factor meant for a high-end desktop. `--cpu-slowdown auto` sets it from the host's benchmark
// index instead (scripts/cpu-slowdown.mts) and runs a page again when that index moved; a number
// sets it by hand. On a shared machine the index swings while the pages' CPU time does not, so
// `auto` is a choice, not the default (MAINTAINING.md, "The Lighthouse benchmark").
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { cpuSlowdownFor } from './cpu-slowdown.mts';

const LIGHTHOUSE = 'lighthouse@12.2.3';
const GOAL = { performance: 90, accessibility: 100 };
const site = join(dirname(fileURLToPath(import.meta.url)), '..');

interface Options {
  build: boolean;
  runs: number;
  port: number;
  json?: string;
  reports?: string;
  pages?: string[];
  cpuSlowdown: 'auto' | number;
}

function parseOptions(argv: string[]): Options {
  const o: Options = { build: true, runs: 1, port: 18300, cpuSlowdown: 4 };
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
    else if (a === '--reports') o.reports = value();
    else if (a === '--pages') o.pages = value().split(',');
    else if (a === '--cpu-slowdown') {
      const v = value();
      o.cpuSlowdown = v === 'auto' ? 'auto' : Number(v);
      if (o.cpuSlowdown !== 'auto' && !(o.cpuSlowdown >= 1)) throw new Error(`--cpu-slowdown takes auto or a number >= 1, not ${v}`);
    } else if (a === '--help' || a === '-h') {
      console.log(
        'Usage: pnpm docs:lighthouse [--no-build] [--runs N] [--cpu-slowdown auto|N] [--port P] [--pages loki,en/loki] [--json file] [--reports dir]',
      );
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

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
};

/** The file a static host answers a path with: the file, `<path>.html`, or `<path>/index.html`. */
function resolveFile(root: string, urlPath: string): string | undefined {
  const path = normalize(decodeURIComponent(urlPath)).replace(/^(\.\.[/\\])+/, '');
  for (const candidate of [join(root, path), `${join(root, path)}.html`, join(root, path, 'index.html')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

function serve(root: string, port: number): Promise<Server> {
  const server = createServer((req, res) => {
    const urlPath = new URL(req.url ?? '/', 'http://x').pathname;
    let file = resolveFile(root, urlPath);
    let status = 200;
    if (!file) {
      status = 404;
      file = join(root, urlPath.startsWith('/en/') ? 'en' : '', '404.html');
    }
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    let body = readFileSync(file);
    const headers: Record<string, string> = { 'Content-Type': type };
    if (/gzip/.test(String(req.headers['accept-encoding'])) && /text|javascript|json|svg|xml/.test(type)) {
      body = gzipSync(body);
      headers['Content-Encoding'] = 'gzip';
    }
    res.writeHead(status, headers).end(body);
  });
  return new Promise((resolve, reject) => {
    server.once('error', (err) => reject(new Error(`cannot serve on port ${port}: ${err.message} (is the port taken? try --port)`)));
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

interface Score {
  page: string;
  performance: number;
  accessibility: number;
  failedAudits: string[];
  lcpMs: number;
  tbtMs: number;
  transferKiB: number;
  /** Lighthouse's measure of this machine's CPU speed during the run (higher is faster). */
  benchmarkIndex: number;
  /** The CPU multiplier the run simulated a phone with. */
  cpuSlowdown: number;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

interface LighthouseReport {
  categories: Record<string, { score: number | null; auditRefs: { id: string; weight: number }[] }>;
  audits: Record<string, { score: number | null; numericValue?: number; title: string }>;
  environment?: { benchmarkIndex?: number };
  configSettings?: { throttling?: { cpuSlowdownMultiplier?: number } };
}

async function measure(url: string, chrome: string, out: string, cpuSlowdown: number): Promise<LighthouseReport> {
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
      `--throttling.cpuSlowdownMultiplier=${cpuSlowdown}`,
      '--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-background-networking --disable-component-update --disable-sync --no-first-run',
    ],
    { ...process.env, CHROME_PATH: chrome },
  );
  if (code !== 0 || !existsSync(out)) throw new Error(`lighthouse failed on ${url} (exit ${code})`);
  return JSON.parse(readFileSync(out, 'utf8')) as LighthouseReport;
}

/**
 * A reader of the zh-TW pages has a Chinese font; a bare Linux host may not. Without one, Chromium
 * searches every installed font for each Chinese character: on this project's test host the zh-TW
 * Loki page's layout took about 370 ms unthrottled without one, 230 ms with Noto CJK.
 */
function warnWithoutChineseFont(): void {
  if (process.platform !== 'linux') return;
  let families: string;
  try {
    families = execFileSync('fc-list', [':lang=zh-tw', 'family'], { encoding: 'utf8' });
  } catch {
    return; // no fontconfig tools: nothing to tell
  }
  if (families.trim() === '') {
    console.warn(
      'warning: no Traditional Chinese font on this host, so the zh-TW pages lay out slower than a reader would see ' +
        '(Debian: apt-get install fonts-noto-cjk).',
    );
  }
}

async function main(): Promise<void> {
  const o = parseOptions(process.argv.slice(2));
  const chrome = process.env.CHROME_PATH ?? '/usr/bin/chromium';
  if (!existsSync(chrome)) throw new Error(`No Chromium at ${chrome}: install it (Debian: apt-get install chromium) or set CHROME_PATH.`);
  if (o.build && (await run('pnpm', ['run', 'build'])) !== 0) throw new Error('the docs build failed');
  if (!existsSync(join(site, 'build', 'index.html'))) throw new Error('No build in docs/build: run without --no-build.');
  const paths = o.pages ? o.pages.map((p) => `/${p.replace(/^\//, '')}`) : pagePaths();
  if (paths.some((p) => !p.startsWith('/en/'))) warnWithoutChineseFont();
  const server = await serve(join(site, 'build'), o.port);
  const tmp = o.reports ?? mkdtempSync(join(tmpdir(), 'obslab-lighthouse-'));
  mkdirSync(tmp, { recursive: true });
  const scores: Score[] = [];
  // With `auto`, Lighthouse's default until the first run has measured this host.
  let slowdown = o.cpuSlowdown === 'auto' ? 4 : o.cpuSlowdown;
  try {
    for (const path of paths) {
      const reports: LighthouseReport[] = [];
      for (let r = 0; r < o.runs; r++) {
        const url = `http://127.0.0.1:${o.port}${path}`;
        const out = join(tmp, `${scores.length}-${r}.json`);
        let report = await measure(url, chrome, out, slowdown);
        const fit = o.cpuSlowdown === 'auto' ? cpuSlowdownFor(report.environment?.benchmarkIndex ?? Number.NaN) : slowdown;
        if (Math.abs(fit - slowdown) > 0.5) {
          console.log(
            `  (CPU index ${Math.round(report.environment?.benchmarkIndex ?? 0)}: running ${path} again at ${fit}x instead of ${slowdown}x)`,
          );
          slowdown = fit;
          report = await measure(url, chrome, out, slowdown);
        }
        reports.push(report);
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
        benchmarkIndex: Math.round(median(reports.map((rep) => rep.environment?.benchmarkIndex ?? 0))),
        cpuSlowdown: median(reports.map((rep) => rep.configSettings?.throttling?.cpuSlowdownMultiplier ?? 0)),
      };
      scores.push(score);
      console.log(
        `${path.padEnd(24)} performance ${String(score.performance).padStart(3)}  accessibility ${String(score.accessibility).padStart(3)}` +
          `  LCP ${score.lcpMs} ms  TBT ${score.tbtMs} ms  ${score.transferKiB} KiB  CPU index ${score.benchmarkIndex}, ${score.cpuSlowdown}x${failedAudits.length ? `  failing: ${failedAudits.join(', ')}` : ''}`,
      );
    }
  } finally {
    server.close();
    if (!o.reports) rmSync(tmp, { recursive: true, force: true });
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
