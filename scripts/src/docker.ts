// Talks to the Docker CLI. Everything the runner does to containers goes through `docker compose`
// in the lab folder, so plain `docker compose ...` there sees the same project.
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { createInterface } from 'node:readline';
import { $, type Duration, type ProcessOutput } from 'zx';
import { LabError } from './errors.ts';
import type { Lab } from './labs.ts';
import { composeFilesFor, type Selection } from './selection.ts';

export function findOnPath(bin: string, path = process.env.PATH ?? ''): string | undefined {
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, bin);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

const START_ENGINE_HINT =
  'Start Docker: open Docker Desktop (macOS, Windows), or on Linux run `sudo systemctl start docker`. ' +
  'Then run `docker info` to confirm, and try again.';

export function requireDockerBinary(): void {
  if (!findOnPath('docker')) {
    throw new LabError(
      'The `docker` command was not found on PATH.',
      'Install Docker Desktop (macOS, Windows) or Docker Engine with the Compose plugin (Linux): https://docs.docker.com/get-docker/',
      3,
    );
  }
}

export interface EngineInfo {
  serverVersion: string;
  memTotal: number;
  ncpu: number;
  architecture: string;
  operatingSystem: string;
}

// A stopped engine answers at once (connection refused); a busy one can take a while, so the
// limit is generous and its expiry is reported as such.
const ENGINE_ANSWER_S = 60;

async function askEngine(): Promise<EngineInfo> {
  requireDockerBinary();
  const out = await $({ quiet: true, nothrow: true, timeout: `${ENGINE_ANSWER_S}s` })`docker info --format ${'{{json .}}'}`;
  let info: Record<string, unknown> = {};
  try {
    info = JSON.parse(out.stdout) as Record<string, unknown>;
  } catch {
    // no JSON: the engine did not answer
  }
  if (out.exitCode === null) {
    throw new LabError(
      `Docker engine did not answer \`docker info\` within ${ENGINE_ANSWER_S} s.`,
      'The engine may be starting or overloaded: wait a moment and try again; if it persists, restart Docker.',
      3,
    );
  }
  if (out.exitCode !== 0 || !info.ServerVersion) {
    // The CLI prints its own client info as JSON even when the server is missing: show the error, not that.
    const serverErrors = Array.isArray(info.ServerErrors) ? info.ServerErrors.map(String) : [];
    const firstError = [...serverErrors, ...out.stderr.split('\n')].map((l) => l.trim()).find((l) => l !== '');
    throw new LabError(`Docker engine is not reachable${firstError ? `: ${firstError}` : ''}`, START_ENGINE_HINT, 3);
  }
  return {
    serverVersion: String(info.ServerVersion),
    memTotal: Number(info.MemTotal ?? 0),
    ncpu: Number(info.NCPU ?? 0),
    architecture: String(info.Architecture ?? ''),
    operatingSystem: String(info.OperatingSystem ?? ''),
  };
}

let engine: Promise<EngineInfo> | undefined;

/** `docker info`, asked once per run, or a LabError saying the engine is not reachable and how to start it. */
export function engineInfo(): Promise<EngineInfo> {
  engine ??= askEngine();
  return engine;
}

async function askCompose(): Promise<string> {
  requireDockerBinary();
  // As slow as `docker info` on a loaded machine: the same limit, and its expiry said as such.
  const out = await $({ quiet: true, nothrow: true, timeout: `${ENGINE_ANSWER_S}s` })`docker compose version --short`;
  const version = out.stdout.trim().replace(/^v/, '');
  if (out.exitCode === 0 && /^[2-9]\./.test(version)) return version;
  if (out.exitCode === null) {
    throw new LabError(
      `\`docker compose version\` did not answer within ${ENGINE_ANSWER_S} s.`,
      'The machine may be overloaded: wait a moment and try again.',
      3,
    );
  }
  const v1 = findOnPath('docker-compose')
    ? (await $({ quiet: true, nothrow: true, timeout: '15s' })`docker-compose version --short`).stdout.trim()
    : '';
  if (v1.startsWith('1.')) {
    throw new LabError(
      `Only Docker Compose v1 (docker-compose ${v1}) is installed; the labs need Compose v2 (\`docker compose\`).`,
      'Update Docker Desktop, or install the plugin on Linux: `sudo apt-get install docker-compose-plugin` (https://docs.docker.com/compose/install/linux/).',
      3,
    );
  }
  throw new LabError(
    'Docker Compose v2 (`docker compose`) is not available.',
    'Install the Compose plugin: https://docs.docker.com/compose/install/',
    3,
  );
}

let composePlugin: Promise<string> | undefined;

