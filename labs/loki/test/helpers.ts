// Shared by the Loki lab's contract tests: the lab as loaded by the runner, and real tools.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, request } from 'node:http';
import { type AddressInfo, createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type ComposeFile,
  composeConfig,
  composeFilesFor,
  type Lab,
  loadLab,
  readComposeFile,
  select,
  tempDir,
  variantOf,
} from '@obslab/runner';

export const labDir = join(dirname(fileURLToPath(import.meta.url)), '..');
export const lab = loadLab(labDir);
export const alloyOverride: ComposeFile = readComposeFile(join(labDir, 'compose.alloy.yaml'));

/** Every way to run the lab: each mode with each collector, as the runner selects them. */
export const variants: { name: string; choices: Record<string, string>; files: string[]; lab: Lab }[] = ['ssd', 'distributed'].flatMap(
  (mode) =>
    ['promtail', 'alloy'].map((collector) => {
      const selection = select(lab, { mode, collector });
      return {
        name: `${mode}+${collector}`,
        choices: selection.choices,
        files: composeFilesFor(lab, selection),
        lab: variantOf(lab, selection),
      };
    }),
);
export const read = (rel: string) => readFileSync(join(labDir, rel), 'utf8');

/** A tool's path if it is installed (PATH or the usual sbin folders), else undefined. */
export function tool(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(':').concat(['/usr/sbin', '/usr/bin', '/sbin'])) {
    if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

// Returns as soon as the server answers; the long limit only matters on a loaded machine.
export async function waitFor(url: string, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    try {
      await fetch(url);
      return;
    } catch (err) {
      if (Date.now() > end) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/**
 * An nginx config of the lab made runnable here: Compose service names mapped to loopback
 * ports, listen ports moved to free ones, logs to files. Returns the config path in a temp prefix.
 */
export function nginxConfigFor(rel: string, hosts: Record<string, number>, listen: Record<number, number>): string {
  let conf = read(rel);
  for (const [host, port] of Object.entries(hosts)) {
    conf = conf.replaceAll(new RegExp(`http://${host}:\\d+`, 'g'), `http://127.0.0.1:${port}`);
  }
  for (const [from, to] of Object.entries(listen)) conf = conf.replace(`listen ${from};`, `listen 127.0.0.1:${to};`);
  const dir = tempDir('obslab-test-nginx-');
  // Node's child stdio are sockets, which /dev/stdout cannot open: log to files instead.
  conf = conf.replaceAll('/dev/stderr', join(dir, 'error.log')).replaceAll('/dev/stdout', join(dir, 'access.log'));
  writeFileSync(join(dir, 'nginx.conf'), conf);
  return join(dir, 'nginx.conf');
}

export function nginxArgs(conf: string): string[] {
  const prefix = dirname(conf);
  return ['-p', prefix, '-e', join(prefix, 'error.log'), '-c', conf, '-g', `pid ${join(prefix, 'nginx.pid')}; daemon off;`];
}

export function nginxTest(conf: string): { ok: boolean; output: string } {
  const r = spawnSync(tool('nginx') as string, ['-t', ...nginxArgs(conf)], { encoding: 'utf8' });
  return { ok: r.status === 0, output: r.stderr + r.stdout };
}

export function startNginx(conf: string): ChildProcess {
  return spawn(tool('nginx') as string, nginxArgs(conf), { stdio: ['ignore', 'pipe', 'pipe'] });
}

/** What reached a stand-in target behind the gateway. */
export interface Seen {
  target: string;
  path: string;
  upgrade: string | undefined;
}

export interface Gateway {
  port: number;
  /** Requests the stand-ins received, in order; tests empty it before each request. */
  seen: Seen[];
  stop(): void;
}

/**
 * Real nginx on one of the lab's gateway configs, with a small HTTP server standing in for each
 * target: each answers with its own name and records what reached it.
 */
export async function gatewayBehind(conf: string, targets: readonly string[]): Promise<Gateway> {
  const seen: Seen[] = [];
  const servers = await Promise.all(
    targets.map(async (target) => {
      const server = createHttpServer((req, res) => {
        seen.push({ target, path: req.url ?? '', upgrade: req.headers.upgrade });
        res.end(target);
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      return server;
    }),
  );
  const ports = Object.fromEntries(servers.map((s, i) => [targets[i], (s.address() as AddressInfo).port]));
  const port = await freePort();
  const nginx = startNginx(nginxConfigFor(conf, ports, { 3100: port }));
  const stop = () => {
    nginx.kill();
    for (const s of servers) s.close();
  };
  await waitFor(`http://127.0.0.1:${port}/`).catch((err) => {
    stop();
    throw err;
  });
  return { port, seen, stop };
}

/** A live-tail request with the WebSocket upgrade headers (fetch refuses to send Upgrade; the stand-ins answer plain HTTP). */
export function tailThrough(port: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/loki/api/v1/tail?query=%7Bservice%3D%22app%22%7D',
        headers: { Upgrade: 'websocket', Connection: 'Upgrade' },
      },
      (res) => {
        res.resume();
        res.on('end', resolve);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

let merged: ComposeFile['services'] | undefined;
let mergedDistributed: ComposeFile['services'] | undefined;

/**
 * Every service of SSD mode's variants as Compose merges them (compose.yaml with
 * compose.alloy.yaml on top, every profile on), in Compose's long form: ports and volumes are objects.
 */
export function composeServices(): ComposeFile['services'] {
  merged ??= composeConfig(labDir, ['compose.yaml', 'compose.alloy.yaml']).services;
  return merged;
}

/** The same for distributed mode: compose.distributed.yaml (its `extends` resolved by Compose) with compose.alloy.yaml. */
export function distributedServices(): ComposeFile['services'] {
  mergedDistributed ??= composeConfig(labDir, ['compose.distributed.yaml', 'compose.alloy.yaml']).services;
  return mergedDistributed;
}

/** Every service either mode can start, with either collector. */
export function allServices(): ComposeFile['services'] {
  return { ...distributedServices(), ...composeServices() };
}
