// A lab option that replaces the base compose file (Loki's --mode distributed), URLs and checks
// that belong to one variant (`when`), and compose files that share services through `extends`.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { readComposeFile } from '../src/compose-file.ts';
import type { LabError } from '../src/errors.ts';
import { findLab, hostUrl } from '../src/labs.ts';
import { composeFilesFor, select, variantOf } from '../src/selection.ts';
import { LAB_YAML, makeLabs } from './fixtures.ts';

/** The demo lab with a `shape` option whose `split` choice brings its own base file. */
const SHAPED = LAB_YAML.replace(
  'checks:\n',
  `  - name: shape
    description: How the web tier runs
    default: single
    choices:
      single: { description: { zh-TW: 單一, en: Single } }
      split: { compose: compose.split.yaml, description: { zh-TW: 拆開, en: Split } }
checks:
  - id: api-up
    title: { zh-TW: API 有回應, en: The API answers }
    type: http
    when: { shape: split }
    with: { service: api, port: 80 }
`,
).replace(
  'options:\n',
  `  - name: API
    service: api
    port: 80
    when: { shape: split }
    description: { zh-TW: API, en: API }
options:
`,
);

function shapedLab() {
  const labs = makeLabs(18124, SHAPED);
  const dir = join(labs, 'demo');
  writeFileSync(
    join(dir, 'compose.split.yaml'),
    `services:
  web:
    extends: { file: compose.yaml, service: web }
  api:
    extends: web
    ports: ["127.0.0.1:18125:80"]
`,
  );
  return findLab('demo', labs);
}

test('a choice with its own compose file replaces the base file; other options still add theirs', () => {
  const lab = shapedLab();
  assert.deepEqual(composeFilesFor(lab, select(lab)), ['compose.yaml']);
  assert.deepEqual(composeFilesFor(lab, select(lab, { shape: 'split' })), ['compose.split.yaml']);
  assert.deepEqual(composeFilesFor(lab, select(lab, { shape: 'split', flavour: 'spicy' })), ['compose.split.yaml', 'compose.spicy.yaml']);
});

test('a variant keeps only its own URLs and checks, and reads ports from its own base file', () => {
  const lab = shapedLab();
  const single = variantOf(lab, select(lab));
  const split = variantOf(lab, select(lab, { shape: 'split' }));
  assert.deepEqual(
    single.manifest.urls.map((u) => u.name),
    ['Web'],
  );
  assert.deepEqual(
    split.manifest.urls.map((u) => u.name),
    ['Web', 'API'],
  );
  assert.ok(!single.manifest.checks.some((c) => c.id === 'api-up'));
  assert.ok(split.manifest.checks.some((c) => c.id === 'api-up'));
  assert.equal(hostUrl(split, split.manifest.urls[1]!), 'http://localhost:18125/');
  // The base lab knows no api service: only the variant can place its URL.
  assert.throws(() => hostUrl(lab, split.manifest.urls[1]!), /publishes no such port/);
});

test('extends takes the other service’s keys, then the service’s own, within a file and across files', () => {
  const lab = shapedLab();
  const split = readComposeFile(join(lab.dir, 'compose.split.yaml'));
  assert.equal(split.services.web?.image, 'nginx:1.27-alpine');
  assert.equal(split.services.api?.image, 'nginx:1.27-alpine');
  assert.deepEqual(split.services.api?.ports, ['127.0.0.1:18125:80']);
  assert.equal(split.services.api?.extends, undefined);
});

test('extends that loops, or names a service nobody defines, is an error naming the file', () => {
  const lab = shapedLab();
  const loop = join(lab.dir, 'loop.yaml');
  writeFileSync(loop, 'services:\n  a:\n    extends: b\n  b:\n    extends: a\n');
  assert.throws(
    () => readComposeFile(loop),
    (err: LabError) => /loop\.yaml: .* extends itself/.test(err.message),
  );
  const missing = join(lab.dir, 'missing.yaml');
  writeFileSync(missing, 'services:\n  a:\n    extends: { file: compose.yaml, service: nope }\n');
  assert.throws(
    () => readComposeFile(missing),
    (err: LabError) => /a extends nope, which compose\.yaml does not define/.test(err.message),
  );
});

test('lab.yaml rejects a `when` that names no option or no choice, and two options that replace the base file', () => {
  const cases: [string, RegExp][] = [
    [
      SHAPED.replace('when: { shape: split }\n    with', 'when: { shap: split }\n    with'),
      /checks\[0\]\.when\.shap: no option named "shap"/,
    ],
    [
      SHAPED.replace('when: { shape: split }\n    description', 'when: { shape: splat }\n    description'),
      /"splat" is not a choice of --shape/,
    ],
    [
      SHAPED.replace('spicy: { files: [compose.spicy.yaml]', 'spicy: { compose: compose.spicy.yaml'),
      /only one option may replace the base compose file \(flavour, shape do\)/,
    ],
  ];
  for (const [yaml, message] of cases) {
    assert.throws(
      () => findLab('demo', makeLabs(18126, yaml)),
      (err: LabError) => message.test(err.message),
      String(message),
    );
  }
});
