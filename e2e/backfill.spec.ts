import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { chart, chartPoints, deviceCard, expectConnection } from './dashboard.ts';
import { expect, test, uniqueDeviceName } from './fixtures.ts';
import { sleepRenderers } from './support/rendererSleep.ts';

/** How often the device reports: 30 readings in the minute the tablet is frozen. */
const READING_INTERVAL_MS = 2000;
/** Longer than the broker's keep-alive timeout (30 s for the dashboard's 20 s): the screen's connection is surely dropped. */
const FROZEN_MS = 60_000;
/**
 * After waking, the chart must hold the frozen minute within this long (reconnect included): the
 * live readings of those seconds, and those the socket held while the page was stopped (they
 * reach the page at once on waking, so they fall in one bucket of the chart), add far fewer
 * points than the minute's 30, so only the server's history can add them.
 */
const BACKFILL_WITHIN_MS = 20_000;

/** A device reporting on its own, as the test goes on (and while the renderers are stopped). */
function startReporting(publish: (value: string) => Promise<void>): {
  published: { value: string; atMs: number }[];
  stop: () => Promise<void>;
} {
  const published: { value: string; atMs: number }[] = [];
  let reporting = true;
  const loop = (async () => {
    for (let i = 0; reporting; i++) {
      // A distinct value per reading, so the CSV says which ones the page has.
      const value = String(100 + i);
      await publish(value);
      published.push({ value, atMs: Date.now() });
      await new Promise((resolve) => setTimeout(resolve, READING_INTERVAL_MS));
    }
  })();
  return {
    published,
    stop: async () => {
      reporting = false;
      await loop;
    },
  };
}

async function exportedCsv(page: Page): Promise<string> {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const path = await (await download).path();
  return readFile(path, 'utf8');
}

// The server's recorder listens to its own broker, not to Mosquitto.
test('a tablet frozen for a minute back-fills the gap from the server @embedded-only', async ({
  page,
  broker,
  browser,
}) => {
  test.setTimeout(180_000);
  const name = uniqueDeviceName('bedroom-air');
  // QoS 0: no broker queues these for a screen that is away, only the server's recorder keeps them.
  const device = startReporting((value) => broker.publish(`house/${name}/pm25`, value, { qos: 0 }));
  try {
    await page.goto(broker.pageUrl());
    await expectConnection(page, 'connected', { timeout: 45_000 });
    await expect(deviceCard(page, name)).toBeVisible({ timeout: 15_000 });
    await expect(page.getByRole('radio', { name: '5 min', exact: true })).toBeChecked();
    // No other test reads PM2.5: the chart draws this device alone.
    const air = chart(page, 'pm25');
    await expect.poll(() => chartPoints(air), { timeout: 30_000 }).toBeGreaterThanOrEqual(8);
    const pointsBefore = await chartPoints(air);

    let frozenValues: string[] = [];
    await test.step('the tablet is frozen for a minute while the device keeps reporting', async () => {
      const from = device.published.length;
      await sleepRenderers(browser, FROZEN_MS);
      frozenValues = device.published.slice(from).map((reading) => reading.value);
    });
    expect(frozenValues.length, 'readings published while frozen').toBeGreaterThanOrEqual(25);

    await test.step('it wakes: the chart holds the frozen minute', async () => {
      await expectConnection(page, 'connected', { timeout: 45_000 });
      await expect
        .poll(() => chartPoints(air), {
          message: `points of the chart, ${pointsBefore} before the freeze`,
          timeout: BACKFILL_WITHIN_MS,
        })
        .toBeGreaterThanOrEqual(pointsBefore + 25);
      await page.screenshot({ path: test.info().outputPath('after-wake-1280.png') });
    });

    await test.step('and the 5 min export lists every reading published while it was frozen', async () => {
      const csv = await exportedCsv(page);
      const values = csv
        .split('\r\n')
        .filter((row) => row.startsWith(`${name},`))
        .map((row) => row.split(',')[5]);
      expect(values).toEqual(expect.arrayContaining(frozenValues));
    });
  } finally {
    await device.stop();
  }
});
