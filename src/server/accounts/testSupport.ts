import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type AccountBook, openAccountBook } from './accountBook.ts';
import { type Account, saveAccounts } from './accountFile.ts';

/** For tests: saves `accounts` in `dataDir` (none: no file, an open house) and opens its account book. */
export async function openBookWith(dataDir: string, accounts: readonly Account[]): Promise<AccountBook> {
  if (accounts.length > 0) {
    const saved = await saveAccounts(dataDir, accounts);
    if (!saved.ok) throw new Error(saved.reason);
  }
  const opened = await openAccountBook(dataDir, { log: () => {} });
  if (!opened.ok) throw new Error(opened.reason);
  return opened.book;
}

/** For tests: listens on a free port of 127.0.0.1 and returns the server's address (`http://…`). */
export async function listenLocally(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
