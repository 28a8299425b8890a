// Reads a lab's compose.yaml (the runtime truth for services, images and ports) without Docker.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse } from 'yaml';
import { LabError } from './errors.ts';
import { interpolate } from './interpolate.ts';

export interface PublishedPort {
  service: string;
  hostIp: string;
  /** Host port; undefined when Compose picks one (e.g. `"3100"` with no host part). */
  published: number | undefined;
  /** All host ports of a range such as `3101-3103` (one per replica of a scaled service). */
  publishedRange?: number[];
  target: number;
  protocol: string;
}

export interface ComposeService {
  image?: string;
  build?: unknown;
  ports?: unknown[];
  profiles?: string[];
  healthcheck?: { test?: unknown; disable?: boolean };
  depends_on?: unknown;
  labels?: Record<string, string> | string[];
  [key: string]: unknown;
}

export interface ComposeFile {
  name?: string;
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
  [key: string]: unknown;
}

/**
 * Parses compose YAML. Compose's merge tags (`!reset`, `!override`, used in override files) are
 * dropped: they change how Compose merges files, not what the value is.
 */
export function parseCompose(text: string): unknown {
  return parse(text.replace(/(:[ \t]*)!(reset|override)\b[ \t]*/g, '$1'), { merge: true });
}

export function readComposeFile(path: string, seen: string[] = []): ComposeFile {
  let doc: unknown;
  try {
    doc = parseCompose(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new LabError(`Cannot read ${path}: ${(err as Error).message}`);
  }
  if (!doc || typeof doc !== 'object' || !('services' in doc)) {
    throw new LabError(`${path} has no services: section`);
  }
  return withExtends(path, doc as ComposeFile, [...seen, path]);
}

/**
 * Services that `extends` another (`extends: { file, service }`, compose-spec services.extends)
 * get its keys, then their own on top. The labs use it to share services between base files of
 * the same folder, adding no lists of their own: Compose also merges lists and rebases the
 * other file's relative paths, which this reader does not need to.
 */
function withExtends(path: string, compose: ComposeFile, seen: string[]): ComposeFile {
  const services: ComposeFile['services'] = {};
  const resolving = new Set<string>();
  const resolveService = (name: string): ComposeService => {
    const done = services[name];
    if (done) return done;
    const svc = compose.services[name];
    if (!svc) throw new LabError(`${path}: no service "${name}" to extend`);
    const ext = svc.extends as string | { file?: string; service: string } | undefined;
    if (ext === undefined) return svc;
    if (resolving.has(name)) throw new LabError(`${path}: ${name} extends itself through ${[...resolving].join(' -> ')}`);
    resolving.add(name);
    const { file, service } = typeof ext === 'string' ? { file: undefined, service: ext } : ext;
    let base: ComposeService | undefined;
    if (file === undefined) base = resolveService(service);
    else {
      const other = resolve(dirname(path), file);
      if (seen.includes(other)) throw new LabError(`${path}: extends ${file}, which extends this file back`);
      base = readComposeFile(other, seen).services[service];
    }
    if (!base) throw new LabError(`${path}: ${name} extends ${service}, which ${file ?? 'this file'} does not define`);
    const { extends: _, ...own } = svc;
    resolving.delete(name);
    services[name] = { ...base, ...own };
    return services[name];
  };
  for (const name of Object.keys(compose.services)) services[name] = resolveService(name);
  return { ...compose, services };
}

/** `3000` -> 3000; `3101-3103` -> 3101 and the range (one port per replica); empty -> Docker picks. */
function hostPorts(text: string | undefined): Pick<PublishedPort, 'published' | 'publishedRange'> {
  if (text === undefined || text === '') return { published: undefined };
  const range = /^(\d+)-(\d+)$/.exec(text);
  if (!range) return { published: Number(text) };
  const first = Number(range[1]);
  const last = Number(range[2]);
  return { published: first, publishedRange: Array.from({ length: Math.max(0, last - first + 1) }, (_, i) => first + i) };
}

/**
 * Both forms of the Compose spec's `ports`: short `"127.0.0.1:3000:3000/tcp"` and long
 * `{ target, published, host_ip, protocol }` (compose-spec, services.ports; `docker compose
 * config` prints the long form). Variables resolve from `vars` as Compose would
 * (`${GRAFANA_PORT:-3000}`); with none given, to their defaults.
 */
export function parsePort(service: string, entry: unknown, vars: Record<string, string | undefined> = {}): PublishedPort {
  const resolve = (value: string) => interpolate(value, vars);
  if (typeof entry === 'object' && entry !== null) {
    const e = entry as Record<string, unknown>;
    return {
      service,
      hostIp: e.host_ip === undefined ? '0.0.0.0' : String(e.host_ip),
      ...hostPorts(e.published === undefined ? undefined : resolve(String(e.published))),
      target: Number(e.target),
      protocol: e.protocol === undefined ? 'tcp' : String(e.protocol),
    };
  }
  const [spec = '', protocol = 'tcp'] = resolve(String(entry)).split('/');
  const parts = spec.split(':');
  const target = Number(parts.pop());
  const publishedText = parts.pop();
  const hostIp = parts.length > 0 ? parts.join(':').replace(/^\[|\]$/g, '') : '0.0.0.0';
  return { service, hostIp, ...hostPorts(publishedText), target, protocol };
}

export function publishedPorts(compose: ComposeFile, vars: Record<string, string | undefined> = {}): PublishedPort[] {
  return Object.entries(compose.services).flatMap(([name, svc]) => (svc.ports ?? []).map((p) => parsePort(name, p, vars)));
}
