// Memory a lab asks for: the sum of its services' memory limits in compose.yaml.
import type { ComposeFile } from './compose-file.ts';

const UNITS: Record<string, number> = { b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

/** Compose byte values: 512m, 1g, 1.5GiB, 268435456. */
export function parseBytes(value: string | number): number {
  if (typeof value === 'number') return value;
  const m = /^([\d.]+)\s*([bkmg])?i?b?$/i.exec(value.trim());
  if (!m) return Number.NaN;
  return Number(m[1]) * (UNITS[(m[2] ?? 'b').toLowerCase()] ?? 1);
}

/** A service's memory limit (deploy.resources.limits.memory or mem_limit), if it sets one. */
export function memoryLimit(service: Record<string, unknown>): number | undefined {
  const deploy = service.deploy as { resources?: { limits?: { memory?: string | number } } } | undefined;
  const value = deploy?.resources?.limits?.memory ?? (service.mem_limit as string | number | undefined);
  return value === undefined ? undefined : parseBytes(value);
}

/** Sum of the limits of the services that run by default (not behind a profile), each replica counted. */
export function labMemory(compose: ComposeFile): number {
  return Object.values(compose.services)
    .filter((s) => !s.profiles || s.profiles.length === 0)
    .reduce((sum, s) => sum + (memoryLimit(s) ?? 0) * ((s.deploy as { replicas?: number } | undefined)?.replicas ?? 1), 0);
}

/** Bytes for people: MiB below a GiB, GiB above (memory in doctor, image and kit sizes). */
export function sizeText(bytes: number): string {
  return bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(2)} GiB` : `${(bytes / 1024 ** 2).toFixed(0)} MiB`;
}
