// Keeps the README's command table equal to the command registry:
// `pnpm --filter @obslab/runner readme` rewrites it; a test fails while they differ.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { commandTable } from './help.ts';
import { repoRoot } from './labs.ts';

export const README = join(repoRoot, 'README.md');
const START = '<!-- commands: generated from scripts/src/commands/registry.ts by `pnpm --filter @obslab/runner readme` -->';
const END = '<!-- /commands -->';

/** The README with its command table replaced by the registry's. */
export function withCommandTable(readme: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${START} ... ${END} block`);
  return `${readme.slice(0, start + START.length)}\n${commandTable()}\n${readme.slice(end)}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(README, withCommandTable(readFileSync(README, 'utf8')));
  console.log(`Wrote the command table into ${README}`);
}
