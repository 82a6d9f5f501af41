import { type PageLocation, settingsFromFile } from '../config/credentials';
import { parseSettingsFile, type Settings } from '../config/settings';

const PROVISION_TIMEOUT_MS = 5000;

/** A settings file fetched for `?config=`, not yet applied. */
export interface FetchedConfig {
  /** Where it came from, for the user to judge (`https://setup.example`). */
  origin: string;
  /** False when another site served it: it is shown and applied only if the user confirms. */
  sameOrigin: boolean;
  /** The fields the file holds. */
  fields: Partial<Settings>;
  /** What applying it over `saved` makes (credentials kept to their broker, see settingsFromFile). */
  settingsOver(saved: Settings): Settings;
}

/**
 * Fetches `?config=<url>`: an exported settings file for provisioning a tablet. It applies
 * nothing; the caller saves a same-origin file at once and asks the user about a file from
 * another origin, since a link could otherwise make any site's broker this tablet's. The
 * failure says what happened in words.
 */
export async function provisionFromUrl(
  configUrl: string,
  current: Settings,
  page: PageLocation & { href: string; origin: string } = window.location,
): Promise<({ ok: true } & FetchedConfig) | { ok: false; message: string }> {
  let url: URL;
  try {
    url = new URL(configUrl, page.href);
  } catch {
    return { ok: false, message: `?config is not a URL: ${configUrl}` };
  }
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), PROVISION_TIMEOUT_MS);
  try {
    const response = await fetch(url, { signal: controller.signal, credentials: 'omit', cache: 'no-store' });
    if (!response.ok)
      return { ok: false, message: `Settings not loaded from ${url.href}: HTTP ${response.status}` };
    const parsed = parseSettingsFile(await response.text(), current);
    if (!parsed.ok) return { ok: false, message: `Settings not loaded from ${url.href}: ${parsed.reason}` };
    return {
      ok: true,
      origin: url.origin,
      sameOrigin: url.origin === page.origin,
      fields: parsed.fields,
      settingsOver: (saved) => settingsFromFile(saved, parsed.fields, page),
    };
  } catch (error) {
    const reason = controller.signal.aborted
      ? 'no answer within 5 s'
      : error instanceof Error
        ? error.message
        : 'network error';
    return { ok: false, message: `Settings not loaded from ${url.href}: ${reason}` };
  } finally {
    clearTimeout(timer);
  }
}
