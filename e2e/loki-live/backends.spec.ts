// Prometheus and MinIO in the browser: every Loki target up, chunks in the bucket.
import { expect, test } from '@playwright/test';
import { labUrl, loki } from '../support/labs.ts';

const lab = loki();

test('Prometheus shows every Loki target up', async ({ page, request }) => {
  const prometheus = labUrl(lab, 'Prometheus');
  const api = await request.get(`${prometheus.url}/api/v1/targets?state=active`);
  const targets = (await api.json()).data.activeTargets as { labels: { job: string }; health: string }[];
  for (const job of ['loki-read', 'loki-write', 'loki-backend']) {
    const mine = targets.filter((t) => t.labels.job === job);
    expect(mine.length, job).toBeGreaterThan(0);
    expect(
      mine.every((t) => t.health === 'up'),
      job,
    ).toBe(true);
  }
  await page.goto(`${prometheus.url}/targets`);
  for (const job of ['loki-read', 'loki-write', 'loki-backend']) await expect(page.getByText(job).first()).toBeVisible();
  await expect(page.getByText(/\bDOWN\b/)).toHaveCount(0);
});

test('the MinIO console accepts the lab login and lists the bucket with chunks', async ({ page, request }) => {
  // Make sure something was flushed: ask loki-write to flush its chunks now.
  const write = labUrl(lab, 'loki-write metrics');
  await request.post(`${write.url}/flush`);
  const minio = labUrl(lab, 'MinIO console');
  await page.goto(minio.url);
  await page.locator('#accessKey').fill(minio.user!);
  await page.locator('#secretKey').fill(minio.password!);
  await page.getByRole('button', { name: /login/i }).click();
  await page.goto(`${minio.url}/browser/loki-data`);
  await expect(page.getByText('index').first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText('fake').first()).toBeVisible({ timeout: 60_000 });
});
