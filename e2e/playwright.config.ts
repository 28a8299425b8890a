// Three projects: `docs` drives the built docs site (runs in `pnpm test`, no Docker needed);
// `loki-live` and `jaeger-live` drive a running lab's UIs (`pnpm e2e:loki`, `pnpm e2e:jaeger`).
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

// Debian's Chromium where present (these machines cannot download Playwright's browser);
// elsewhere Playwright's own. CHROMIUM_PATH overrides both.
const chromium = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
// One port per checkout (18000-19999, derived from its path), so e2e runs of several worktrees on
// one machine never test each other's site; DOCS_PORT overrides it.
const docsPort = Number(
  process.env.DOCS_PORT ??
    18000 +
      (createHash('sha256')
        .update(import.meta.dirname)
        .digest()
        .readUInt16BE(0) %
        2000),
);

export default defineConfig({
  // Live projects end at once, with one line, when their lab is not running.
  globalSetup: './support/global-setup.ts',
  forbidOnly: !!process.env.CI,
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  use: {
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      ...(chromium ? { executablePath: chromium } : {}),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [
    {
      name: 'docs',
      testDir: './docs',
      use: { baseURL: `http://127.0.0.1:${docsPort}` },
    },
    // A live lab answers slowly while it warms up: longer timeouts, one worker, one retry.
    { name: 'loki-live', testDir: './loki-live', timeout: 90_000, retries: 1, fullyParallel: false },
    { name: 'jaeger-live', testDir: './jaeger-live', timeout: 90_000, retries: 1, fullyParallel: false },
  ],
  // Only the docs project needs a server of ours; the live projects talk to a running lab.
  webServer: process.argv.some((a) => a === 'docs' || a === '--project=docs')
    ? {
        command: `pnpm --filter @obslab/docs exec docusaurus serve --port ${docsPort} --host 127.0.0.1 --no-open`,
        url: `http://127.0.0.1:${docsPort}/`,
        // Never test a server someone else started: a taken port fails the run instead.
        reuseExistingServer: false,
        timeout: 60_000,
      }
    : undefined,
});
