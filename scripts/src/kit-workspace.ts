// The workspace half of the offline kit (`pnpm kit pack`), next to the labs' image archives:
//   obslab.bundle        the repository at the kit's commit (`git clone <kit>/obslab.bundle obslab`)
//   pnpm-<version>.tgz   pnpm itself, for a laptop with Node.js only (`npm install -g <it>`)
//   pnpm-store/          every npm package of pnpm-lock.yaml, for Linux and macOS on x64 and arm64
//                        (`pnpm install --offline --store-dir <kit>/pnpm-store`)
//   site/                the docs site, built (`pnpm kit docs` serves it)
//   kit.json             what the above is: the commit, pnpm's version, the lockfile's SHA-256
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LabError } from './errors.ts';
import { REPO_BUNDLE, repoCommit, sha256File } from './kit.ts';
import { repoRoot } from './labs.ts';
import { sizeText } from './resources.ts';
import { dim, seconds, table } from './table.ts';

/** The laptops a classroom brings: WSL 2 and Linux (x64, arm64) and macOS (Intel, Apple silicon). */
export const KIT_PLATFORMS = { os: ['linux', 'darwin'], cpu: ['x64', 'arm64'], libc: ['glibc'] } as const;

/** kit.json: what the workspace half of a kit holds, for the instructor and for whoever checks a kit later. */
export interface KitWorkspace {
  format: 1;
  createdAt: string;
  commit?: string;
  /** Uncommitted changes are not in the repository copy (the docs site was built with them). */
  dirty: boolean;
  repository: string | null;
  pnpm: { version: string; tarball: string | null; store: string; lockfileSha256: string; platforms: typeof KIT_PLATFORMS };
  site: string;
}

