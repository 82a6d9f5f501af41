/**
 * Who may use an MQTT client id. A client id is a session's name at the broker: connecting with
 * one another client holds knocks that client off, and with `clean: false` inherits its kept
 * session (its subscriptions and queued messages). So:
 * - a client id connected under another account is refused (nobody knocks a device off);
 * - a device's id is its own while the device's account exists: nobody else takes it, clean or
 *   not (its queued commands are its own);
 * - a person's kept session (`clean: false`) is not handed to a device;
 * - people may share ids among themselves (a shared tablet signed in as another person), since
 *   every person may read everything anyway.
 * Owners are named by key: `device:<name>`, `account:<name>`, `internal` or `open`.
 */

/** Client ids remembered with who last used them; past this the oldest is forgotten. */
export const CLIENT_ID_OWNERS_MAX = 10_000;

export interface ClientIdClaim {
  id: string;
  /** Who asks for it. */
  owner: string;
  /** The CONNECT's clean-session flag. */
  clean: boolean;
  /** Who holds it now, when a client with this id is connected. */
  connectedAs: string | undefined;
  /** Whether the account behind an owner key still exists (a removed device frees its ids). */
  exists: (owner: string) => boolean;
}

export interface ClientIds {
  claim(claim: ClientIdClaim): { ok: true } | { ok: false; reason: string };
}

export function createClientIds(max = CLIENT_ID_OWNERS_MAX): ClientIds {
  const owners = new Map<string, string>();
  const isDevice = (owner: string) => owner.startsWith('device:');
  const remember = (id: string, owner: string) => {
    owners.delete(id);
    owners.set(id, owner);
    if (owners.size > max) {
      const oldest = owners.keys().next().value;
      if (oldest !== undefined) owners.delete(oldest);
    }
  };
  return {
    claim({ id, owner, clean, connectedAs, exists }) {
      if (connectedAs !== undefined && connectedAs !== 'open' && connectedAs !== owner)
        return { ok: false, reason: 'it is in use by another account’s client' };
      const previous = owners.get(id);
      const other = previous !== undefined && previous !== owner && previous !== 'open' && exists(previous);
      if (other && isDevice(previous))
        return { ok: false, reason: `it is the client id of the device ${previous.slice('device:'.length)}` };
      if (other && isDevice(owner) && !clean)
        return { ok: false, reason: 'it has a session kept for a person; connect with a clean session' };
      if (isDevice(owner) || !clean) remember(id, owner);
      else if (previous !== undefined && !isDevice(previous)) owners.delete(id);
      return { ok: true };
    },
  };
}
