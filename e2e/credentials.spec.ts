import { createServer, type Server } from 'node:http';
import type { Page } from '@playwright/test';
import { expectConnection, notices } from './dashboard.ts';
import { type Broker, expect, test } from './fixtures.ts';
import { type ConnectRecorder, startConnectRecorder } from './support/connectRecorder.ts';
import { findFreePort } from './support/freePort.ts';

// Requests go straight to the page (and to page.route), never through a cached service worker.
test.use({ serviceWorkers: 'block' });

const SETTINGS_KEY = 'hearth.settings.v1';
const ALICE = { username: 'alice', password: 'kitchen-7' };
/** Connecting is not what these tests time; a loaded CI machine gets slack. */
const CONNECT_TIMEOUT_MS = 15_000;

/** The broker this project's dashboard really uses: mosquitto's WebSocket URL, or null for the page's own. */
function realBrokerUrl(broker: Broker): string | null {
  return new URL(broker.pageUrl()).searchParams.get('broker');
}

/** The dashboard's address with these parameters and no ?broker=, so the saved broker decides. */
function plainPageUrl(broker: Broker, params: Record<string, string> = {}): string {
  const url = new URL(broker.pageUrl(params));
  url.searchParams.delete('broker');
  return url.toString();
}

/** Saved settings as this tablet would hold them, written once before the first visit only. */
async function rememberSignIn(page: Page, brokerUrl: string | null) {
  await page.addInitScript(
    ([key, settings]) => {
      if (localStorage.getItem(key) === null) localStorage.setItem(key, settings);
    },
    [SETTINGS_KEY, JSON.stringify({ brokerUrl, ...ALICE, rememberPassword: true })] as const,
  );
}

async function savedSettings(page: Page): Promise<Record<string, unknown>> {
  const text = await page.evaluate((key) => localStorage.getItem(key), SETTINGS_KEY);
  return JSON.parse(text ?? '{}') as Record<string, unknown>;
}

