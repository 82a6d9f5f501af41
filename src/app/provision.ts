import { parseSettingsFile, type Settings } from '../config/settings';

const PROVISION_TIMEOUT_MS = 5000;

/**
 * Provisions a tablet from `?config=<url>`: fetches an exported settings file and applies it
 * over `current` (the saved settings); the caller saves the result through the store. The
 * result says what happened in words.
 */
export async function provisionFromUrl(
  configUrl: string,
  current: Settings,
): Promise<{ ok: true; settings: Settings; message: string } | { ok: false; message: string }> {
  let url: URL;
  try {
    url = new URL(configUrl, window.location.href);
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
    return { ok: true, settings: parsed.settings, message: `Settings loaded from ${url.host}.` };
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
