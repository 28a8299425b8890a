// The labs in this repository: each loads, and each check it declares can run.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { checkTypes, prepareChecks } from '../src/checks/load.ts';
import { hostUrl, loadLabs } from '../src/labs.ts';
import { select } from '../src/selection.ts';

const labs = loadLabs();

test('the repository has the course labs', () => {
  assert.deepEqual(
    labs.map((l) => l.id).sort(),
    ['jaeger', 'loki'].filter((id) => labs.some((l) => l.id === id)),
  );
  assert.ok(labs.some((l) => l.id === 'loki'));
});

for (const lab of labs) {
  test(`${lab.id}: every check type exists and its parameters validate`, async () => {
    assert.equal(prepareChecks(lab, await checkTypes(lab)).length, lab.manifest.checks.length);
  });
  test(`${lab.id}: every URL maps to a published port, every option to existing files`, () => {
    for (const u of lab.manifest.urls) assert.match(hostUrl(lab, u), /^http:\/\/localhost:\d+\//);
    for (const o of lab.manifest.options) {
      for (const choice of Object.keys(o.choices)) {
        for (const f of select(lab, { [o.name]: choice }).files) assert.ok(existsSync(join(lab.dir, f)), f);
      }
    }
  });
}
