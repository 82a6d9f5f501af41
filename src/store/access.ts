import type { Account, Role } from './accountSlice';

/**
 * What this screen may do, from who is signed in and whether the screen is read-only. The broker
 * and the server enforce the roles whatever the page does; this only keeps the page from offering
 * what would be refused, and says why in words.
 */
export interface Access {
  /** Switches, set points and the publish panel: send commands to devices. */
  control: boolean;
  /** Arrange cards, rename, rooms, views, a settings file's layout: change the house's layout. */
  arrange: boolean;
  /** Why commands are not offered, or null when they are. */
  controlRefusal: string | null;
  /** Why the layout cannot be changed here, or null when it can. */
  arrangeRefusal: string | null;
}

export const READ_ONLY_REASON = 'This screen is read-only';
export const SIGNED_OUT_REASON = 'This screen is signed out';

const ROLE_WORDS: Record<Role, string> = { owner: 'owner', control: 'control', view: 'view' };

/** "Ann (owner)": who is signed in, as the page says it. */
export function describeAccount(name: string, role: Role): string {
  return `${name} (${ROLE_WORDS[role]})`;
}

/**
 * The rule: with no accounts (standalone or an open house) everything is allowed, as before
 * accounts; `owner` may do everything; `control` switches and sets but does not change the
 * layout; `view` watches only; a signed-out page nothing. A read-only screen (`?readonly=1`, a
 * read-only view) changes nothing whoever is signed in.
 */
export function accessOf(account: Account, readonly: boolean): Access {
  if (readonly) {
    return {
      control: false,
      arrange: false,
      controlRefusal: READ_ONLY_REASON,
      arrangeRefusal: READ_ONLY_REASON,
    };
  }
  switch (account.kind) {
    case 'standalone':
    case 'open':
      return { control: true, arrange: true, controlRefusal: null, arrangeRefusal: null };
    case 'signed-out':
      return {
        control: false,
        arrange: false,
        controlRefusal: SIGNED_OUT_REASON,
        arrangeRefusal: SIGNED_OUT_REASON,
      };
    case 'signed-in': {
      const who = describeAccount(account.name, account.role);
      const arrangeRefusal =
        account.role === 'owner'
          ? null
          : `Only an owner can change rooms, names and views; this screen is signed in as ${who}`;
      const controlRefusal =
        account.role === 'view'
          ? `This screen is signed in as ${who}: it shows everything but switches and sets nothing`
          : null;
      return {
        control: controlRefusal === null,
        arrange: arrangeRefusal === null,
        controlRefusal,
        arrangeRefusal,
      };
    }
  }
}

/** What the access selectors read of the store (a structural type: no import of the store). */
interface AccessInputs {
  account: Account;
  settings: { readonly: boolean };
}

export const selectMayControl = (s: AccessInputs): boolean =>
  accessOf(s.account, s.settings.readonly).control;
export const selectMayArrange = (s: AccessInputs): boolean =>
  accessOf(s.account, s.settings.readonly).arrange;
export const selectControlRefusal = (s: AccessInputs): string | null =>
  accessOf(s.account, s.settings.readonly).controlRefusal;
export const selectArrangeRefusal = (s: AccessInputs): string | null =>
  accessOf(s.account, s.settings.readonly).arrangeRefusal;
