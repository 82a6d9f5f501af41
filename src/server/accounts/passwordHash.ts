import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * scrypt's cost: N = 2^15, r = 8, p = 1 takes 32 MiB and a few tens of milliseconds per check,
 * OWASP's recommended floor for scrypt. The parameters travel in each stored hash, so raising
 * them later still verifies the old ones.
 */
const SCRYPT_COST = { N: 2 ** 15, r: 8, p: 1 } as const;
const SALT_BYTES = 16;
const KEY_BYTES = 32;

/** A new password: at least this many characters (Unicode code points)… */
export const PASSWORD_MIN_CHARACTERS = 8;
/** …and at most this many, so nobody hashes megabytes per login attempt. */
export const PASSWORD_MAX_CHARACTERS = 1024;

/**
 * The most a stored hash may ask of a check. The accounts file is read like untrusted input: a
 * hand-edited `N=2^30` would otherwise take gigabytes per login attempt.
 */
const STORED_N_MAX = 2 ** 20;
const STORED_R_MAX = 32;
const STORED_P_MAX = 16;
const STORED_BYTES_MIN = 16;
const STORED_BYTES_MAX = 64;

interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

interface StoredHash {
  cost: ScryptCost;
  salt: Buffer;
  key: Buffer;
}

/**
 * Hashes a password with scrypt and a fresh 16-byte salt into a self-describing string,
 * `scrypt$N=32768,r=8,p=1$<salt>$<key>` (base64 without padding, as PHC strings write it). The
 * password is normalised to Unicode NFC first, so the same word typed on two keyboards that
 * compose accents differently verifies.
 */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, SCRYPT_COST, KEY_BYTES);
  const { N, r, p } = SCRYPT_COST;
  return `scrypt$N=${N},r=${r},p=${p}$${base64(salt)}$${base64(key)}`;
}

/**
 * Whether `password` is the one `stored` was made from, compared in constant time. False, never
 * an exception, for a stored string that is not a hash this file writes (or asks for more memory
 * than a check may take) and for a password longer than any a person could have set.
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseStoredHash(stored);
  if (!parsed || countCharacters(password) > PASSWORD_MAX_CHARACTERS) return false;
  const key = await derive(password, parsed.salt, parsed.cost, parsed.key.length);
  return timingSafeEqual(key, parsed.key);
}

/**
 * Costs what `verifyPassword` costs and answers false: a login with an unknown name calls it so
 * that its answer takes as long as a wrong password's, and the timing does not tell which names
 * exist.
 */
export async function verifyAgainstNoAccount(password: string): Promise<false> {
  await derive(password.slice(0, PASSWORD_MAX_CHARACTERS), NO_ACCOUNT_SALT, SCRYPT_COST, KEY_BYTES);
  return false;
}

const NO_ACCOUNT_SALT = randomBytes(SALT_BYTES);

/** Whether `stored` is a hash `verifyPassword` can check: the accounts file validates with it. */
export function isPasswordHash(stored: string): boolean {
  return parseStoredHash(stored) !== null;
}

/**
 * The password policy for a new or changed password: null when it is acceptable, else what is
 * wrong in words for the person choosing it. Length is counted in characters (code points), not
 * bytes, so an accented or non-Latin password is not penalised.
 */
export function checkNewPassword(password: string): string | null {
  const characters = countCharacters(password);
  if (password.trim() === '')
    return 'The password is empty or only spaces; choose one with letters or digits.';
  if (characters < PASSWORD_MIN_CHARACTERS)
    return `The password has ${characters} character${characters === 1 ? '' : 's'}; choose one of at least ${PASSWORD_MIN_CHARACTERS}.`;
  if (characters > PASSWORD_MAX_CHARACTERS)
    return `The password has ${characters} characters; choose one of at most ${PASSWORD_MAX_CHARACTERS}.`;
  return null;
}

function countCharacters(text: string): number {
  return [...text].length;
}

const STORED_HASH = /^scrypt\$N=(\d{1,8}),r=(\d{1,3}),p=(\d{1,3})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

function parseStoredHash(stored: string): StoredHash | null {
  const match = STORED_HASH.exec(stored);
  if (!match) return null;
  const [, n, r, p, salt, key] = match;
  const cost = { N: Number(n), r: Number(r), p: Number(p) };
  const powerOfTwo = cost.N >= 2 && (cost.N & (cost.N - 1)) === 0;
  if (!powerOfTwo || cost.N > STORED_N_MAX) return null;
  if (cost.r < 1 || cost.r > STORED_R_MAX || cost.p < 1 || cost.p > STORED_P_MAX) return null;
  const saltBytes = fromBase64(salt ?? '');
  const keyBytes = fromBase64(key ?? '');
  if (!saltBytes || !keyBytes) return null;
  if (saltBytes.length < STORED_BYTES_MIN || saltBytes.length > STORED_BYTES_MAX) return null;
  if (keyBytes.length < STORED_BYTES_MIN || keyBytes.length > STORED_BYTES_MAX) return null;
  return { cost, salt: saltBytes, key: keyBytes };
}

function derive(password: string, salt: Buffer, cost: ScryptCost, keyBytes: number): Promise<Buffer> {
  const options: ScryptOptions = {
    ...cost,
    // OpenSSL refuses when scrypt's working memory (128·r·(N + p + 2) bytes) exceeds maxmem,
    // whose default of 32 MiB is just under what N = 2^15, r = 8 takes.
    maxmem: 128 * cost.r * (cost.N + cost.p + 2) + 1024 * 1024,
  };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, keyBytes, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

function base64(bytes: Buffer): string {
  return bytes.toString('base64').replace(/=+$/, '');
}

/** Strict: Buffer.from skips characters it does not know, so a round trip must give the text back. */
function fromBase64(text: string): Buffer | null {
  const bytes = Buffer.from(text, 'base64');
  return base64(bytes) === text ? bytes : null;
}
