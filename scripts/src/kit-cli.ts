// `pnpm kit pack [dir]` writes the workspace half of the offline kit (pnpm, the npm packages, the
// docs site, the repository); `pnpm kit docs [dir]` serves the kit's docs site with no network.
// Each lab's images go into the same folder with `pnpm lab:<lab> bundle`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { LabError } from './errors.ts';
import { DEFAULT_KIT } from './kit.ts';
import { packWorkspace, siteDir } from './kit-workspace.ts';
import { repoRoot } from './labs.ts';
import { fromUserDir } from './user-path.ts';

const USAGE = `Usage: pnpm kit <pack|docs> [kit folder]

  pack [dir]   write pnpm, every npm package (Linux and macOS, x64 and arm64), the docs site and a copy of
               the repository into the kit folder (default: ${DEFAULT_KIT}); add each lab's images with
               \`pnpm lab:<lab> bundle\`
  docs [dir]   serve the kit's docs site on this laptop, with no network (Ctrl-C stops it)

The instructor guide (docs: instructor) walks through a classroom without network.`;

async function main(argv: string[]): Promise<number> {
  const [command, dir, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h') {
    console.log(USAGE);
    return 0;
  }
  if (rest.length > 0 || dir?.startsWith('-')) throw new LabError(`Unexpected arguments: ${[dir, ...rest].join(' ')}`, USAGE, 2);
  const kit = fromUserDir(dir ?? DEFAULT_KIT);
  if (command === 'pack') {
    mkdirSync(kit, { recursive: true });
    await packWorkspace(kit);
    return 0;
  }
  if (command === 'docs') {
    const site = siteDir(kit);
    if (!existsSync(join(site, 'index.html'))) {
      throw new LabError(
        `No docs site in ${kit}.`,
        'Give the kit folder (`pnpm kit docs <kit folder>`); the instructor adds the site with `pnpm kit pack`.',
        2,
      );
    }
    // The docs package's own static server (its port is in docs/package.json), on this laptop only.
    const r = spawnSync('pnpm', ['--silent', '--filter', '@obslab/docs', 'serve', '--dir', site, '--host', '127.0.0.1', '--no-open'], {
      cwd: repoRoot,
      stdio: 'inherit',
    });
    return r.status ?? 1;
  }
  throw new LabError(`Unknown kit command "${command}".`, USAGE, 2);
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (err) {
  if (!(err instanceof LabError)) throw err;
  console.error(`\nerror: ${err.message}`);
  if (err.hint) console.error(`  -> ${err.hint.split('\n').join('\n     ')}`);
  process.exitCode = err.exitCode;
}
