// Runs the lab's FastAPI app with Debian's Python, where FastAPI and uvicorn are installed.
import { spawnSync } from 'node:child_process';

/** Debian's interpreter: the `python3` first on PATH may be another one without these modules. */
export const PYTHON = process.env.LAB_PYTHON ?? '/usr/bin/python3';

let importable: boolean | undefined;
export function canRunApp(): boolean {
  importable ??= spawnSync(PYTHON, ['-c', 'import fastapi, uvicorn'], { stdio: 'ignore' }).status === 0;
  return importable;
}
