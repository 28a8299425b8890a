// The CLI as a user runs it: a subprocess of `node --import tsx cli.ts`, from any folder.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const scriptsDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(scriptsDir, 'src', 'cli.ts');
// Resolved here, so the CLI can start from a folder that has no node_modules.
const TSX = import.meta.resolve('tsx');

export interface Result {
  code: number | null;
  out: string;
}

/** Runs the CLI with exactly `env` (plus HOME and NO_COLOR), stdout and stderr interleaved in `out`. */
export function cli(args: string[], env: Record<string, string | undefined>, cwd = scriptsDir): Promise<Result> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', TSX, CLI, ...args], {
      env: { HOME: process.env.HOME ?? '/tmp', NO_COLOR: '1', ...env },
      cwd,
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code) => resolve({ code, out }));
  });
}
