// The kit's description and the checks load and doctor --offline make with it, without Docker
// (the engine tier runs bundle -> load -> up for real).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { LabError } from '../src/errors.ts';
import { archiveProblem, findLabKit, foreignPlatforms, type LabKit, labKitFiles, matchImage, readLabKit, sha256File } from '../src/kit.ts';
import { nodeDepsFinding } from '../src/readiness.ts';
import { scriptsDir } from './run-cli.ts';

const image = (over: Partial<LabKit['images'][number]> = {}): LabKit['images'][number] => ({
  image: 'grafana/loki:3.7.6',
  role: 'pull',
  id: 'sha256:aaa',
  layers: ['sha256:l1', 'sha256:l2'],
  repoDigests: [],
  size: 100,
  platform: 'linux/amd64',
  usedBy: ['compose.yaml: loki-read'],
  ...over,
});

test("an image matches the kit's by ID, or by its layers on an engine that gives other IDs; anything else is not the kit's", () => {
  const recorded = image();
  assert.equal(matchImage(recorded, undefined), 'missing');
  assert.equal(matchImage(recorded, { ...recorded, repoDigests: [] }), 'same');
  assert.equal(matchImage(recorded, { ...recorded, id: 'sha256:bbb' }), 'same-layers');
  assert.equal(matchImage(recorded, { ...recorded, id: 'sha256:bbb', layers: ['sha256:l1'] }), 'different');
  assert.equal(matchImage(recorded, { ...recorded, id: 'sha256:bbb', layers: [] }), 'different');
});

test("a kit for another CPU is found by Docker's names for this one (x86_64 is amd64, aarch64 is arm64)", () => {
  const kit = { images: [image(), image({ image: 'b', platform: 'linux/arm64/v8' })] } as LabKit;
  assert.deepEqual(
    foreignPlatforms(kit, 'x86_64').map((i) => i.image),
    ['b'],
  );
  assert.deepEqual(
    foreignPlatforms(kit, 'aarch64').map((i) => i.image),
    ['grafana/loki:3.7.6'],
  );
});

test('the kit is named by its folder or by the lab archive in it; another lab’s archive is refused', () => {
  assert.deepEqual(findLabKit('/k', 'loki'), labKitFiles('/k', 'loki'));
  assert.deepEqual(findLabKit('/k/loki-images.tar', 'loki'), labKitFiles('/k', 'loki'));
  assert.deepEqual(findLabKit('/k/loki-images.json', 'loki'), labKitFiles('/k', 'loki'));
  assert.throws(
    () => findLabKit('/k/jaeger-images.tar', 'loki'),
    (e: LabError) => e.exitCode === 2 && /another lab's archive/.test(e.message),
  );
});

test("reading a kit: no kit, damaged JSON, an unknown shape or another lab's each say what is wrong", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'obslab-kit-test-'));
  const files = labKitFiles(dir, 'loki');
  const fails = (pattern: RegExp) =>
    assert.throws(
      () => readLabKit(files, 'loki'),
      (e: LabError) => pattern.test(e.message),
    );
  fails(/No loki kit: .* holds no loki-images\.json/);
  writeFileSync(files.manifest, '{"format": 1,');
  fails(/is not valid JSON .*the copy is damaged/);
  writeFileSync(files.manifest, JSON.stringify({ format: 2 }));
  fails(/is not a kit description this runner reads/);

  writeFileSync(files.archive, 'the images');
  const kit: LabKit = {
    format: 1,
    lab: 'jaeger',
    createdAt: new Date().toISOString(),
    archive: { file: 'loki-images.tar', bytes: 10, sha256: await sha256File(files.archive) },
    images: [image()],
  };
  writeFileSync(files.manifest, JSON.stringify(kit));
  fails(/describes the jaeger lab, not loki/);
  writeFileSync(files.manifest, JSON.stringify({ ...kit, lab: 'loki' }));
  assert.equal(readLabKit(files, 'loki').images.length, 1);

  assert.equal(await archiveProblem(files, kit), undefined);
  writeFileSync(files.archive, 'the imageZ');
  assert.match((await archiveProblem(files, kit)) ?? '', /does not match its SHA-256: the copy is damaged/);
  rmSync(files.archive);
  assert.match((await archiveProblem(files, kit)) ?? '', /loki-images\.tar is missing/);
  rmSync(dir, { recursive: true, force: true });
});

test('node deps are ready when node_modules was installed from the same lockfile', () => {
  const root = mkdtempSync(join(tmpdir(), 'obslab-kit-test-'));
  const lock = (dep: string) => `lockfileVersion: '9.0'\n\nimporters:\n\n  .:\n    devDependencies:\n      ${dep}\n\npackages:\n`;
  writeFileSync(join(root, 'pnpm-lock.yaml'), lock('turbo: 2.11.11'));
  assert.equal(nodeDepsFinding(root).verdict, 'fail');
  assert.match(nodeDepsFinding(root).detail, /not installed/);
  mkdirSync(join(root, 'node_modules', '.pnpm'), { recursive: true });
  writeFileSync(join(root, 'node_modules', '.pnpm', 'lock.yaml'), lock('turbo: 2.10.0'));
  assert.match(nodeDepsFinding(root).detail, /another pnpm-lock\.yaml/);
  writeFileSync(join(root, 'node_modules', '.pnpm', 'lock.yaml'), lock('turbo: 2.11.11'));
  assert.equal(nodeDepsFinding(root).verdict, 'ok');
  rmSync(root, { recursive: true, force: true });
});

test('pnpm kit: usage, an unknown command and a kit without a docs site are told apart, exit 2', () => {
  const kit = (...args: string[]) => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(scriptsDir, 'src', 'kit-cli.ts'), ...args], {
      cwd: scriptsDir,
      encoding: 'utf8',
      env: { ...process.env, INIT_CWD: tmpdir() },
    });
    return { code: r.status, out: r.stdout + r.stderr };
  };
  const help = kit('--help');
  assert.equal(help.code, 0);
  assert.match(help.out, /Usage: pnpm kit <pack\|docs> \[kit folder\]/);
  const unknown = kit('unpack');
  assert.equal(unknown.code, 2, unknown.out);
  assert.match(unknown.out, /Unknown kit command "unpack"/);
  const empty = mkdtempSync(join(tmpdir(), 'obslab-kit-test-'));
  const docs = kit('docs', empty);
  assert.equal(docs.code, 2, docs.out);
  assert.match(docs.out, /No docs site in .*obslab-kit-test-/);
  assert.match(docs.out, /pnpm kit pack/);
  rmSync(empty, { recursive: true, force: true });
});
