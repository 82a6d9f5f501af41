import type { Page } from '@playwright/test';
import { deviceCard, expectConnection, expectMetric } from './dashboard.ts';
import { expect, test, uniqueDeviceName } from './fixtures.ts';
import { sleepRenderers } from './support/rendererSleep.ts';

/**
 * The dashboard's MQTT keep-alive is 20 s and brokers drop a silent client after one and a half
 * times that: a screen asleep this long has surely lost its connection.
 */
const BROKER_GAVE_UP_MS = 33_000;

/** What the recorder reads of the page: e2e code is typed without the browser's DOM. */
interface PageScope {
  __connectionStates: string[];
  document: { querySelector(selector: string): { getAttribute(name: string): string | null } | null };
  MutationObserver: new (
    callback: () => void,
  ) => { observe(target: unknown, options: Record<string, boolean>): void };
}

/** Records every state the connection indicator takes, from the first paint of each page load. */
async function recordConnectionStates(page: Page): Promise<void> {
  await page.context().addInitScript(() => {
    const scope = globalThis as unknown as PageScope;
    const states: string[] = [];
    scope.__connectionStates = states;
    const look = () => {
      const state = scope.document.querySelector('[data-connection]')?.getAttribute('data-connection');
      if (state != null && states.at(-1) !== state) states.push(state);
    };
    new scope.MutationObserver(look).observe(scope.document, {
      subtree: true,
      childList: true,
      attributes: true,
    });
  });
}

function connectionStates(page: Page): Promise<string[]> {
  return page.evaluate(() => (globalThis as unknown as PageScope).__connectionStates);
}

// Hearth's own broker queues QoS 1 messages for a sleeping screen. On another broker the screen
// subscribes at QoS 0 (Mosquitto drops what passes its queue limit even for a connected client),
// so what it missed while asleep comes from the Hearth server's history instead.
test('a reading published while the tablet slept shows when it wakes @embedded-only', async ({
  page,
  broker,
  browser,
}) => {
  test.setTimeout(180_000);
  const name = uniqueDeviceName('nursery-sensor');
  const topic = `house/${name}/temperature`;
  await page.goto(broker.pageUrl());
  await expectConnection(page, 'connected', { timeout: 30_000 });
  // Not retained: only the broker's session for this screen can keep what follows.
  await broker.publish(topic, '20.5');
  const card = deviceCard(page, name);
  await expectMetric(card, 'temperature', 20.5);

  await test.step('the tablet sleeps until the broker drops it, and the device reports meanwhile', async () => {
    await sleepRenderers(browser, BROKER_GAVE_UP_MS + 1000, async (elapsed) => {
      await new Promise((resolve) => setTimeout(resolve, BROKER_GAVE_UP_MS - elapsed()));
      await broker.publish(topic, '21.5', { qos: 1, retain: false });
    });
  });

  await test.step('it wakes: the reading it slept through is shown', async () => {
    await expectConnection(page, 'connected', { timeout: 30_000 });
    await expectMetric(card, 'temperature', 21.5);
  });

  await test.step('and live readings flow as before', async () => {
    await broker.publish(topic, '22.5');
    await expectMetric(card, 'temperature', 22.5);
  });
});

test('two tabs of one browser both stay connected and both hear every reading', async ({ page, broker }) => {
  test.setTimeout(180_000);
  const name = uniqueDeviceName('hall-sensor');
  const topic = `house/${name}/temperature`;
  await recordConnectionStates(page);
  await page.goto(broker.pageUrl());
  await expectConnection(page, 'connected', { timeout: 30_000 });
  const second = await page.context().newPage();
  await second.goto(broker.pageUrl());
  await expectConnection(second, 'connected', { timeout: 30_000 });

  // One reading a second for 8 s: two tabs sharing one client id would take the session from
  // each other in turn (each reconnects within a second), dropping back to "reconnecting" and
  // missing readings meanwhile.
  for (let i = 0; i < 8; i++) {
    const value = 10 + i / 10;
    await broker.publish(topic, value.toFixed(1));
    await expectMetric(deviceCard(page, name), 'temperature', value);
    await expectMetric(deviceCard(second, name), 'temperature', value);
    await page.waitForTimeout(1000);
  }

  // Each tab notes what its own persistent session holds: two ids, so neither fell back to a
  // one-visit clean session.
  const sessions = await page.evaluate(() => {
    const scope = globalThis as unknown as { localStorage: { getItem(key: string): string | null } };
    return JSON.parse(scope.localStorage.getItem('hearth.brokerSessions.v1') ?? '[]') as Array<{
      clientId: string;
    }>;
  });
  expect(new Set(sessions.map((s) => s.clientId)).size, 'persistent sessions of this browser').toBe(2);

  for (const tab of [page, second]) {
    await expectConnection(tab, 'connected');
    const states = await connectionStates(tab);
    expect(states.slice(states.indexOf('connected')), 'what the connection indicator said').toEqual([
      'connected',
    ]);
  }
  await second.close();
});
