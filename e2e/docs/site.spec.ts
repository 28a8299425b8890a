// The built docs site in Chromium: both locales, diagrams, live tables, locale switch, search.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findLab, publishedPorts, repoRoot, select, variantOf } from '@obslab/runner';
import { expect, type Page, test } from '../support/docs-test.ts';

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
      await expect(page.locator('figure.diagram svg').first()).toBeVisible();
      const table = page.getByTestId(`services-${id}`);
      await expect(table).toBeVisible();
      const lab = findLab(id);
      for (const p of publishedPorts(lab.compose)) {
        await expect(table.locator(`[data-port="${p.published}"]`), `${p.service} ${p.published}`).toBeVisible();
      }
    });
  }
}

for (const [prefix, locale] of [
  ['', 'zh-TW'],
  ['/en', 'en'],
] as const) {
  test(`${locale}: each image's reason and each check's title from lab.yaml, in the page's language`, async ({ page }) => {
    const labs = [findLab('loki'), findLab('jaeger')];
    // `code` in lab.yaml shows as code on the page: the text without its backticks.
    const shown = (text: string) => text.replaceAll('`', '');
    await page.goto(`${prefix}/versions`);
    const reasons = page.getByTestId('image-reasons');
    for (const pin of labs.flatMap((lab) => Object.values(lab.manifest.images))) {
      await expect(reasons).toContainText(shown(pin.why[locale]));
    }
    // Each lab page lists its default variant's checks; the distributed mode's page lists that mode's.
    const pages = [
      ...labs.map((lab) => ({ path: lab.id, lab: variantOf(lab, select(lab)) })),
      { path: 'loki-distributed', lab: variantOf(labs[0]!, select(labs[0]!, { mode: 'distributed' })) },
    ];
    for (const { path, lab } of pages) {
      await page.goto(`${prefix}/${path}`);
      const checks = page.getByTestId(`checks-${lab.id}`);
      for (const c of lab.manifest.checks) await expect(checks, path).toContainText(shown(c.title[locale]));
    }
  });
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
  // Three searches, each retried for up to 30 s while the index loads on a busy machine.
  test.setTimeout(120_000);
  await page.goto('/');
  expect(await search(page, '擴展')).toContain('擴展');
  await page.goto('/');
  expect(await search(page, 'ingester')).toMatch(/ingester/i);
  await page.goto('/en/');
  expect(await search(page, 'partition')).toMatch(/partition/i);
});

test('no console errors on any page of either locale', async ({ page }) => {
  // Visits every page: give a loaded machine time.
  test.setTimeout(120_000);
  const errors = watchErrors(page);
  for (const prefix of ['', '/en']) {
    for (const p of pages) {
      await page.goto(`${prefix}/${p}`);
      await expect(page.locator('h1').first()).toBeVisible();
      if (p === 'loki' || p === 'jaeger') await expect(page.locator('figure.diagram svg').first()).toBeVisible();
    }
  }
  expect(errors).toEqual([]);
});

/** Rendered size in CSS pixels of every text in the page's diagrams: font size times the SVG's scale. */
async function diagramTextSizes(page: Page): Promise<number[]> {
  return page.$$eval('figure.diagram svg text', (texts) =>
    texts.map((t) => {
      const ctm = (t as SVGTextElement).getScreenCTM();
      return Number.parseFloat(getComputedStyle(t).fontSize) * (ctm ? Math.hypot(ctm.a, ctm.b) : 1);
    }),
  );
}

for (const [width, height] of [
  [1280, 800],
  [390, 844],
] as const) {
  test(`diagram text is at least 12 px at ${width} px, on every lab page of both locales`, async ({ page }) => {
    // Visits every page: give a loaded machine time.
    test.setTimeout(120_000);
    await page.setViewportSize({ width, height });
    for (const path of ['/loki', '/jaeger', '/loki-distributed', '/en/loki', '/en/jaeger', '/en/loki-distributed']) {
      await page.goto(path);
      await expect(page.locator('figure.diagram svg').first()).toBeVisible();
      const sizes = await diagramTextSizes(page);
      expect(sizes.length, path).toBeGreaterThan(10);
      expect(Math.min(...sizes), `${path}: smallest diagram text`).toBeGreaterThanOrEqual(12);
      // No diagram is wider than the page: nothing to scroll sideways to read it.
      for (const box of await page.locator('figure.diagram svg').evaluateAll((svgs) => svgs.map((s) => s.getBoundingClientRect().right))) {
        expect(box, path).toBeLessThanOrEqual(width);
      }
    }
  });
}

