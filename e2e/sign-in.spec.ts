import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { saveAccounts } from '../src/server/accounts/accountFile.ts';
import { hashPassword } from '../src/server/accounts/passwordHash.ts';
import { expect, test } from './fixtures.ts';
import { type HearthServer, startHearthServer } from './support/hearthServer.ts';

// A Hearth with accounts (issue 12): the dashboard shows nothing but its sign-in page until a
// person signs in with an account's password.

let server: HearthServer;
let dataDir: string;

test.beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'hearth-sign-in-'));
  const saved = await saveAccounts(dataDir, [
    {
      name: 'kim',
      role: 'owner',
      hash: await hashPassword('kim password'),
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

test('a wrong password is refused in words, and the right one opens the dashboard @embedded-only', async ({
  page,
}) => {
  await page.goto(server.pageUrl);
  const form = page.getByRole('form', { name: 'Sign in' });
  await expect(form).toBeVisible();
  await expect(page.getByRole('button', { name: 'Settings' })).toHaveCount(0);

  await page.getByLabel('Name').fill('kim');
  await page.getByLabel('Password').fill('not my password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText('The name or the password is wrong.');

  await page.getByLabel('Password').fill('kim password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: 'Settings' })).toBeVisible();
  await expect(form).toHaveCount(0);

  // Signed in, a reload goes straight to the dashboard.
  await page.reload();
  await expect(page.getByRole('button', { name: 'Settings' })).toBeVisible();
});
