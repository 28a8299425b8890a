// Talks to the Docker CLI. Everything the runner does to containers goes through `docker compose`
// in the lab folder, so plain `docker compose ...` there sees the same project.
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
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

/** `docker info`, or a LabError saying the engine is not reachable and how to start it. */
export async function engineInfo(): Promise<EngineInfo> {
  requireDockerBinary();
  const out = await $({ quiet: true, nothrow: true, timeout: '15s' })`docker info --format ${'{{json .}}'}`;
  const firstError = (out.stderr || out.stdout)
    .split('\n')
    .find((l) => l.trim() !== '')
    ?.trim();
  let info: Record<string, unknown> = {};
  try {
    info = JSON.parse(out.stdout) as Record<string, unknown>;
  } catch {
    // no JSON: the engine did not answer
  }
  if (out.exitCode !== 0 || !info.ServerVersion) {
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

/** The Compose v2 plugin's version, or a LabError (v1 `docker-compose` alone is not enough). */
export async function composeVersion(): Promise<string> {
  requireDockerBinary();
  const out = await $({ quiet: true, nothrow: true, timeout: '15s' })`docker compose version --short`;
  const version = out.stdout.trim().replace(/^v/, '');
  if (out.exitCode === 0 && /^2\./.test(version)) return version;
  if (out.exitCode === 0 && /^[3-9]\./.test(version)) return version;
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

let dockerReady: Promise<unknown> | undefined;

/** Engine reachable and Compose v2 present, checked once per run before the first compose call. */
export function ensureDocker(): Promise<unknown> {
  dockerReady ??= Promise.all([engineInfo(), composeVersion()]);
  return dockerReady;
}

/** `docker compose` arguments for a lab with a selection of options (files, profiles). */
export function composeArgs(lab: Lab, selection: Selection): string[] {
  const args = ['compose', '--project-directory', lab.dir];
  for (const file of composeFilesFor(lab, selection)) args.push('-f', join(lab.dir, file));
  for (const profile of selection.profiles) args.push('--profile', profile);
  return args;
}

/** Runs `docker compose ...` quietly and returns its output (throws a LabError on failure when asked). */
export async function compose(
  lab: Lab,
  selection: Selection,
  args: string[],
  opts: { check?: boolean; timeout?: Duration } = {},
): Promise<ProcessOutput> {
  await ensureDocker();
  const out = await $({ quiet: true, nothrow: true, cwd: lab.dir, timeout: opts.timeout ?? '10m' })`docker ${[
    ...composeArgs(lab, selection),
    ...args,
  ]}`;
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