test('at 390 px every table cell is on screen: lab tables become cards, long names wrap', async ({ page }) => {
  // Visits every page: give a loaded machine time.
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 390, height: 844 });
  for (const prefix of ['', '/en']) {
    for (const p of pages) {
      await page.goto(`${prefix}/${p}`);
      await expect(page.locator('h1').first()).toBeVisible();
      const offscreen = await page.$$eval('article table td, article table th', (cells) =>
        cells
          .filter((c) => c.getClientRects().length > 0 && !c.closest('thead[style], .lab-table thead'))
          .filter((c) => c.getBoundingClientRect().right > window.innerWidth + 1)
          .map((c) => (c.textContent ?? '').slice(0, 40)),
      );
      expect(offscreen, `${prefix}/${p}`).toEqual([]);
    }
  }
});

test('a missing page under /en/ says so in English (and Chinese)', async ({ page }) => {
  const response = await page.goto('/en/no-such-page');
  expect(response?.status()).toBe(404);
  await expect(page.locator('h1')).toContainText('Page not found');
  await expect(page.locator('p[lang="en"]')).toBeVisible();
});

test('LogQL blocks are highlighted: selectors, strings and functions get their own tokens', async ({ page }) => {
  await page.goto('/en/loki');
  const block = page.locator('pre.language-logql').filter({ hasText: 'count_over_time' }).first();
  await expect(block).toBeVisible();
  await expect(block.locator('.token.function').first()).toHaveText('count_over_time');
  await expect(block.locator('.token.string').first()).toHaveText('"app"');
});

test('links keep a 4.5:1 contrast: the site colour from custom.css is in force', async ({ page }) => {
  await page.goto('/en/setup');
  const link = page.locator('article a[href^="https://github.com/"]').first();
  // custom.css sets --ifm-color-primary to #1f5fbf (Infima's default #3578e5 fails on grey backgrounds).
  await expect.poll(() => link.evaluate((a) => getComputedStyle(a).color)).toBe('rgb(31, 95, 191)');
});

test('set-up gives the clone command from package.json and links the repository', async ({ page }) => {
  const { repository } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { repository: { url: string } };
  for (const prefix of ['', '/en']) {
    await page.goto(`${prefix}/setup`);
    await expect(page.locator('pre').filter({ hasText: `git clone ${repository.url}` })).toBeVisible();
    await expect(page.locator(`article a[href="${repository.url.replace(/\.git$/, '')}"]`).first()).toBeVisible();
  }
});

test('code blocks and tabs hydrate in place: the server HTML is kept, not rebuilt after loading', async ({ page }) => {
  // Rebuilding them cost seconds of main-thread time on a phone (src/theme/CodeBlock, src/theme/Tabs).
  await page.addInitScript(() => {
    document.addEventListener('DOMContentLoaded', () => {
      (window as unknown as { serverNodes: Element[] }).serverNodes = Array.from(
        document.querySelectorAll('article pre, article [role="tablist"]'),
      );
    });
  });
  for (const path of ['/en/jaeger', '/exercises-loki', '/setup']) {
    await page.goto(path);
    await expect(page.locator('html')).toHaveAttribute('data-has-hydrated', 'true');
    // The copy buttons appear once the page runs: hydration and the updates after it are done.
    await expect(page.locator('article pre').first().locator('xpath=../..').getByRole('button').first()).toBeAttached();
    const { total, replaced } = await page.evaluate(() => {
      const nodes = (window as unknown as { serverNodes: Element[] }).serverNodes;
      return { total: nodes.length, replaced: nodes.filter((n) => !n.isConnected).map((n) => (n.textContent ?? '').slice(0, 40)) };
    });
    expect(total, path).toBeGreaterThan(3);
    expect(replaced, path).toEqual([]);
  }
});

