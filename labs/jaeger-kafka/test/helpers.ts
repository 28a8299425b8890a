import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ComposeFile, composeConfig, loadLab, readComposeFile } from '@obslab/runner';
import { parse } from 'yaml';

export const labDir = join(dirname(fileURLToPath(import.meta.url)), '..');
export const lab = loadLab(labDir);
export const zookeeper: ComposeFile = readComposeFile(join(labDir, 'compose.zookeeper.yaml'));
export const read = (rel: string) => readFileSync(join(labDir, rel), 'utf8');
export const fixture = (name: string) => read(`test/fixtures/${name}`);
export const yaml = <T>(rel: string) => parse(read(rel)) as T;

/** The ZooKeeper variant as Compose merges it: compose.yaml with compose.zookeeper.yaml on top. */
export function zookeeperVariant(): ComposeFile {
  return composeConfig(labDir, ['compose.yaml', 'compose.zookeeper.yaml']);
}

// Both variants as Compose sees them (long form: ports and volumes as objects; variables at their defaults).
export const variants: { kraft: ComposeFile; zookeeper: ComposeFile } = {
  kraft: composeConfig(labDir, ['compose.yaml']),
  zookeeper: zookeeperVariant(),
};
