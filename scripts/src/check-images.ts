// `pnpm exec tsx scripts/src/check-images.ts [lab...]`: asks each registry whether every image the
// labs can pull still resolves and is published for linux/amd64 and linux/arm64. Exits 1 on any
// problem, so the weekly workflow (.github/workflows/upstream-images.yml) turns red.
import { appendFileSync } from 'node:fs';
import { LabError } from './errors.ts';
import { type ImageRef, parseImageRef, RegistryClient, RegistryUnreachable, type Resolution, resolveImage } from './image-registry.ts';
import { labImages } from './lab-images.ts';
import { findLab, loadLabs } from './labs.ts';

interface Row {
  image: string;
  usedBy: string[];
  resolution: Resolution;
}

/** Each registry's images in turn (gentle on rate limits); registries in parallel. */
async function checkRegistry(refs: ImageRef[]): Promise<{ rows: Map<string, Resolution>; unreachable?: string }> {
  const rows = new Map<string, Resolution>();
  const client = new RegistryClient(refs[0]?.origin ?? '');
  for (const ref of refs) {
    try {
      rows.set(ref.name, await resolveImage(ref, client));
    } catch (err) {
      if (err instanceof RegistryUnreachable) {
        const left = refs.length - rows.size;
        return { rows, unreachable: `${ref.registry}: ${err.message}; ${left} image${left === 1 ? '' : 's'} not checked` };
      }
      // An answer we cannot read (an HTML error page, a redirect loop): this image's problem, not the run's.
      rows.set(ref.name, { status: 'ERROR', detail: `${ref.registry}: ${(err as Error).message}` });
    }
  }
  return { rows };
}

async function main(ids: string[]): Promise<number> {
  const labs = ids.length > 0 ? ids.map((id) => findLab(id)) : loadLabs();
  const usedBy = new Map<string, string[]>();
  for (const use of labs.flatMap(labImages)) {
    usedBy.set(use.image, [...(usedBy.get(use.image) ?? []), `${use.lab} ${use.where}`]);
  }

  const byRegistry = new Map<string, ImageRef[]>();
  const rows: Row[] = [];
  for (const [image, uses] of usedBy) {
    try {
      const ref = parseImageRef(image);
      byRegistry.set(ref.origin, [...(byRegistry.get(ref.origin) ?? []), ref]);
    } catch (err) {
      rows.push({ image, usedBy: uses, resolution: { status: 'ERROR', detail: (err as Error).message } });
    }
  }
  console.log(`Checking ${usedBy.size} images of ${labs.map((l) => l.id).join(', ')} in ${byRegistry.size} registries...\n`);

  const unreachable: string[] = [];
  for (const checked of await Promise.all([...byRegistry.values()].map(checkRegistry))) {
    for (const [image, resolution] of checked.rows) rows.push({ image, usedBy: usedBy.get(image) ?? [], resolution });
    if (checked.unreachable) unreachable.push(checked.unreachable);
  }
  rows.sort((a, b) => a.image.localeCompare(b.image));

  const width = Math.max(...rows.map((r) => r.image.length), 0);
  for (const r of rows) {
    console.log(`${r.resolution.status.padEnd(8)}  ${r.image.padEnd(width)}  ${r.resolution.detail}`);
    console.log(`${' '.repeat(10)}used by ${r.usedBy.join('; ')}`);
  }
  for (const line of unreachable) console.log(`UNREACHABLE  ${line}`);

  const problems = rows.filter((r) => r.resolution.status !== 'OK');
  const checkedCount = rows.length - rows.filter((r) => r.resolution.status === 'ERROR').length;
  console.log(`\n${checkedCount} of ${usedBy.size} images answered; ${problems.length + unreachable.length} problem(s).`);
  if (unreachable.length > 0)
    console.log('  -> Some registries could not be reached: is this machine online? The check needs the network.');
  if (problems.some((r) => r.resolution.status !== 'ERROR')) {
    console.log('  -> An image is gone or lacks a platform: see MAINTAINING.md, "When the image check is red".');
  }
  writeSummary(rows, unreachable);
  return problems.length + unreachable.length > 0 ? 1 : 0;
}

/** A table in the GitHub Actions job summary, when running there. */
function writeSummary(rows: Row[], unreachable: string[]): void {
  const file = process.env.GITHUB_STEP_SUMMARY;
  if (!file) return;
  const lines = ['| status | image | platforms / detail | used by |', '| --- | --- | --- | --- |'];
  for (const r of rows) lines.push(`| ${r.resolution.status} | \`${r.image}\` | ${r.resolution.detail} | ${r.usedBy.join('<br>')} |`);
  for (const u of unreachable) lines.push(`| UNREACHABLE | | ${u} | |`);
  appendFileSync(file, `## Pinned images\n\n${lines.join('\n')}\n`);
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (err) {
  if (!(err instanceof LabError)) throw err;
  console.error(`\nerror: ${err.message}`);
  if (err.hint) console.error(`  -> ${err.hint}`);
  process.exitCode = err.exitCode;
}
