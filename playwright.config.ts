import { defineConfig } from '@playwright/test';
import type { HearthWorkerOptions } from './e2e/fixtures.ts';

const onCi = process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false';

// Browsers cannot be downloaded here: Playwright drives the system Chromium.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export default defineConfig<object, HearthWorkerOptions>({
  testDir: 'e2e',
  // Each worker runs its own Hearth server (and Mosquitto); two fit a two-core machine.
  workers: 2,
  fullyParallel: false,
  forbidOnly: onCi,
  retries: onCi ? 1 : 0,
  timeout: 30_000,
  // Waits for what a user would see; a shared CI machine gets more slack. Timing promises of
  // the product (an error within 3 s) are asserted with their own explicit timeouts.
  expect: { timeout: onCi ? 10_000 : 5_000 },
  globalTimeout: 13 * 60_000,
  reporter: 'list',
  use: {
    browserName: 'chromium',
    headless: true,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
    },
    trace: 'on-first-retry',
  },
  projects: [
    // Tests that need one broker kind are tagged and left out of the other project, not skipped.
    { name: 'embedded', use: { brokerKind: 'embedded' }, grepInvert: /@mosquitto-only/ },
    { name: 'mosquitto', use: { brokerKind: 'mosquitto' }, grepInvert: /@embedded-only/ },
  ],
});
