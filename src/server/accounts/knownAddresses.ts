/** Addresses remembered per account as having signed in to it (the account-wide lock spares them). */
export const KNOWN_ADDRESSES_MAX = 50;

export interface KnownAddresses {
  /** Notes that `address` signed in to `name` (any case); past the limit, the longest unseen is forgotten. */
  remember(name: string, address: string): void;
  /**
   * The login throttle's key for `name` asked from `address`: the name itself for strangers, its
   * own per address that signed in to it before (named so in the log), so a stranger's guesses
   * lock the account for strangers, never for the tablet or device at its usual address.
   */
  throttleKey(name: string, address: string): string;
}

/** The addresses that signed in to each account, in memory: a restart forgets them. */
export function createKnownAddresses(max: number = KNOWN_ADDRESSES_MAX): KnownAddresses {
  const known = new Map<string, string[]>();
  return {
    remember(name, address) {
      const key = name.toLowerCase();
      const addresses = (known.get(key) ?? []).filter((each) => each !== address);
      addresses.push(address);
      known.set(key, addresses.slice(-max));
    },
    throttleKey: (name, address) =>
      known.get(name.toLowerCase())?.includes(address) ? `${name} (signs in from ${address})` : name,
  };
}
