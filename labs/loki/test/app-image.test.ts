// The app's image tag follows app/: change a file there and this fails until the tag is new, so
// `up` never runs an image of old files (and builds a new one once, since its tag is not here yet).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { staleBuildTags } from '@obslab/runner';
import { lab } from './helpers.ts';

test("the app's image tag in compose.yaml is the hash of app/", () => {
  const stale = staleBuildTags(lab);
  assert.deepEqual(
    stale.map((s) => `${s.file}: ${s.service} is ${s.written}, must be ${s.wanted}`),
    [],
    'app/ changed: run `pnpm build-tags` (it rewrites the tag) and commit compose.yaml with the change',
  );
  assert.equal(lab.compose.services.app?.pull_policy, 'never', 'never pulled: no registry holds it; built when missing');
});
