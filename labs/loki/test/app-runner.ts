// Runs the lab's FastAPI app under uvicorn with Debian's Python, where FastAPI and uvicorn are installed.
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { freePort, labDir, waitFor } from './helpers.ts';

/** Debian's interpreter: the `python3` first on PATH may be another one without these modules. */
export const PYTHON = process.env.LAB_PYTHON ?? '/usr/bin/python3';

let importable: boolean | undefined;
export function canRunApp(): boolean {
  importable ??= spawnSync(PYTHON, ['-c', 'import fastapi, uvicorn'], { stdio: 'ignore' }).status === 0;
  return importable;
}

export interface RunningApp {
  /** `http://127.0.0.1:<port>` */
  base: string;
  port: number;
  /** Everything the app printed so far (its JSON log lines), stdout and stderr. */
  output(): string;
}

/** Starts the app as its Dockerfile does (no uvicorn access log) on a free port; stopped when the test ends. */
export async function startApp(t: TestContext): Promise<RunningApp> {
  const port = await freePort();
  const app = spawn(PYTHON, ['-m', 'uvicorn', 'main:app', '--port', String(port), '--no-access-log'], { cwd: join(labDir, 'app') });
  t.after(() => app.kill());
  let out = '';
  app.stdout.on('data', (d) => (out += d));
  app.stderr.on('data', (d) => (out += d));
  const base = `http://127.0.0.1:${port}`;
  // Python imports FastAPI slowly on a busy machine: allow it time.
  await waitFor(`${base}/health`, 30_000);
  return { base, port, output: () => out };
}
