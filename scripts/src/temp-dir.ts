// Temporary folders that clean up after themselves: removed when the process that made them exits
// (node:test runs each test file in a process of its own), so test runs leave nothing in /tmp.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made: string[] = [];

/** A new folder under the system's temp folder, named `<prefix>XXXXXX`, removed at process exit. */
export function tempDir(prefix: string): string {
  if (made.length === 0) {
    process.on('exit', () => {
      for (const dir of made) rmSync(dir, { recursive: true, force: true });
    });
  }
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}
