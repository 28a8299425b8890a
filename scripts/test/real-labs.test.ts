// The labs in this repository: each loads, each check it declares can run, its compose files
// lint clean, and its commands work from its own folder as from the repository root.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { checkTypes, prepareChecks } from '../src/checks/load.ts';
import { composeLintErrors } from '../src/contract.ts';
import { pinProblems } from '../src/lab-images.ts';
import { hostUrl, loadLabs, repoRoot } from '../src/labs.ts';
import { labReadme, withImageTable } from '../src/readme.ts';
import { allSelections, composeFilesFor, variantOf } from '../src/selection.ts';

const labs = loadLabs();
const scripts = (dir: string) =>
  (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

test('the repository has the course labs', () => {
  assert.deepEqual(labs.map((l) => l.id).sort(), ['jaeger', 'loki']);
});

for (const lab of labs) {
  test(`${lab.id}: every check type exists and its parameters validate`, async () => {
    assert.equal(prepareChecks(lab, await checkTypes(lab)).length, lab.manifest.checks.length);
  });

  test(`${lab.id}: every URL maps to a port its variant publishes, every option to existing files`, () => {
    for (const selection of allSelections(lab)) {
      for (const f of composeFilesFor(lab, selection)) assert.ok(existsSync(join(lab.dir, f)), f);
      const variant = variantOf(lab, selection);
      for (const u of variant.manifest.urls) assert.match(hostUrl(variant, u), /^http:\/\/localhost:\d+\//);
    }
    // Every URL belongs to some variant.
    const shown = new Set(allSelections(lab).flatMap((s) => variantOf(lab, s).manifest.urls));
    assert.deepEqual(
      lab.manifest.urls.filter((u) => !shown.has(u)),
      [],
    );
  });

  test(`${lab.id}: lab.yaml says why each image of every variant and Dockerfile is pinned, and names no other`, () => {
    assert.deepEqual(pinProblems(lab), []);
  });

  test(`${lab.id}: the README's pinned images are lab.yaml's (pnpm --filter @obslab/runner readme rewrites them)`, () => {
    const readme = readFileSync(labReadme(lab), 'utf8');
    assert.equal(readme, withImageTable(readme, lab));
  });

  test(`${lab.id}: dclint finds no error in any compose file`, () => {
    const files = [...new Set(allSelections(lab).flatMap((s) => composeFilesFor(lab, s)))].map((f) => join(lab.dir, f));
    assert.deepEqual(composeLintErrors(files), []);
  });

  test(`${lab.id}: \`pnpm lab:${lab.id}\` runs the runner from the repository root and from the lab folder`, () => {
    const runner = (dir: string) => `tsx ${dir === repoRoot ? '' : '../../'}scripts/src/cli.ts ${lab.id}`;
    assert.equal(scripts(repoRoot)[`lab:${lab.id}`], runner(repoRoot));
    assert.equal(scripts(lab.dir)[`lab:${lab.id}`], runner(lab.dir));
    const r = spawnSync('pnpm', ['--silent', `lab:${lab.id}`, 'status', '--help'], { cwd: lab.dir, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`^Usage: pnpm lab:${lab.id} status`, 'm'));
  });
}
