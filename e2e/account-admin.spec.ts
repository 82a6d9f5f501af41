import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { saveAccounts } from '../src/server/accounts/accountFile.ts';
import { hashPassword } from '../src/server/accounts/passwordHash.ts';
import { expect, test } from './fixtures.ts';
import { type HearthServer, startHearthServer } from './support/hearthServer.ts';

// An owner manages accounts from settings (issue 12): what they add signs in at once, and what
// they remove is signed out at once. Only the embedded broker has accounts.

const OWNER = { name: 'olga', password: 'olga owner password' };
const VIEWER = { name: 'vera', password: 'vera view password' };
/**
 * The account book reloads within a second and closes the account's broker connection; the page
 * then asks the server, at most once per 15 s (SESSION_CHECK_MIN_MS), whether it is signed out.
 */
const SIGNED_OUT_WITHIN_MS = 20_000;

let server: HearthServer;
let dataDir: string;

test.beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'hearth-account-admin-'));
  const saved = await saveAccounts(dataDir, [
    {
      name: OWNER.name,
      role: 'owner',
      hash: await hashPassword(OWNER.password),
      createdAt: new Date().toISOString(),
    },
  ]);
  if (!saved.ok) throw new Error(saved.reason);
  server = await startHearthServer({ dataDir });
});

test.afterAll(async () => {
  await server?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

/** A browser of its own (its own cookies), signed in as `person`; page errors fail the test. */
async function signedInPage(browser: Browser, person: { name: string; password: string }, errors: string[]) {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('pageerror', (error) => errors.push(`${person.name}: ${error.message}`));
  await page.goto(server.pageUrl);
  await page.getByLabel('Name').fill(person.name);
  await page.getByLabel('Password').fill(person.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: 'Settings' })).toBeVisible();
  return page;
}

async function openAccounts(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('tab', { name: 'Accounts' }).click();
}

test('@embedded-only an owner adds a view account from settings, it signs in, and once removed it is signed out', async ({
  browser,
}) => {
  const errors: string[] = [];
  const owner = await signedInPage(browser, OWNER, errors);
  await openAccounts(owner);
  await expect(owner.locator(`[data-account-name="${OWNER.name}"]`)).toContainText('you');

  const form = owner.getByRole('group', { name: 'Add account' });
  await form.getByLabel(/^Name/).fill(VIEWER.name);
  await form.getByLabel('Role').selectOption('view');
  await form.getByLabel('Password', { exact: true }).fill(VIEWER.password);
  await form.getByLabel('Password again').fill(VIEWER.password);
  await form.getByRole('button', { name: 'Add account' }).click();
  await expect(form.getByRole('status')).toHaveText(`Added ${VIEWER.name} (view).`);
  const row = owner.locator(`[data-account-name="${VIEWER.name}"]`);
  await expect(row.getByLabel(`Role of ${VIEWER.name}`)).toHaveValue('view');

  // Another browser signs in with the new account: a view account, so no switch and no Arrange.
  const viewer = await signedInPage(browser, VIEWER, errors);
  await openAccounts(viewer);
  await expect(viewer.getByRole('group', { name: 'Add account' })).toHaveCount(0);
  await expect(viewer.getByRole('button', { name: 'Change my password' })).toBeVisible();
  await viewer.getByRole('button', { name: 'Cancel' }).click();

  await row.getByRole('button', { name: `Remove ${VIEWER.name}` }).click();
  await row.getByRole('alertdialog').getByRole('button', { name: 'Remove' }).click();
  await expect(row).toHaveCount(0);

  await expect(viewer.getByRole('form', { name: 'Sign in' })).toBeVisible({ timeout: SIGNED_OUT_WITHIN_MS });
  await expect(viewer.getByText('Your session ended; sign in again.')).toBeVisible();
  // The owner's own screen stays signed in.
  await expect(owner.locator(`[data-account-name="${OWNER.name}"]`)).toBeVisible();
  expect(errors).toEqual([]);
});
