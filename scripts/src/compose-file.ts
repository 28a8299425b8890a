// Reads a lab's compose.yaml (the runtime truth for services, images and ports) without Docker.
import { readFileSync } from 'node:fs';
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

export function readComposeFile(path: string): ComposeFile {
  let doc: unknown;
  try {
    doc = parseCompose(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new LabError(`Cannot read ${path}: ${(err as Error).message}`);
  }
  if (!doc || typeof doc !== 'object' || !('services' in doc)) {
    throw new LabError(`${path} has no services: section`);
  }
  return doc as ComposeFile;
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
