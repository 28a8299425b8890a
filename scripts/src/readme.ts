// Keeps generated README sections equal to their sources: the root README's command table (the
// command registry) and each lab README's pinned images (the lab's compose files and lab.yaml).
// `pnpm --filter @obslab/runner readme` rewrites them; tests fail while they differ.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { commandTable } from './help.ts';
import { pinnedRepositories } from './lab-images.ts';
import { type Lab, loadLabs, repoRoot } from './labs.ts';
import { markdownTable } from './table.ts';

export const README = join(repoRoot, 'README.md');
/** The comment lines a generated block starts and ends with. */
type Markers = readonly [start: string, end: string];
const COMMANDS: Markers = [
  '<!-- commands: generated from scripts/src/commands/registry.ts by `pnpm --filter @obslab/runner readme` -->',
  '<!-- /commands -->',
];
const IMAGES: Markers = [
  '<!-- images: generated from the compose files and lab.yaml by `pnpm --filter @obslab/runner readme` -->',
  '<!-- /images -->',
];

/** `text` with the lines between the `start` and `end` markers replaced by `content`. */
function withBlock(text: string, [start, end]: Markers, content: string, file: string): string {
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) throw new Error(`${file} has no ${start} ... ${end} block`);
  return `${text.slice(0, from + start.length)}\n${content}\n${text.slice(to)}`;
}

/** The README with its command table replaced by the registry's. */
export function withCommandTable(readme: string): string {
  return withBlock(readme, COMMANDS, commandTable(), 'README.md');
}

export const labReadme = (lab: Lab) => join(lab.dir, 'README.md');

/** A Markdown table cell: one line, pipes escaped. */
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');

/** The lab README with its pinned-images table replaced by the one the compose files and lab.yaml give. */
export function withImageTable(readme: string, lab: Lab): string {
  const rows = pinnedRepositories(lab).map(({ uses, pin }) => {
    const images = [...new Set(uses.map((u) => `\`${u.image}\``))].join(', ');
    const where = [...new Set(uses.map((u) => u.where.replace(/:.*/, '')))].join(', ');
    const why = pin ? `${pin.why.en}${pin.hold ? ` Renovate holds it to \`${pin.hold}\`.` : ''}` : '(no reason in lab.yaml)';
    return [`${images} (${where})`, cell(why), cell(pin?.source ?? '')];
  });
  return withBlock(readme, IMAGES, markdownTable(['image', 'why this version', 'where the version was found'], rows), labReadme(lab));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(README, withCommandTable(readFileSync(README, 'utf8')));
  console.log(`Wrote the command table into ${README}`);
  for (const lab of loadLabs()) {
    writeFileSync(labReadme(lab), withImageTable(readFileSync(labReadme(lab), 'utf8'), lab));
    console.log(`Wrote the pinned images into ${labReadme(lab)}`);
  }
}
