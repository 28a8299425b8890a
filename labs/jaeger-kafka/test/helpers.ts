import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ComposeFile, loadLab, readComposeFile } from '@obslab/runner';
import { parse } from 'yaml';

export const labDir = join(dirname(fileURLToPath(import.meta.url)), '..');
export const lab = loadLab(labDir);
export const zookeeper: ComposeFile = readComposeFile(join(labDir, 'compose.zookeeper.yaml'));
export const read = (rel: string) => readFileSync(join(labDir, rel), 'utf8');
export const fixture = (name: string) => read(`test/fixtures/${name}`);
export const yaml = <T>(rel: string) => parse(read(rel)) as T;

type Service = ComposeFile['services'][string];

/** Compose's merge for the keys these files use: mappings merge, `!override` and lists replace. */
function mergeService(base: Service | undefined, over: Service, overridden: Set<string>): Service {
  const out: Service = { ...(base ?? {}) };
  for (const [key, value] of Object.entries(over)) {
    const old = out[key];
    const isMap = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);
    out[key] = !overridden.has(key) && isMap(old) && isMap(value) ? { ...(old as object), ...(value as object) } : value;
  }
  return out;
}

/** The ZooKeeper variant as Compose sees it: compose.yaml with compose.zookeeper.yaml on top. */
export function zookeeperVariant(): ComposeFile {
  const text = read('compose.zookeeper.yaml');
  const services = { ...lab.compose.services };
  for (const [name, svc] of Object.entries(zookeeper.services)) {
    const block = text.split(new RegExp(`^  ${name}:$`, 'm'))[1]?.split(/^ {2}\S/m)[0] ?? '';
    const overridden = new Set([...block.matchAll(/^ {4}(\w+): !override/gm)].map((m) => m[1] as string));
    services[name] = mergeService(services[name], svc, overridden);
  }
  return { ...lab.compose, services };
}

export const variants: { kraft: ComposeFile; zookeeper: ComposeFile } = { kraft: lab.compose, zookeeper: zookeeperVariant() };
