// The Loki lab as a student sees it in Grafana: login, Explore, the Loki Metrics dashboard.
import { randomUUID } from 'node:crypto';
import { selectors } from '@grafana/e2e-selectors';
import { expect, type Page, test } from '@playwright/test';
import { labUrl, loki } from '../support/labs.ts';

const lab = loki();
const grafana = labUrl(lab, 'Grafana');

async function login(page: Page): Promise<void> {
  await page.goto(`${grafana.url}${selectors.pages.Login.url}`);
  await page.getByTestId(selectors.pages.Login.username).fill(grafana.user!);
  await page.getByTestId(selectors.pages.Login.password).fill(grafana.password!);
  await page.getByTestId(selectors.pages.Login.submit).click();
  // Grafana asks to change a default password; the lab keeps it.
  const skip = page.getByTestId(selectors.pages.Login.skip);
  if (await skip.isVisible({ timeout: 3000 }).catch(() => false)) await skip.click();
  await expect(page).not.toHaveURL(/\/login/);
}

test('Grafana accepts the lab login', async ({ page }) => {
  await login(page);
  const user = await page.request.get(`${grafana.url}/api/user`);
  expect((await user.json()).login).toBe(grafana.user);
});

test('Explore with the Loki datasource shows the app log line of a tagged request', async ({ page, request }) => {
  const tag = `e2e-${randomUUID().slice(0, 8)}`;
  const nginx = labUrl(lab, 'Nginx');
  const res = await request.get(`${nginx.url}/items/3?tag=${tag}`, { headers: { 'X-Request-ID': tag } });
  expect(res.status()).toBe(200);
  await login(page);
  const state = {
    datasource: 'loki',
    queries: [{ refId: 'A', datasource: { type: 'loki', uid: 'loki' }, expr: `{service="app"} |= "${tag}"` }],
    range: { from: 'now-15m', to: 'now' },
  };
  // The collector ships lines within seconds; reload the query until the line shows.
  await expect(async () => {
    await page.goto(`${grafana.url}/explore?left=${encodeURIComponent(JSON.stringify(state))}`);
    await expect(page.getByText(tag).first()).toBeVisible({ timeout: 5000 });
  }).toPass({ timeout: 60_000 });
});

test('the Loki Metrics dashboard loads and its panels show data without errors', async ({ page }) => {
  await login(page);
  await page.goto(`${grafana.url}/d/loki-metrics`);
  await expect(page.getByTestId(selectors.components.Panels.Panel.title('Lines received / s'))).toBeVisible();
  for (const title of ['Active streams', 'Loki targets up']) {
    await expect(page.getByTestId(selectors.components.Panels.Panel.title(title))).toBeVisible();
  }
  await expect(page.getByText('No data').first()).toBeHidden({ timeout: 30_000 });
  await expect(page.getByTestId(selectors.components.Panels.Panel.status('error'))).toHaveCount(0);
});

test('in distributed mode, the Loki distributed dashboard shows every component without errors', async ({ page }) => {
  test.skip(
    lab.manifest.checks.every((c) => c.id !== 'ring-active'),
    'skipped: the lab runs in SSD mode (pnpm lab:loki --mode distributed)',
  );
  await login(page);
  await page.goto(`${grafana.url}/d/loki-distributed`);
  for (const title of ['Ingesters by ring state', 'Queue length and connected workers', 'Requests finished per querier']) {
    await expect(page.getByTestId(selectors.components.Panels.Panel.title(title))).toBeVisible();
  }
  await expect(page.getByTestId(selectors.components.Panels.Panel.status('error'))).toHaveCount(0);
});
