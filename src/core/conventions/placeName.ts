import { LAYOUT_LIMITS } from '../layout';

/**
 * A room or floor name a device announces over the network (Home Assistant `suggested_area`, a
 * HomeSeer location, a topic level): it becomes a section heading and, once the user keeps it, a
 * room's name, so it must be one a room could have. Longer than a room name may be, or holding a
 * control character (a line break, an escape), it is no name but a mistake or an attack.
 */
export const PLACE_NAME_MAX_CHARS = LAYOUT_LIMITS.nameChars;

/** The name trimmed, or null when it is not text, empty, too long or holds control characters. */
export function readPlaceName(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const name = raw.trim();
  if (name.length === 0 || name.length > PLACE_NAME_MAX_CHARS) return null;
  for (let i = 0; i < name.length; i++) if (isControl(name.charCodeAt(i))) return null;
  return name;
}

/** C0 controls, DEL and C1 controls; a replacement character is a payload that was not text. */
function isControl(code: number): boolean {
  return code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0xfffd;
}