/** The Compose v2 plugin's version, asked once per run, or a LabError (v1 `docker-compose` alone is not enough). */
export function composeVersion(): Promise<string> {
  composePlugin ??= askCompose();
  return composePlugin;
}

/** Engine reachable and Compose v2 present, checked once per run before the first compose call. */
export async function ensureDocker(): Promise<void> {
  await Promise.all([engineInfo(), composeVersion()]);
}

/** `docker compose` arguments for a lab with a selection of options (files, profiles). */
export function composeArgs(lab: Lab, selection: Selection): string[] {
  const args = ['compose', '--project-directory', lab.dir];
  for (const file of composeFilesFor(lab, selection)) args.push('-f', join(lab.dir, file));
  for (const profile of selection.profiles) args.push('--profile', profile);
  return args;
}

export interface ComposeOptions {
  /** Throw a LabError when compose exits non-zero (default: true). */
  check?: boolean;
  timeout?: Duration;
  /** Ends the `docker compose` process when aborted (a check's timeout). */
  signal?: AbortSignal;
  /** Compose needs no engine for some commands (`config`). */
  engine?: boolean;
}

/** Runs `docker compose ...` quietly and returns its output (throws a LabError on failure unless check is false). */
export async function compose(lab: Lab, selection: Selection, args: string[], opts: ComposeOptions = {}): Promise<ProcessOutput> {
  if (opts.engine === false) await composeVersion();
  else await ensureDocker();
  const out = await $({ quiet: true, nothrow: true, cwd: lab.dir, timeout: opts.timeout ?? '10m', signal: opts.signal })`docker ${[
    ...composeArgs(lab, selection),
    ...args,
  ]}`;
  if (opts.signal?.aborted) throw new Error(`\`docker compose ${args.join(' ')}\` was stopped at the check's timeout`);
  if (opts.check !== false && out.exitCode !== 0) {
    const tail = out.stderr.trim().split('\n').slice(-10).join('\n');
    throw new LabError(`\`docker compose ${args.join(' ')}\` failed (exit ${out.exitCode}):\n${tail}`);
  }
  return out;
}

/** Runs `docker compose ...` with the terminal attached (progress bars, log following). */
export async function composeInteractive(lab: Lab, selection: Selection, args: string[]): Promise<number> {
  await ensureDocker();
  const out = await $({ stdio: 'inherit', nothrow: true, cwd: lab.dir })`docker ${[...composeArgs(lab, selection), ...args]}`;
  return out.exitCode ?? 1;
}

/**
 * Runs `docker compose ...` with its stdout passed through `edit` line by line (stdin and stderr
 * stay the terminal's): for output that goes to a file or a pipe rather than a person's screen.
 */
export async function composeEdited(lab: Lab, selection: Selection, args: string[], edit: (line: string) => string): Promise<number> {
  await ensureDocker();
  const child = spawn('docker', [...composeArgs(lab, selection), ...args], { cwd: lab.dir, stdio: ['inherit', 'pipe', 'inherit'] });
  const closed = new Promise<number>((resolve) => {
    child.on('error', () => resolve(127));
    child.on('close', (code) => resolve(code ?? 1));
  });
  for await (const line of createInterface({ input: child.stdout, crlfDelay: Number.POSITIVE_INFINITY })) {
    process.stdout.write(`${edit(line)}\n`);
  }
  return closed;
}

export interface Streamed {
  exitCode: number;
  /** Everything it printed (stdout and stderr), for diagnosis. */
  output: string;
}

/**
 * Runs `docker compose ...` in the background, handing each output line to `onLine` as it comes;
 * `kill()` ends it early. For long steps (pull, build, up) whose progress the runner shows itself.
 */
export function composeBackground(
  lab: Lab,
  selection: Selection,
  args: string[],
  onLine: (line: string) => void = () => undefined,
): { done: Promise<Streamed>; kill(): void } {
  const child = spawn('docker', [...composeArgs(lab, selection), ...args], { cwd: lab.dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let partial = '';
  const take = (chunk: Buffer) => {
    const text = partial + chunk.toString();
    output += chunk.toString();
    const lines = text.split(/\r?\n/);
    partial = lines.pop() ?? '';
    for (const line of lines) if (line.trim() !== '') onLine(line);
  };
  child.stdout.on('data', take);
  child.stderr.on('data', take);
  const done = new Promise<Streamed>((resolve) => {
    child.on('error', (err) => resolve({ exitCode: 127, output: `${output}\n${err.message}` }));
    child.on('close', (code) => {
      if (partial.trim() !== '') onLine(partial);
      resolve({ exitCode: code ?? 1, output });
    });
  });
  return { done, kill: () => child.kill('SIGTERM') };
}
