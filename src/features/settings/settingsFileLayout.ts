import type { HouseLayout, LayoutItem } from '../../core/layout';
import { layoutItems } from '../../core/layoutApply';
import { parseLayoutChange } from '../../core/layoutParse';

/**
 * A settings file's text with the house layout added (every item of it, as `layout`), so one
 * file sets up a new tablet or brings a house back, rooms, names and views included.
 */
export function withLayout(settingsJson: string, layout: HouseLayout): string {
  const settings = JSON.parse(settingsJson) as Record<string, unknown>;
  return JSON.stringify({ ...settings, layout: layoutItems(layout) }, null, 2);
}

/**
 * The layout a settings file holds: its items, checked as any change from outside is; null when
 * the file has none (it then leaves the house layout alone), or the reason it is not readable.
 */
export function layoutOfSettingsFile(
  text: string,
): { ok: true; items: LayoutItem[] | null } | { ok: false; reason: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'the file is not JSON' };
  }
  if (raw === null || typeof raw !== 'object' || !Object.hasOwn(raw, 'layout'))
    return { ok: true, items: null };
  const parsed = parseLayoutChange({ baseVersion: 0, items: (raw as { layout: unknown }).layout });
  if (!parsed.ok)
    return { ok: false, reason: `its rooms, names and views are not readable: ${parsed.reason}` };
  return { ok: true, items: parsed.change.items };
}
