// Finds labs (labs/*/lab.yaml) and loads one: its manifest, validated, and its compose file.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { type ComposeFile, publishedPorts, readComposeFile } from './compose-file.ts';
import type { LivePorts } from './containers.ts';
import { LabError } from './errors.ts';
import { formatIssues, Manifest, type UrlEntry } from './manifest.ts';

/** The repository root (this file is scripts/src/labs.ts). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface Lab {
  id: string;
  /** Absolute path of the lab's folder. */
  dir: string;
  manifest: Manifest;
  compose: ComposeFile;
}

/** LAB_LABS_DIR points the runner at another labs folder (the runner's own tests use it). */
export function labDirs(labsDir = process.env.LAB_LABS_DIR ?? join(repoRoot, 'labs')): string[] {
  if (!existsSync(labsDir)) return [];
  return readdirSync(labsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(labsDir, d.name, 'lab.yaml')))
    .map((d) => join(labsDir, d.name))
    .sort();
}

export function loadManifest(file: string): Manifest {
  let doc: unknown;
  try {
    doc = parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new LabError(`${file} is not valid YAML: ${(err as Error).message}`);
  }
  const result = Manifest.safeParse(doc);
  if (!result.success) {
    throw new LabError(
      `${file} does not match the lab manifest schema:\n${formatIssues(file, result.error)}`,
      'Fix the keys named above (the schema is scripts/src/manifest.ts).',
    );
  }
  return result.data;
}

export function loadLab(dir: string): Lab {
  const manifest = loadManifest(join(dir, 'lab.yaml'));
  const compose = readComposeFile(join(dir, manifest.compose));
  return { id: manifest.id, dir, manifest, compose };
}

export function loadLabs(labsDir?: string): Lab[] {
  const labs = labDirs(labsDir).map(loadLab);
  const seen = new Set<string>();
  for (const lab of labs) {
    if (seen.has(lab.id)) throw new LabError(`Two labs use the id "${lab.id}"`);
    seen.add(lab.id);
  }
  return labs;
}

export function findLab(id: string, labsDir?: string): Lab {
  const labs = loadLabs(labsDir);
  const lab = labs.find((l) => l.id === id);
  if (!lab) {
    const known = labs.map((l) => l.id).join(', ') || '(none found)';
    throw new LabError(`Unknown lab "${id}". Labs: ${known}.`, `Try: pnpm lab:${labs[0]?.id ?? '<lab>'} --help`, 2);
  }
  return lab;
}

type UrlTarget = Pick<UrlEntry, 'service' | 'port' | 'path'>;

/**
 * The host URL of a lab.yaml URL entry. With `live` (the ports Docker really published, see
 * containers.ts) it is the first replica's; without, the port compose.yaml declares (what the docs show).
 */
export function hostUrl(lab: Lab, entry: UrlTarget, live?: LivePorts): string {
  return hostUrls(lab, entry, live)[0] as string;
}

/** One URL per replica of the service (a scaled service publishes one host port each). */
export function hostUrls(lab: Lab, entry: UrlTarget, live?: LivePorts): string[] {
  const real = live?.get(entry.service)?.get(entry.port);
  if (real && real.length > 0) return real.map((port) => `http://localhost:${port}${entry.path}`);
  const port = publishedPorts(lab.compose).find((p) => p.service === entry.service && p.target === entry.port);
  if (!port || port.published === undefined) {
    throw new LabError(
      live
        ? `${lab.id}: ${entry.service} publishes no host port for ${entry.port} (is it running? \`pnpm lab:${lab.id} status\`)`
        : `${lab.id}/lab.yaml names ${entry.service}:${entry.port}, but compose.yaml publishes no such port`,
    );
  }
  return [`http://localhost:${port.published}${entry.path}`];
}
