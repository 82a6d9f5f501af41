import { readFile } from 'node:fs/promises';
import type { APIRequestContext, Page } from '@playwright/test';
import { chart, chartPoints, expectConnection } from './dashboard.ts';
import { expect, test, uniqueDeviceName } from './fixtures.ts';

/** The windows a browser keeps on its own, and those only a server's history has. */
const BROWSER_WINDOWS = ['5 min', '1 h', '24 h', '7 d', 'All'];
const SERVER_WINDOWS = ['30 d', '1 y'];

function windowButton(page: Page, label: string) {
  return page.getByRole('radio', { name: label, exact: true });
}

/** How many readings the server has recorded for a generic device's soil moisture (0 until it answers). */
async function recordedReadings(
  request: APIRequestContext,
  pageUrl: string,
  device: string,
): Promise<number> {
  const url = new URL('/api/history', pageUrl);
  url.search = new URLSearchParams({
    device,
    convention: 'generic',
    metric: 'moisture',
    from: String(Date.now() - 3600_000),
    to: String(Date.now() + 60_000),
  }).toString();
  const response = await request.get(url.toString());
  if (!response.ok()) return 0;
  const body: unknown = await response.json().catch(() => null);
  return typeof body === 'object' && body !== null && 'points' in body && Array.isArray(body.points)
    ? body.points.length
    : 0;
}

async function exportedCsv(page: Page): Promise<string> {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const path = await (await download).path();
  return readFile(path, 'utf8');
}

// The server's recorder listens to its own broker, not to Mosquitto.
test('readings published while no screen was open draw on a fresh screen, in every window and in the CSV @embedded-only', async ({
  page,
  broker,
}) => {
  test.setTimeout(150_000);
  const cellar = uniqueDeviceName('cellar');
  // Nobody looks: three readings go by, then one is kept by the broker for the next screen.
  for (const value of ['41.1', '42.2', '43.3']) {
    await broker.publish(`house/${cellar}/moisture`, value);
    await page.waitForTimeout(50);
  }
  await broker.publish(`house/${cellar}/moisture`, '44.4', { retain: true });
  await expect
    .poll(() => recordedReadings(page.request, broker.pageUrl(), cellar), { timeout: 15_000 })
    .toBeGreaterThanOrEqual(4);

  await page.goto(broker.pageUrl());
  await expectConnection(page, 'connected', { timeout: 45_000 });
  for (const label of [...BROWSER_WINDOWS, ...SERVER_WINDOWS]) {
    await expect(windowButton(page, label)).toHaveCount(1);
  }
  // No other test reads a moisture: the chart draws this device alone.
  const moisture = chart(page, 'moisture');
  await expect.poll(() => chartPoints(moisture), { timeout: 15_000 }).toBeGreaterThanOrEqual(4);

  for (const label of ['30 d', '1 y', 'All']) {
    await windowButton(page, label).check({ force: true });
    await expect.poll(() => chartPoints(moisture), { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
  }

  await windowButton(page, '1 h').check({ force: true });
  const csv = await exportedCsv(page);
  const rows = csv.split('\r\n').filter((row) => row.startsWith(`${cellar},`));
  expect(rows.map((row) => row.split(',')[5])).toEqual(
    expect.arrayContaining(['41.1', '42.2', '43.3', '44.4']),
  );
});

// A device name of thousands of characters (a hostile or broken gateway) once made the page's
// parser refuse the server's whole answer, and the page then believed no server kept history.
test('a device with a name thousands of characters long costs the screen neither the server windows nor the history @embedded-only', async ({
  page,
  broker,
}) => {
  test.setTimeout(90_000);
  const porch = `${uniqueDeviceName('porch')}-${'p'.repeat(5000)}`;
  await broker.publish(`house/${porch}/temperature`, '19.5', { retain: true });
  const recorded = async () => {
    const url = new URL('/api/history', broker.pageUrl());
    url.search = new URLSearchParams({
      quantity: 'temperature',
      from: String(Date.now() - 3600_000),
      to: String(Date.now() + 60_000),
      points: '2',
    }).toString();
    const response = await page.request.get(url.toString());
    const body: unknown = response.ok() ? await response.json().catch(() => null) : null;
    const series = typeof body === 'object' && body !== null && 'series' in body ? body.series : null;
    return Array.isArray(series) && series.some((s) => s?.device === porch);
  };
  await expect.poll(recorded, { timeout: 15_000 }).toBe(true);

  await page.goto(broker.pageUrl());
  await expectConnection(page, 'connected', { timeout: 45_000 });
  for (const label of SERVER_WINDOWS) await expect(windowButton(page, label)).toHaveCount(1);
  await windowButton(page, '30 d').check({ force: true });
  await expect
    .poll(() => chartPoints(chart(page, 'temperature')), { timeout: 15_000 })
    .toBeGreaterThanOrEqual(1);
});

test('a page with no history behind it offers only the windows a browser keeps', async ({ page, broker }) => {
  test.setTimeout(90_000);
  // A static host, or a server without a recorder: every /api path is unknown.
  await page.route('**/api/**', (route) => route.fulfill({ status: 404, body: 'Not found' }));
  const hall = uniqueDeviceName('hall');
  await broker.publish(`house/${hall}/temperature`, '20.5', { retain: true });
  // The page on the server's own broker asks the history once (and hears 404); on Mosquitto, another
  // house, it does not ask at all.
  const asked =
    broker.kind === 'embedded'
      ? page.waitForResponse((response) => response.url().includes('/api/history'))
      : null;
  await page.goto(broker.pageUrl());
  await asked;
  await expectConnection(page, 'connected', { timeout: 45_000 });
  await expect(chart(page, 'temperature')).toBeVisible();
  for (const label of BROWSER_WINDOWS) await expect(windowButton(page, label)).toHaveCount(1);
  for (const label of SERVER_WINDOWS) await expect(windowButton(page, label)).toHaveCount(0);
});