test('a tab choice from a link, from the keyboard and from an earlier visit selects it on every tab set', async ({ page }) => {
  const selected = page.locator('[role="tab"][aria-selected="true"]');
  const allSelected = async (label: string) => {
    await expect(selected.first()).toHaveText(label);
    expect(new Set(await selected.allTextContents())).toEqual(new Set([label]));
  };
  // A link: ?kafka=zookeeper. The server's HTML shows KRaft; the page switches once it runs.
  await page.goto('/en/jaeger?kafka=zookeeper');
  await allSelected('ZooKeeper');
  await expect(page.locator('article pre:visible').filter({ hasText: 'compose.zookeeper.yaml' }).first()).toBeVisible();
  // The keyboard: arrow to the other tab, Enter selects it, and every set on the page follows.
  await page.goto('/en/exercises-jaeger');
  await allSelected('KRaft (default)');
  await selected.first().focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  await allSelected('ZooKeeper');
  // An earlier visit: the choice is kept (localStorage), so the next page opens on it.
  await page.goto('/en/jaeger');
  await allSelected('ZooKeeper');
  await expect(page.locator('article pre:visible').filter({ hasText: 'compose.zookeeper.yaml' }).first()).toBeVisible();
});

test('code colours follow the colour mode', async ({ page }) => {
  for (const [colorScheme, background, string] of [
    ['light', 'rgb(246, 248, 250)', 'rgb(10, 48, 105)'],
    ['dark', 'rgb(40, 42, 54)', 'rgb(255, 121, 198)'],
  ] as const) {
    await page.emulateMedia({ colorScheme });
    await page.goto('/en/loki');
    await expect(page.locator('html')).toHaveAttribute('data-theme', colorScheme);
    const block = page.locator('pre.language-logql').filter({ hasText: 'count_over_time' }).first();
    await expect.poll(() => block.evaluate((b) => getComputedStyle(b).backgroundColor), colorScheme).toBe(background);
    await expect
      .poll(
        () =>
          block
            .locator('.token.string')
            .first()
            .evaluate((t) => getComputedStyle(t).color),
        colorScheme,
      )
      .toBe(string);
  }
});

test('every language the pages use is highlighted: bash, PowerShell, PromQL and LogQL', async ({ page }) => {
  for (const [path, language] of [
    ['/en/setup', 'bash'],
    ['/en/setup', 'powershell'],
    ['/en/loki', 'promql'],
    ['/en/loki', 'logql'],
  ] as const) {
    await page.goto(path);
    await expect(page.locator(`pre.language-${language} .token:not(.plain)`).first(), `${path} ${language}`).toBeAttached();
  }
});

test('links prefetch each page chunk once (patches/@docusaurus__core: 235 tags for 16 files before)', async ({ page }) => {
  for (const path of ['/en/', '/loki']) {
    await page.goto(path);
    await expect(page.locator('html')).toHaveAttribute('data-has-hydrated', 'true');
    // The links on screen start prefetching their pages once the page has hydrated.
    await expect.poll(() => page.locator('link[rel="prefetch"]').count(), path).toBeGreaterThan(3);
    const hrefs = await page.locator('link[rel="prefetch"]').evaluateAll((links) => links.map((l) => l.getAttribute('href')));
    expect(hrefs.length, path).toBe(new Set(hrefs).size);
  }
});

test('on a phone, long code blocks get a word-wrap button and the menu holds the course pages', async ({ page }) => {
  // Both are set right after hydration by updates that patches/@docusaurus__theme-common turns into
  // transitions (useCodeWordWrap, useWindowSize), so they must still arrive.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/en/loki');
  await expect(page.locator('html')).toHaveAttribute('data-has-hydrated', 'true');
  const wrapButtons = page.getByRole('button', { name: 'Toggle word wrap' });
  const overflowing = () => page.locator('article pre').evaluateAll((pres) => pres.filter((p) => p.scrollWidth > p.clientWidth).length);
  const before = await overflowing();
  expect(before).toBeGreaterThan(3);
  await expect(wrapButtons).toHaveCount(before);
  // Wrapping one block leaves one fewer that scrolls sideways.
  await wrapButtons.first().click({ force: true }); // the buttons show on hover; a tap works the same
  await expect.poll(overflowing).toBe(before - 1);
  await page.getByRole('button', { name: 'Toggle navigation bar' }).click();
  const menu = page.locator('.navbar-sidebar');
  await expect(menu.getByRole('button', { name: /Back to main menu/ })).toBeVisible();
  await expect(menu.getByRole('link', { name: 'Exercises: Loki' })).toBeVisible();
});