export const siteDir = (kit: string) => join(kit, 'site');
const storeDir = (kit: string) => join(kit, 'pnpm-store');

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): { ok: boolean; out: string } {
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { ok: r.status === 0, out: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? r.error.message : ''}` };
}

/** The pnpm version the workspace asks for (package.json packageManager). */
export function pnpmVersion(root = repoRoot): string {
  const pm = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { packageManager?: string }).packageManager ?? '';
  const m = /^pnpm@(\d+\.\d+\.\d+)/.exec(pm);
  if (!m?.[1]) throw new LabError('package.json has no packageManager "pnpm@<version>".');
  return m[1];
}

/** Bytes under a folder (files counted once per hard link are counted each time: what a copy takes). */
export function folderBytes(dir: string): number {
  let bytes = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    if (e.isDirectory()) bytes += folderBytes(path);
    else if (e.isFile()) bytes += statSync(path).size;
  }
  return bytes;
}

function step<T>(what: string, work: () => T): { result: T; ms: number } {
  console.log(what);
  const started = Date.now();
  const result = work();
  return { result, ms: Date.now() - started };
}

/** The repository as a git bundle: HEAD and the branch it is on. */
function bundleRepository(kit: string): string | null {
  const file = join(kit, REPO_BUNDLE);
  const branch = run('git', ['symbolic-ref', '--short', '-q', 'HEAD'], repoRoot).out.trim();
  const r = run('git', ['bundle', 'create', file, 'HEAD', ...(branch ? [branch] : [])], repoRoot);
  if (!r.ok) {
    console.log(dim(`  no repository copy: ${r.out.trim().split('\n').at(-1)}`));
    return null;
  }
  return REPO_BUNDLE;
}

/** pnpm's own package, from npm's cache or the registry (kept when already in the kit). */
function pnpmTarball(kit: string, version: string): string | null {
  const name = `pnpm-${version}.tgz`;
  if (existsSync(join(kit, name))) return name;
  const r = run('npm', ['pack', `pnpm@${version}`, '--pack-destination', kit, '--prefer-offline'], kit);
  if (!r.ok) {
    console.log(dim(`  pnpm ${version} could not be fetched (${r.out.trim().split('\n').at(-1)}): laptops need pnpm installed beforehand`));
    return null;
  }
  return name;
}

/**
 * Fills the kit's store with every package of the lockfile for the classroom's platforms. `pnpm
 * fetch` runs in a scratch folder holding the lockfile, so the checkout's node_modules is left
 * alone; it first tries offline, so a kit that is complete is checked without any network.
 */
function fillStore(kit: string): void {
  const scratch = mkdtempSync(join(tmpdir(), 'obslab-kit-fetch-'));
  try {
    for (const f of ['package.json', 'pnpm-lock.yaml', 'pnpm-workspace.yaml']) copyFileSync(join(repoRoot, f), join(scratch, f));
    const platforms = [
      ...KIT_PLATFORMS.os.flatMap((o) => ['--os', o]),
      ...KIT_PLATFORMS.cpu.flatMap((c) => ['--cpu', c]),
      ...KIT_PLATFORMS.libc.flatMap((l) => ['--libc', l]),
    ];
    const args = ['fetch', '--store-dir', storeDir(kit), ...platforms, '--ignore-scripts'];
    const env = { ...process.env, CI: 'true' };
    if (run('pnpm', [...args, '--offline'], scratch, env).ok) return;
    const online = run('pnpm', args, scratch, env);
    if (!online.ok) {
      throw new LabError(
        `pnpm fetch failed:\n${online.out.trim().split('\n').slice(-5).join('\n')}`,
        'Filling the kit with npm packages needs the npm registry once; later runs reuse what the kit holds.',
      );
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function buildSite(kit: string): void {
  const r = spawnSync('pnpm', ['--filter', '@obslab/docs', 'build', '--out-dir', siteDir(kit)], { cwd: repoRoot, stdio: 'inherit' });
  if (r.status !== 0)
    throw new LabError('Building the docs site failed (its output is above).', 'Fix the docs build, then run `pnpm kit pack` again.');
}

/** Writes the workspace half of the kit into `kit` and prints what each part takes. */
export async function packWorkspace(kit: string): Promise<void> {
  const started = Date.now();
  const version = pnpmVersion();
  const dirty = run('git', ['status', '--porcelain'], repoRoot).out.trim() !== '';
  const rows: string[][] = [];
  const part = (name: string, path: string | null, ms: number) =>
    rows.push([name, path ?? '(none)', path ? sizeText(folderOrFile(join(kit, path))) : '', seconds(ms)]);

  const repo = step('Repository copy (git bundle)', () => bundleRepository(kit));
  part('repository', repo.result, repo.ms);
  const tarball = step(`pnpm ${version}`, () => pnpmTarball(kit, version));
  part('pnpm', tarball.result, tarball.ms);
  const store = step(`npm packages for ${KIT_PLATFORMS.os.join(', ')} on ${KIT_PLATFORMS.cpu.join(', ')} (pnpm fetch)`, () =>
    fillStore(kit),
  );
  part('pnpm store', 'pnpm-store', store.ms);
  const site = step('Docs site (both languages)', () => buildSite(kit));
  part('docs site', 'site', site.ms);

  const commit = repoCommit();
  const manifest: KitWorkspace = {
    format: 1,
    createdAt: new Date().toISOString(),
    ...(commit ? { commit } : {}),
    dirty,
    repository: repo.result,
    pnpm: {
      version,
      tarball: tarball.result,
      store: 'pnpm-store',
      lockfileSha256: await sha256File(join(repoRoot, 'pnpm-lock.yaml')),
      platforms: KIT_PLATFORMS,
    },
    site: 'site',
  };
  writeFileSync(join(kit, 'kit.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  console.log(`\n${table(['part', 'in the kit', 'size', 'time'], rows)}`);
  if (dirty) console.log(dim('The checkout has uncommitted changes: the repository copy holds the last commit only.'));
  console.log(`\nWorkspace part of ${kit} written in ${seconds(Date.now() - started)}. Each lab's images: pnpm lab:<lab> bundle`);
}

function folderOrFile(path: string): number {
  return statSync(path).isDirectory() ? folderBytes(path) : statSync(path).size;
}
