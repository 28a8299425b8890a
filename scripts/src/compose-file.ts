// Reads a lab's compose.yaml (the runtime truth for services, images and ports) without Docker.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse } from 'yaml';
import { LabError } from './errors.ts';

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

/** Strips Compose interpolation's default: `${GRAFANA_PORT:-3000}` -> `3000`. */
function withDefaults(value: string): string {
  return value.replace(/\$\{[A-Z0-9_]+:?-([^}]*)\}/g, '$1');
}

/**
 * Both forms of the Compose spec's `ports`: short `"127.0.0.1:3000:3000/tcp"` and long
 * `{ target, published, host_ip, protocol }` (compose-spec, services.ports).
 */
export function parsePort(service: string, entry: unknown): PublishedPort {
  if (typeof entry === 'object' && entry !== null) {
    const e = entry as Record<string, unknown>;
    const published = e.published === undefined ? undefined : Number(withDefaults(String(e.published)));
    return {
      service,
      hostIp: e.host_ip === undefined ? '0.0.0.0' : String(e.host_ip),
      published,
      target: Number(e.target),
      protocol: e.protocol === undefined ? 'tcp' : String(e.protocol),
    };
  }
  const text = withDefaults(String(entry));
  const [spec = '', protocol = 'tcp'] = text.split('/');
  const parts = spec.split(':');
  const target = Number(parts.pop());
  const publishedText = parts.pop();
  const hostIp = parts.length > 0 ? parts.join(':').replace(/^\[|\]$/g, '') : '0.0.0.0';
  const range = /^(\d+)-(\d+)$/.exec(publishedText ?? '');
  if (range) {
    const first = Number(range[1]);
    const last = Number(range[2]);
    const publishedRange = Array.from({ length: Math.max(0, last - first + 1) }, (_, i) => first + i);
    return { service, hostIp, published: first, publishedRange, target, protocol };
  }
  return {
    service,
    hostIp,
    published: publishedText === undefined || publishedText === '' ? undefined : Number(publishedText),
    target,
    protocol,
  };
}

export function publishedPorts(compose: ComposeFile): PublishedPort[] {
  return Object.entries(compose.services).flatMap(([name, svc]) => (svc.ports ?? []).map((p) => parsePort(name, p)));
}
