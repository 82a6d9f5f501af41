import { clipText } from '../../core/clip';
import { describeAccount } from '../../store/access';
import type { Account, ScreenEntry } from '../../store/accountSlice';

/** How a signed-in browser or screen is named in settings: a kept screen by its label, else "Browser". */
export function screenName(entry: Pick<ScreenEntry, 'kind' | 'label'>): string {
  if (entry.kind === 'screen' && entry.label.trim() !== '') return clipText(entry.label.trim());
  return entry.kind === 'screen' ? 'Kept screen' : 'Browser';
}

/** This page's own entry first, then the most recently seen: who is using the house now. */
export function sortScreens(entries: readonly ScreenEntry[]): ScreenEntry[] {
  return [...entries].sort(
    (a, b) => Number(b.current) - Number(a.current) || b.lastSeenAt - a.lastSeenAt || (a.id < b.id ? -1 : 1),
  );
}

/** "Ann (owner)", as the list shows an entry's account; a role the page does not know is shown as given. */
export function entryAccount(entry: Pick<ScreenEntry, 'account' | 'role'>): string {
  const name = clipText(entry.account);
  return entry.role === '' ? name : `${name} (${clipText(entry.role)})`;
}

/** The button of an entry: the page's own and browsers are signed out, kept screens removed. */
export function entryAction(entry: Pick<ScreenEntry, 'kind' | 'current'>): 'Sign out' | 'Remove' {
  return entry.kind === 'screen' && !entry.current ? 'Remove' : 'Sign out';
}

/** What is asked before signing another browser or screen out (this page's own asks nothing). */
export function removalQuestion(entry: ScreenEntry): string {
  const who = entryAccount(entry);
  return entry.kind === 'screen'
    ? `Remove ${screenName(entry)}, signed in as ${who}? It shows the sign-in page until someone signs in there again.`
    : `Sign out the browser signed in as ${who}? It shows the sign-in page at its next step.`;
}

/**
 * Who this page is signed in as, in one line: "Signed in as Ann (owner)"; a kept screen says it
 * stays so, with its label. Null when there are no accounts (nothing to say, nothing to sign out).
 */
export function signedInWords(account: Account): string | null {
  if (account.kind !== 'signed-in') return null;
  const who = describeAccount(clipText(account.name), account.role);
  if (account.via === 'session') return `Signed in as ${who}`;
  const label = account.label.trim();
  return label === '' || label === account.name
    ? `This screen stays signed in as ${who}`
    : `This screen stays signed in as ${who} (${clipText(label)})`;
}
