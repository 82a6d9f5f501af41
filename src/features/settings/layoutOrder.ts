/**
 * Stored floors, rooms and views as the house orders them: by `position`, ties by id (as the core
 * orders them everywhere), so the settings list reads in the same order as the grid and the picker.
 */
export function byPosition<T extends { position: number }>(
  record: Readonly<Record<string, T>>,
): Array<[string, T]> {
  return Object.entries(record).sort(([aId, a], [bId, b]) =>
    a.position !== b.position ? a.position - b.position : aId < bId ? -1 : aId > bId ? 1 : 0,
  );
}

/**
 * A name for the copy of a view that no view has yet (names are unique without case):
 * "Hall copy", then "Hall copy 2", "Hall copy 3"…
 */
export function copyName(name: string, taken: Iterable<string>): string {
  const used = new Set([...taken].map((n) => n.toLowerCase()));
  const base = `${name} copy`;
  if (!used.has(base.toLowerCase())) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base} ${n}`;
    if (!used.has(candidate.toLowerCase())) return candidate;
  }
}

/** The address that opens a view on any screen: this page's origin and path with `?view=<name>`. */
export function viewLink(location: Pick<Location, 'origin' | 'pathname'>, name: string): string {
  return `${location.origin}${location.pathname}?view=${encodeURIComponent(name)}`;
}

/**
 * Where a removed room's devices go, in words for its confirmation: devices that announce
 * another room go there, the rest to "Other".
 */
export function roomRemovalWords(roomName: string, deviceCount: number, announcingElsewhere: number): string {
  if (deviceCount === 0) return `Delete “${roomName}”? It has no devices.`;
  const one = deviceCount === 1;
  const devices = one ? 'Its device goes' : `Its ${deviceCount} devices go`;
  if (announcingElsewhere === 0) return `Delete “${roomName}”? ${devices} to Other.`;
  return `Delete “${roomName}”? ${devices} to the room ${one ? 'it announces' : 'each announces'}, else to Other.`;
}
