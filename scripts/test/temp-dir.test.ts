// Test runs leave nothing behind in /tmp: a temp folder goes when the process that made it exits.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { tempDir } from '../src/temp-dir.ts';

test('tempDir folders exist while the process runs and are gone, contents and all, once it exits', () => {
  const here = tempDir('obslab-test-temp-');
  assert.ok(existsSync(here));
  const script = `
    import { writeFileSync } from 'node:fs';
    import { join } from 'node:path';
    import { tempDir } from ${JSON.stringify(join(import.meta.dirname, '..', 'src', 'temp-dir.ts'))};
    const dirs = [tempDir('obslab-test-temp-'), tempDir('obslab-test-temp-')];
    writeFileSync(join(dirs[0], 'file'), 'x');
    console.log(JSON.stringify(dirs));`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const dirs = JSON.parse(r.stdout) as string[];
  assert.equal(new Set(dirs).size, 2);
  for (const dir of dirs) assert.ok(!existsSync(dir), `${dir} is left behind`);
  writeFileSync(join(here, 'still-here'), 'x');
  assert.ok(existsSync(join(here, 'still-here')), "another process's exit leaves this one's folders alone");
});
