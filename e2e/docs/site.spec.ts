// The built docs site in Chromium: both locales, diagrams, live tables, locale switch, search.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { findLab, publishedPorts, repoRoot } from '@obslab/runner';
import { expect, type Page, test } from '@playwright/test';

const pages = readdirSync(join(repoRoot, 'docs', 'docs'))
  .filter((f) => f.endsWith('.mdx'))
  .map((f) => f.replace(/\.mdx$/, ''))
  .map((name) => (name === 'index' ? '' : name));

/** Fails the test on any console error or uncaught page error. */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`${page.url()}: ${m.text()} ${m.location().url}`);
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

test('both home pages render in their language', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-TW');
  await expect(page.locator('h1')).toContainText('可觀測性管線的擴展');
  await page.goto('/en/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('h1')).toContainText('Scaling observability pipelines');
});

for (const [id, slug] of [
  ['loki', 'loki'],
  ['jaeger', 'jaeger'],
] as const) {
  for (const prefix of ['', '/en']) {
    test(`${prefix || '/zh-TW'} ${slug}: the diagram renders as SVG and the services table shows compose's ports`, async ({ page }) => {
      await page.goto(`${prefix}/${slug}`);
      await expect(page.locator('.docusaurus-mermaid-container svg').first()).toBeVisible();
      const table = page.getByTestId(`services-${id}`);
      await expect(table).toBeVisible();
      const lab = findLab(id);
      for (const p of publishedPorts(lab.compose)) {
        await expect(table.locator(`[data-port="${p.published}"]`), `${p.service} ${p.published}`).toBeVisible();
      }
    });
  }
}

test('the locale switch lands on the same page in the other language', async ({ page }) => {
  await page.goto('/jaeger');
  await page.locator('.navbar__items--right .dropdown').hover();
  await page.getByRole('link', { name: 'English' }).click();
  await expect(page).toHaveURL(/\/en\/jaeger$/);
  await expect(page.locator('h1')).toHaveText('Lab: Jaeger with Kafka');
  await page.locator('.navbar__items--right .dropdown').hover();
  await page.getByRole('link', { name: '繁體中文' }).click();
  await expect(page).toHaveURL(/\/jaeger$/);
  await expect(page.locator('h1')).toHaveText('實驗：Jaeger 搭配 Kafka');
});

async function search(page: Page, term: string): Promise<string> {
  // Wait for the page to hydrate: typing into the server-rendered box before React takes over is lost.
  await page.waitForLoadState('networkidle');
  const box = page.locator('input.navbar__search-input');
  // The search theme's suggestions carry CSS-module classes (suggestion_<hash>).
  const hit = page.locator('[class^="suggestion_"]').first();
  await expect(async () => {
    await box.fill('');
    await box.pressSequentially(term, { delay: 30 });
    await expect(hit).toBeVisible({ timeout: 5000 });
  }).toPass({ timeout: 30_000 });
  return (await hit.textContent()) ?? '';
}

test('local search finds a Chinese term and an English term', async ({ page }) => {
  await page.goto('/');
  expect(await search(page, '擴展')).toContain('擴展');
  await page.goto('/');
  expect(await search(page, 'ingester')).toMatch(/ingester/i);
  await page.goto('/en/');
  expect(await search(page, 'partition')).toMatch(/partition/i);
});

test('no console errors on any page of either locale', async ({ page }) => {
  const errors = watchErrors(page);
  for (const prefix of ['', '/en']) {
    for (const p of pages) {
      await page.goto(`${prefix}/${p}`);
      await expect(page.locator('h1').first()).toBeVisible();
      if (p === 'loki' || p === 'jaeger') await expect(page.locator('.docusaurus-mermaid-container svg').first()).toBeVisible();
    }
  }
  expect(errors).toEqual([]);
});
