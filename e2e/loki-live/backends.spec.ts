// Prometheus and MinIO in the browser: every Loki target up, chunks in the bucket, in either mode.
import { expect, test } from '@playwright/test';
import { labUrl, loki, serviceUrl } from '../support/labs.ts';

// The variant that runs (SSD or distributed): its Loki jobs and ingesters, as its checks name them.
const lab = loki();
const params = (id: string) => lab.manifest.checks.find((c) => c.id === id)?.with ?? {};
const jobs = params('prometheus-targets').jobs as string[];
const ingesters = params('chunks-in-minio').ingesters as string[];

test('Prometheus shows every Loki target up', async ({ page, request }) => {
  const prometheus = labUrl(lab, 'Prometheus');
  const api = await request.get(`${prometheus.url}/api/v1/targets?state=active`);
  const targets = (await api.json()).data.activeTargets as { labels: { job: string }; health: string }[];
  for (const job of jobs) {
    const mine = targets.filter((t) => t.labels.job === job);
    expect(mine.length, job).toBeGreaterThan(0);
    expect(
      mine.every((t) => t.health === 'up'),
      job,
    ).toBe(true);
  }
  await page.goto(`${prometheus.url}/targets`);
  for (const job of jobs) await expect(page.getByText(job).first()).toBeVisible();
  await expect(page.getByText(/\bDOWN\b/)).toHaveCount(0);
});

test('the MinIO console accepts the lab login and lists the bucket with chunks', async ({ page, request }) => {
  // Make sure something was flushed: ask the ingesters to flush their chunks now.
  for (const ingester of ingesters) await request.post(serviceUrl(lab, ingester, 3100, '/flush'));
  const minio = labUrl(lab, 'MinIO console');
  await page.goto(minio.url);
  await page.locator('#accessKey').fill(minio.user!);
  await page.locator('#secretKey').fill(minio.password!);
  await page.getByRole('button', { name: /login/i }).click();
  await page.goto(`${minio.url}/browser/loki-data`);
  await expect(page.getByText('index').first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText('fake').first()).toBeVisible({ timeout: 60_000 });
});
