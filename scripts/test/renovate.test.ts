// renovate.json agrees with the repository: every lab has its pull request group, every rule
// names something still in use, and every held line is the one the lab's lab.yaml holds (which
// says why; lab-images.ts checks the pins themselves against it).
// (Renovate's own validator checks the schema: see MAINTAINING.md and upstream-images.yml.)
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { imageRepository, labImages } from '../src/lab-images.ts';
import { loadLabs, repoRoot } from '../src/labs.ts';

interface PackageRule {
  matchFileNames?: string[];
  matchPackageNames?: string[];
  groupName?: string;
  allowedVersions?: string;
}
const config = JSON.parse(readFileSync(join(repoRoot, 'renovate.json'), 'utf8')) as { packageRules: PackageRule[] };
const labs = loadLabs();
const uses = labs.flatMap((lab) => labImages(lab).map((u) => ({ ...u, folder: `labs/${basename(lab.dir)}` })));

/** Dependency names of every workspace package (pnpm-workspace.yaml, `dir/*` globs expanded). */
function npmDependencies(): Set<string> {
  const { packages } = parse(readFileSync(join(repoRoot, 'pnpm-workspace.yaml'), 'utf8')) as { packages: string[] };
  const dirs = ['.'].concat(
    packages.flatMap((p) => (p.endsWith('/*') ? readdirSync(join(repoRoot, p.slice(0, -2))).map((d) => join(p.slice(0, -2), d)) : [p])),
  );
  const names = new Set<string>();
  for (const dir of dirs) {
    const file = join(repoRoot, dir, 'package.json');
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Record<string, string> | undefined>;
    for (const field of ['dependencies', 'devDependencies', 'optionalDependencies']) {
      for (const name of Object.keys(pkg[field] ?? {})) names.add(name);
    }
  }
  return names;
}

test('every lab has one Renovate group for its folder', () => {
  const groups = new Set<string>();
  for (const lab of labs) {
    const folder = `labs/${basename(lab.dir)}/**`;
    const rules = config.packageRules.filter((r) => r.matchFileNames?.includes(folder) && r.groupName);
    assert.equal(rules.length, 1, `renovate.json needs one packageRule with matchFileNames ["${folder}"] and a groupName`);
    groups.add(rules[0]!.groupName!);
  }
  assert.equal(groups.size, labs.length, 'each lab gets a pull request of its own');
});

test('every package a Renovate rule names is still used by a lab or the workspace', () => {
  const inUse = new Set([...uses.map((u) => imageRepository(u.image)), ...npmDependencies()]);
  for (const rule of config.packageRules) {
    for (const name of rule.matchPackageNames ?? []) {
      assert.ok(inUse.has(name), `renovate.json has a rule for ${name}, which nothing uses any more: drop it or fix the name`);
    }
  }
});

test('every held image line is the one lab.yaml holds, and every line lab.yaml holds is held', () => {
  let checked = 0;
  for (const lab of labs) {
    const folder = `labs/${basename(lab.dir)}`;
    const repositories = new Set(labImages(lab).map((u) => imageRepository(u.image)));
    for (const repository of repositories) {
      // The rules that apply to this lab's image (a rule may name files, as the ZooKeeper one does).
      const rules = config.packageRules.filter(
        (r) =>
          r.allowedVersions &&
          r.matchPackageNames?.includes(repository) &&
          (!r.matchFileNames || r.matchFileNames.some((f) => f.startsWith(`${folder}/`))),
      );
      const held = lab.manifest.images[repository]?.hold;
      assert.deepEqual(
        rules.map((r) => r.allowedVersions),
        held ? [held] : [],
        `${repository} in ${folder}: renovate.json allowedVersions and lab.yaml images.${repository}.hold must say the same`,
      );
      if (held) checked++;
    }
  }
  assert.ok(checked > 0, 'no image line is held: the rules no longer match the labs');
});
