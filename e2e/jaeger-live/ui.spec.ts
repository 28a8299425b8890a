// The Jaeger lab as a student sees it: services and traces in the Jaeger UI, the topic in
// Redpanda Console.
import { expect, test } from '@playwright/test';
import { jaeger, labUrl } from '../support/labs.ts';

const lab = jaeger();
const ui = labUrl(lab, 'Jaeger UI');
const expected = lab.manifest.checks.find((c) => c.id === 'jaeger-services')?.with.services as string[];

test('the Jaeger UI lists the services xk6 generates', async ({ page, request }) => {
  await expect(async () => {
    const services = (await (await request.get(`${ui.url}/api/services`)).json()).data as string[];
    expect(services).toEqual(expect.arrayContaining(expected));
  }).toPass({ timeout: 60_000 });
  await page.goto(`${ui.url}/search`);
  await page.getByText('Select a service', { exact: false }).first().click();
  for (const s of expected) await expect(page.getByText(s, { exact: true }).first()).toBeVisible();
});

test('Find Traces returns results, and a trace opens with its spans', async ({ page }) => {
  const service = expected[0]!;
  await page.goto(`${ui.url}/search?service=${service}&limit=20&lookback=1h`);
  const first = page.locator('a[href*="/trace/"]').first();
  await expect(first).toBeVisible({ timeout: 30_000 });
  await first.click();
  await expect(page).toHaveURL(/\/trace\/[0-9a-f]+/);
  await expect(page.getByText(service).first()).toBeVisible();
  // The span list shows more than the root span.
  await expect(page.getByText(/GET \/products|POST \/checkout|POST \/login/).first()).toBeVisible();
});

test('Redpanda Console shows the jaeger-spans topic with messages', async ({ page }) => {
  const redpanda = labUrl(lab, 'Redpanda Console');
  await page.goto(`${redpanda.url}/topics`);
  await expect(page.getByText('jaeger-spans').first()).toBeVisible({ timeout: 30_000 });
  await page.goto(`${redpanda.url}/topics/jaeger-spans`);
  // Messages are OTLP JSON: their payload names resourceSpans.
  await expect(page.getByText(/resourceSpans/).first()).toBeVisible({ timeout: 60_000 });
});