/** Serves one settings file from another origin (another port), readable cross-origin. */
async function serveForeignConfig(
  config: unknown,
): Promise<{ url: string; origin: string; close(): Promise<void> }> {
  const port = await findFreePort();
  const server: Server = createServer((_request, response) => {
    response.setHeader('Access-Control-Allow-Origin', '*');
    response.setHeader('Content-Type', 'application/json');
    response.end(JSON.stringify(config));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}/hearth-settings.json`,
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let stranger: ConnectRecorder;
test.beforeEach(async () => {
  stranger = await startConnectRecorder();
});
test.afterEach(async () => {
  await stranger.close();
});

test('a link to another broker gets no saved password, and the page offers to sign in there', async ({
  page,
  broker,
}) => {
  await rememberSignIn(page, realBrokerUrl(broker));

  await page.goto(broker.pageUrl({ broker: stranger.url }));
  await expect
    .poll(() => stranger.connects.length, {
      message: 'the link’s broker was tried',
      timeout: CONNECT_TIMEOUT_MS,
    })
    .toBeGreaterThan(0);
  for (const connect of stranger.connects) {
    expect(connect, 'what the link’s broker received').toMatchObject({
      username: undefined,
      password: undefined,
    });
  }
  const host = new URL(stranger.url).host;
  const offer = page.locator('[data-credentials-offer]');
  await expect(offer).toBeVisible();
  await expect(offer).toContainText(host);
  await expect(offer.getByRole('button', { name: `Enter credentials for ${host}` })).toBeVisible();
  // The password is still saved, for its own broker.
  expect(await savedSettings(page)).toMatchObject({ brokerUrl: realBrokerUrl(broker), ...ALICE });
});

test('the saved password still goes to the broker it was saved for', async ({ page, broker }) => {
  await rememberSignIn(page, stranger.url);

  await page.goto(plainPageUrl(broker));
  await expect.poll(() => stranger.connects.length, { timeout: CONNECT_TIMEOUT_MS }).toBeGreaterThan(0);
  expect(stranger.connects[0]).toMatchObject(ALICE);
  await expect(page.locator('[data-credentials-offer]')).toHaveCount(0);
});

test('settings from another site are shown and saved only when the user applies them', async ({
  page,
  broker,
}) => {
  test.slow(); // three visits, each waiting for a connection
  const foreign = await serveForeignConfig({
    brokerUrl: stranger.url,
    topics: ['garden/#'],
    staleAfterSec: 90,
  });
  try {
    await rememberSignIn(page, realBrokerUrl(broker));
    const linked = plainPageUrl(broker, { config: foreign.url });

    await page.goto(linked);
    const confirm = page.locator('[data-config-confirm]');
    await expect(confirm).toBeVisible();
    await expect(confirm).toContainText(foreign.origin);
    await expect(confirm).toContainText(new URL(stranger.url).host);
    await expect(confirm).toContainText('garden/#');
    // Meanwhile the dashboard runs on its saved settings, signed in to its own broker.
    await expectConnection(page, 'connected', { timeout: CONNECT_TIMEOUT_MS });
    expect(stranger.connects).toEqual([]);
    const before = await savedSettings(page);
    expect(before.brokerUrl).toBe(realBrokerUrl(broker));
    expect(before.topics).not.toEqual(['garden/#']);

    // A later plain visit goes to the original broker.
    await page.goto(plainPageUrl(broker));
    await expect(page.locator('[data-config-confirm]')).toHaveCount(0);
    await expectConnection(page, 'connected', { timeout: CONNECT_TIMEOUT_MS });
    expect(stranger.connects).toEqual([]);

    await page.goto(linked);
    await confirm.getByRole('button', { name: 'Apply settings' }).click();
    await expect(confirm).toHaveCount(0);
    await expect.poll(() => stranger.connects.length, { timeout: CONNECT_TIMEOUT_MS }).toBeGreaterThan(0);
    expect(stranger.connects[0], 'the file’s broker gets no password of ours').toMatchObject({
      username: undefined,
      password: undefined,
    });
    const saved = await savedSettings(page);
    expect(saved).toMatchObject({
      brokerUrl: stranger.url,
      topics: ['garden/#'],
      staleAfterSec: 90,
      password: '',
    });
    // Our sign-in stays with our broker, as a profile.
    expect(saved.profiles).toEqual([expect.objectContaining({ brokerUrl: realBrokerUrl(broker), ...ALICE })]);
  } finally {
    await foreign.close();
  }
});

test('settings from another site that the user ignores change nothing', async ({ page, broker }) => {
  const foreign = await serveForeignConfig({ brokerUrl: stranger.url });
  try {
    await page.goto(plainPageUrl(broker, { config: foreign.url }));
    await page.locator('[data-config-confirm]').getByRole('button', { name: 'Ignore' }).click();
    await expect(page.locator('[data-config-confirm]')).toHaveCount(0);
    await expect(notices(page).filter({ hasText: 'not applied' })).toBeVisible();
    await expectConnection(page, 'connected', { timeout: CONNECT_TIMEOUT_MS });
    expect(stranger.connects).toEqual([]);
  } finally {
    await foreign.close();
  }
});

test('settings from the dashboard’s own site are applied and saved at once', async ({ page, broker }) => {
  const own = new URL('/provision/hearth-settings.json', broker.pageUrl());
  await page.route(own.toString(), (route) =>
    route.fulfill({ json: { topics: ['garden/#'], staleAfterSec: 90 } }),
  );

  await page.goto(broker.pageUrl({ config: own.pathname }));
  await expect(notices(page).filter({ hasText: 'Settings loaded' })).toBeVisible();
  await expect(page.locator('[data-config-confirm]')).toHaveCount(0);
  expect(await savedSettings(page)).toMatchObject({ topics: ['garden/#'], staleAfterSec: 90 });
  await expectConnection(page, 'connected', { timeout: CONNECT_TIMEOUT_MS });
});

test('changing the broker in Settings does not carry the saved password to it', async ({ page, broker }) => {
  await rememberSignIn(page, realBrokerUrl(broker));
  await page.goto(plainPageUrl(broker));
  await page.getByRole('button', { name: 'Settings' }).click();
  const password = page.locator('dialog[open] input[type="password"]');
  await expect(password).toHaveValue(ALICE.password);

  await page.getByLabel('Broker WebSocket URL').fill(stranger.url);
  await expect(password).toHaveValue('');
  await expect(page.getByText(/The password was for .*; type the password for/)).toBeVisible();
  await page.getByRole('button', { name: 'Save', exact: true }).click();

  await expect.poll(() => stranger.connects.length, { timeout: CONNECT_TIMEOUT_MS }).toBeGreaterThan(0);
  expect(stranger.connects[0]?.password).toBeUndefined();
});
