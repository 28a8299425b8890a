// What the engine tier needs around the CLI: an engine to talk to, a tiny image of its own
// (Debian's static busybox, `docker import`ed: no registry needed), free host ports, and a way
// to see what a Compose project left behind.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findOnPath } from '../../src/docker.ts';
import { isPortFree } from '../../src/ports.ts';

export function docker(args: string[], input?: Buffer): { code: number; stdout: string; stderr: string } {
  const r = spawnSync('docker', args, { encoding: 'utf8', input, maxBuffer: 64 * 1024 * 1024, timeout: 120_000 });
  return { code: r.status ?? 1, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

/** Why the tier cannot run here, or undefined when a Docker engine with Compose v2 answers. */
export function noEngine(): string | undefined {
  if (!findOnPath('docker')) return 'no Docker engine (no docker command)';
  const info = docker(['info', '--format', '{{.ServerVersion}}']);
  if (info.code !== 0) return `no Docker engine (${(info.stderr.trim().split('\n')[0] ?? '').slice(0, 120)})`;
  if (docker(['compose', 'version', '--short']).code !== 0) return 'no Docker engine with the Compose v2 plugin';
  return undefined;
}

const BUSYBOX = ['/bin/busybox', '/usr/bin/busybox'];

/** A statically linked busybox (Debian's busybox-static), which runs in an otherwise empty image. */
export function staticBusybox(): string | undefined {
  for (const path of BUSYBOX) {
    const r = spawnSync('ldd', [path], { encoding: 'utf8' });
    if (r.error === undefined && `${r.stdout}${r.stderr}`.includes('not a dynamic executable')) return path;
  }
  return undefined;
}

/**
 * The tier's base image: a root filesystem holding busybox and its applets (sh, httpd, wget,
 * sleep...), imported once and reused by tag; the tag follows the binary, so a new busybox gets a
 * new image.
 */
export function busyboxImage(busybox: string): string {
  const binary = readFileSync(busybox);
  const tag = `obslab-test-busybox:${createHash('sha256').update('rootfs-1').update(binary).digest('hex').slice(0, 12)}`;
  if (docker(['image', 'inspect', tag]).code === 0) return tag;
  const root = mkdtempSync(join(tmpdir(), 'obslab-rootfs-'));
  try {
    for (const dir of ['bin', 'tmp', 'etc', 'www']) mkdirSync(join(root, dir));
    writeFileSync(join(root, 'bin', 'busybox'), binary, { mode: 0o755 });
    const applets = spawnSync(busybox, ['--list'], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
    for (const applet of applets) if (applet !== 'busybox') symlinkSync('busybox', join(root, 'bin', applet));
    writeFileSync(join(root, 'etc', 'passwd'), 'root:x:0:0:root:/root:/bin/sh\n');
    const tar = spawnSync('tar', ['-C', root, '-c', '.'], { maxBuffer: 64 * 1024 * 1024 });
    const imported = docker(['import', '-c', 'ENV PATH=/bin', '-c', 'CMD ["/bin/sh"]', '-', tag], tar.stdout);
    if (imported.code !== 0) throw new Error(`docker import failed: ${imported.stderr}`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  return tag;
}

/** `count` consecutive free ports in the tests' range (18000-19999), so Compose can publish them. */
export async function freePorts(count: number): Promise<number[]> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const first = 18000 + Math.floor(Math.random() * (2000 - count));
    const ports = Array.from({ length: count }, (_, i) => first + i);
    const free = await Promise.all(ports.map((p) => isPortFree(p)));
    if (free.every(Boolean)) return ports;
  }
  throw new Error(`no ${count} consecutive free ports in 18000-19999`);
}

/** What a Compose project left: containers, networks and volumes carrying its label. */
export function leftovers(project: string): { containers: string[]; networks: string[]; volumes: string[] } {
  const label = `label=com.docker.compose.project=${project}`;
  const list = (args: string[]) => docker(args).stdout.split('\n').filter(Boolean);
  return {
    containers: list(['ps', '--all', '--filter', label, '--format', '{{.Names}}']),
    networks: list(['network', 'ls', '--filter', label, '--format', '{{.Name}}']),
    volumes: list(['volume', 'ls', '--filter', label, '--format', '{{.Name}}']),
  };
}

/** Removes a project's containers, networks and volumes (the tier's cleanup, whatever happened). */
export function removeProject(project: string): void {
  docker(['compose', '--project-name', project, 'down', '--volumes', '--remove-orphans', '--timeout', '1']);
}

/** Host processes whose command line contains every word (to see whether a process outlived its call). */
export function processesWith(...words: string[]): string[] {
  const r = spawnSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
  return (r.stdout ?? '')
    .split('\n')
    .filter((line) => words.every((w) => line.includes(w)))
    .map((l) => l.trim());
}
