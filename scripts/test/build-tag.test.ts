// The tag of an image a lab builds follows what it is built from, so `up` can trust a present image.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { contentTag, contextFiles, dockerIgnored, staleBuildTags, writeBuildTags } from '../src/build-tag.ts';
import { buildSpec } from '../src/lab-images.ts';
import { loadLab, loadLabs } from '../src/labs.ts';
import { makeLabs } from './fixtures.ts';
import { scriptsDir } from './run-cli.ts';

test('.dockerignore: a pattern covers a folder and what is in it, ** spans folders, ! brings a file back, last match wins', () => {
  const ignore = '# comment\n__pycache__\n*.pyc\n**/*.log\n!keep.log\n/build/\n';
  assert.ok(dockerIgnored('__pycache__', ignore));
  assert.ok(dockerIgnored('__pycache__/main.cpython-312.pyc', ignore));
  assert.ok(dockerIgnored('old.pyc', ignore));
  assert.ok(!dockerIgnored('sub/old.pyc', ignore), '* stays within one folder');
  assert.ok(dockerIgnored('deep/er/app.log', ignore));
  assert.ok(!dockerIgnored('keep.log', ignore));
  assert.ok(dockerIgnored('build/out.js', ignore));
  assert.ok(!dockerIgnored('main.py', ignore));
});

function demoLab(): { labsDir: string; dir: string } {
  const labsDir = makeLabs();
  const dir = join(labsDir, 'demo');
  writeFileSync(join(dir, 'compose.yaml'), 'services:\n  app:\n    build: ./app\n    image: demo/app:0\n    pull_policy: never\n');
  mkdirSync(join(dir, 'app'));
  writeFileSync(join(dir, 'app', 'Dockerfile'), 'FROM python:3.12.13-slim-bookworm\nCOPY main.py .\n');
  writeFileSync(join(dir, 'app', 'main.py'), 'print("hello")\n');
  writeFileSync(join(dir, 'app', '.dockerignore'), '__pycache__\n');
  return { labsDir, dir };
}

test('the content tag changes with every file Docker is sent and with build:, not with what .dockerignore leaves out', () => {
  const { labsDir, dir } = demoLab();
  const spec = buildSpec('./app', 'compose.yaml', 'demo/app:0');
  const first = contentTag(dir, spec);
  assert.match(first, /^[0-9a-f]{12}$/);
  assert.equal(contentTag(dir, spec), first, 'the same files give the same tag');
  mkdirSync(join(dir, 'app', '__pycache__'));
  writeFileSync(join(dir, 'app', '__pycache__', 'main.cpython-312.pyc'), 'bytecode');
  assert.deepEqual(contextFiles(join(dir, 'app')), ['.dockerignore', 'Dockerfile', 'main.py']);
  assert.equal(contentTag(dir, spec), first, 'ignored files do not count');

  const tags = new Set([first]);
  writeFileSync(join(dir, 'app', 'main.py'), 'print("hello, world")\n');
  tags.add(contentTag(dir, spec));
  writeFileSync(join(dir, 'app', 'requirements.txt'), 'fastapi==0.115.0\n');
  tags.add(contentTag(dir, spec));
  tags.add(contentTag(dir, buildSpec({ context: './app', args: { LEVEL: 'debug' } }, 'compose.yaml', 'demo/app:0')));
  tags.add(contentTag(dir, buildSpec({ context: './app', target: 'slim' }, 'compose.yaml', 'demo/app:0')));
  assert.equal(tags.size, 5, 'each change gives a new tag');
  rmSync(labsDir, { recursive: true, force: true });
});

test('a lab whose app changed but whose tag did not is reported; `pnpm build-tags` writes the tag in the compose file', () => {
  const { labsDir, dir } = demoLab();
  const lab = () => loadLab(dir);
  const [stale] = staleBuildTags(lab());
  assert.equal(stale?.written, 'demo/app:0');
  assert.match(stale?.wanted ?? '', /^demo\/app:[0-9a-f]{12}$/);
  assert.deepEqual(
    writeBuildTags(lab()).map((s) => s.wanted),
    [stale?.wanted],
  );
  assert.match(readFileSync(join(dir, 'compose.yaml'), 'utf8'), new RegExp(`image: ${stale?.wanted}\\n    pull_policy: never`));
  assert.deepEqual(staleBuildTags(lab()), []);
  writeFileSync(join(dir, 'app', 'main.py'), 'print("changed")\n');
  assert.equal(staleBuildTags(lab()).length, 1, 'a change to the app makes the committed tag stale');
  rmSync(labsDir, { recursive: true, force: true });
});

test('the engine tier labs tag their built images by content (the course labs test theirs in their own package)', () => {
  const labs = loadLabs(join(scriptsDir, 'test', 'engine', 'labs'));
  assert.ok(labs.some((l) => l.id === 'fixture'));
  for (const lab of labs)
    assert.deepEqual(staleBuildTags(lab), [], `${lab.id}: run \`LAB_LABS_DIR=scripts/test/engine/labs pnpm build-tags\``);
});
