import type { Checked } from './commandLine.ts';

/**
 * The command-line values of the recorder and of an external broker: where history is kept, for
 * how long, and which broker to record from. Each check returns a one-line reason that names
 * where the value came from and never repeats a password.
 */

const HOUR_MS = 3600_000;
const DURATION_UNITS_MS: Readonly<Record<string, number>> = {
  h: HOUR_MS,
  d: 24 * HOUR_MS,
  w: 7 * 24 * HOUR_MS,
  // A calendar year is 365 or 366 days; retention needs no leap-day precision.
  y: 365 * 24 * HOUR_MS,
};
/** Keeping a tier for less than an hour would delete readings before they are rolled up. */
const DURATION_MIN_MS = HOUR_MS;

/** A retention: `36h`, `10d`, `52w`, `1y`, or `forever` (null), in ms. */
export function checkDuration(text: string, source: string): Checked<number | null> {
  const trimmed = text.trim().toLowerCase();
  if (trimmed === 'forever') return { ok: true, value: null };
  const match = /^(\d{1,6})\s*([hdwy])$/.exec(trimmed);
  const unitMs = match ? DURATION_UNITS_MS[match[2] ?? ''] : undefined;
  const ms = match && unitMs ? Number(match[1]) * unitMs : Number.NaN;
  if (Number.isFinite(ms) && ms >= DURATION_MIN_MS) return { ok: true, value: ms };
  return {
    ok: false,
    reason: `${source} must be a duration of at least an hour like 36h, 10d, 52w or 1y, or forever (got '${text}').`,
  };
}

/** Where history is kept: a SQLite file, or a PostgreSQL server. */
export type DatabaseTarget = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

/** `postgres://…`, `postgresql://…`, or `sqlite:PATH`. */
export function checkDatabase(text: string, source: string): Checked<DatabaseTarget> {
  const trimmed = text.trim();
  if (/^sqlite:/i.test(trimmed)) {
    const filePath = trimmed.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (filePath !== '') return { ok: true, value: { kind: 'sqlite', path: filePath } };
    return { ok: false, reason: `${source} needs a file after sqlite:, like sqlite:data/hearth.db.` };
  }
  if (/^postgres(ql)?:\/\//i.test(trimmed)) {
    const url = parseUrl(trimmed);
    if (url && url.hostname !== '') return { ok: true, value: { kind: 'postgres', url: trimmed } };
  }
  return {
    ok: false,
    reason: `${source} must be postgres://user:password@host:port/database or sqlite:FILE (got '${maskPassword(trimmed)}').`,
  };
}

/** An MQTT broker to record from: `mqtt://host[:port]` or `mqtts://host[:port]`. */
export function checkBrokerUrl(text: string, source: string): Checked<string> {
  const trimmed = text.trim();
  const url = /^mqtts?:\/\//i.test(trimmed) ? parseUrl(trimmed) : null;
  if (url && url.hostname !== '' && (url.pathname === '' || url.pathname === '/'))
    return { ok: true, value: trimmed };
  return {
    ok: false,
    reason: `${source} must be mqtt://host[:port] or mqtts://host[:port] (got '${maskPassword(trimmed)}').`,
  };
}

/** The WebSocket URL dashboards use for an external broker: `ws://…` or `wss://…`. */
export function checkBrokerWsUrl(text: string, source: string): Checked<string> {
  const trimmed = text.trim();
  const url = /^wss?:\/\//i.test(trimmed) ? parseUrl(trimmed) : null;
  if (url && url.hostname !== '' && url.username === '' && url.password === '')
    return { ok: true, value: trimmed };
  return {
    ok: false,
    reason: `${source} must be a ws:// or wss:// URL without credentials, like wss://broker.example.com:8084/mqtt (got '${maskPassword(trimmed)}').`,
  };
}

/** The URL with any password replaced by `***`, for messages and logs. */
export function maskPassword(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/@:]*:)[^/@]*@/i, '$1***@');
}

/** For the summary line: `SQLite data/hearth.db`, `PostgreSQL db.local:5432/hearth`. */
export function describeDatabase(target: DatabaseTarget): string {
  if (target.kind === 'sqlite') return `SQLite ${target.path}`;
  const url = parseUrl(target.url);
  if (!url) return 'PostgreSQL';
  const database = decodeURIComponent(url.pathname.replace(/^\//, '')) || 'postgres';
  return `PostgreSQL ${url.hostname}:${url.port || '5432'}/${database}`;
}

function parseUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}
