import { checkFilter, normalizeFilters } from '../core/topic';

/** What the user chose: where the broker is and what to listen to. */
export interface Settings {
  /** null: the page's own origin at /mqtt. */
  brokerUrl: string | null;
  username: string;
  password: string;
  /** Only then is the password written to localStorage. */
  rememberPassword: boolean;
  topics: string[];
  staleAfterSec: number;
  /** Wall-tablet layout: big values, no settings chrome, screen kept on. */
  kiosk: boolean;
  /** A short chime when a new alert is raised. */
  chime: boolean;
  /** A system notification for a new alert, where the browser allows it. */
  notify: boolean;
  nightDim: NightDim;
}

/** Dims the screen at night: on a schedule, or when a brightness sensor reads dark. */
export interface NightDim {
  mode: 'off' | 'schedule' | 'sensor';
  /** Local time "HH:MM" the dim starts and ends (the span may cross midnight). */
  from: string;
  to: string;
  /** Device whose brightness decides, in sensor mode. */
  sensorDevice: string;
  /** Below this many lux it is night. */
  darkBelowLux: number;
  /** Screen brightness while dimmed, 0.1 to 1. */
  level: number;
}

export const DEFAULT_SETTINGS: Settings = {
  brokerUrl: null,
  username: '',
  password: '',
  rememberPassword: false,
  topics: ['house/#'],
  staleAfterSec: 60,
  kiosk: false,
  chime: true,
  notify: false,
  nightDim: { mode: 'off', from: '22:00', to: '06:30', sensorDevice: '', darkBelowLux: 5, level: 0.35 },
};

export const SETTINGS_STORAGE_KEY = 'hearth.settings.v1';
export const STALE_AFTER_MIN_SEC = 1;
export const STALE_AFTER_MAX_SEC = 7 * 24 * 3600;

export interface LoadedSettings {
  settings: Settings;
  /** Parts of the URL or the saved settings that were ignored, in words. */
  problems: string[];
  /** Which settings the URL fixed (they win over saved ones and are not saved back). */
  fromUrl: ReadonlyArray<keyof Settings>;
}

/** Reads settings: defaults, then what localStorage holds, then URL parameters, which win. */
export function loadSettings(search: string, stored: string | null): LoadedSettings {
  const problems: string[] = [];
  const fromUrl: Array<keyof Settings> = [];
  let settings: Settings = { ...DEFAULT_SETTINGS };
  if (stored !== null) {
    const saved = parseStored(stored);
    if (saved === null) problems.push('saved settings were unreadable and have been reset');
    else settings = { ...settings, ...saved };
  }
  const params = new URLSearchParams(search);
  const broker = params.get('broker');
  if (broker !== null && broker.trim() !== '') {
    settings.brokerUrl = broker.trim();
    fromUrl.push('brokerUrl');
  }
  const topics = params.get('topics');
  if (topics !== null) {
    const parsed = parseTopics(topics);
    problems.push(...parsed.problems.map((p) => `?topics: ${p}`));
    if (parsed.topics.length > 0) {
      settings.topics = parsed.topics;
      fromUrl.push('topics');
    }
  }
  const kiosk = params.get('kiosk');
  if (kiosk !== null) {
    settings.kiosk = kiosk === '' || kiosk === '1' || kiosk === 'true';
    fromUrl.push('kiosk');
  }
  const staleAfter = params.get('staleAfter');
  if (staleAfter !== null) {
    const seconds = parseStaleAfter(staleAfter);
    if (seconds === null) {
      problems.push(
        `?staleAfter must be a number of seconds between ${STALE_AFTER_MIN_SEC} and ${STALE_AFTER_MAX_SEC}`,
      );
    } else {
      settings.staleAfterSec = seconds;
      fromUrl.push('staleAfterSec');
    }
  }
  return { settings, problems, fromUrl };
}

/** Splits comma-separated filters, keeping the valid ones and naming the rest. */
export function parseTopics(text: string): { topics: string[]; problems: string[] } {
  const problems: string[] = [];
  const valid: string[] = [];
  for (const raw of text.split(',')) {
    const filter = raw.trim();
    if (filter === '') continue;
    const check = checkFilter(filter);
    if (check.ok) valid.push(filter);
    else problems.push(check.reason);
  }
  return { topics: normalizeFilters(valid), problems };
}

export function parseStaleAfter(text: string): number | null {
  const seconds = Number(text.trim());
  if (text.trim() === '' || !Number.isFinite(seconds)) return null;
  if (seconds < STALE_AFTER_MIN_SEC || seconds > STALE_AFTER_MAX_SEC) return null;
  return seconds;
}

/** The JSON written to localStorage: never the password unless the user asked for it. */
export function serializeSettings(settings: Settings): string {
  const { password, ...rest } = settings;
  return JSON.stringify(settings.rememberPassword ? { ...rest, password } : rest);
}

function parseStored(text: string): Partial<Settings> | null {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  if (raw === null || typeof raw !== 'object') return null;
  const r = raw as Record<string, unknown>;
  const out: Partial<Settings> = {};
  if (typeof r.brokerUrl === 'string' || r.brokerUrl === null) out.brokerUrl = r.brokerUrl;
  if (typeof r.username === 'string') out.username = r.username;
  if (typeof r.rememberPassword === 'boolean') out.rememberPassword = r.rememberPassword;
  if (out.rememberPassword === true && typeof r.password === 'string') out.password = r.password;
  if (Array.isArray(r.topics)) {
    const topics = parseTopics(r.topics.filter((t): t is string => typeof t === 'string').join(',')).topics;
    if (topics.length > 0) out.topics = topics;
  }
  if (typeof r.kiosk === 'boolean') out.kiosk = r.kiosk;
  if (typeof r.chime === 'boolean') out.chime = r.chime;
  if (typeof r.notify === 'boolean') out.notify = r.notify;
  const nightDim = parseNightDim(r.nightDim);
  if (nightDim !== null) out.nightDim = nightDim;
  if (typeof r.staleAfterSec === 'number') {
    const seconds = parseStaleAfter(String(r.staleAfterSec));
    if (seconds !== null) out.staleAfterSec = seconds;
  }
  return out;
}

const CLOCK_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** A saved night-dim setting, or null when it is not one. */
export function parseNightDim(raw: unknown): NightDim | null {
  if (raw === null || typeof raw !== 'object') return null;
  const r = raw as Record<string, unknown>;
  const d = DEFAULT_SETTINGS.nightDim;
  const mode = r.mode === 'schedule' || r.mode === 'sensor' || r.mode === 'off' ? r.mode : d.mode;
  const from = typeof r.from === 'string' && CLOCK_TIME.test(r.from) ? r.from : d.from;
  const to = typeof r.to === 'string' && CLOCK_TIME.test(r.to) ? r.to : d.to;
  const sensorDevice = typeof r.sensorDevice === 'string' ? r.sensorDevice : d.sensorDevice;
  const lux =
    typeof r.darkBelowLux === 'number' && Number.isFinite(r.darkBelowLux) ? r.darkBelowLux : d.darkBelowLux;
  const level = typeof r.level === 'number' && r.level >= 0.1 && r.level <= 1 ? r.level : d.level;
  return { mode, from, to, sensorDevice, darkBelowLux: lux, level };
}

/** Writes settings to localStorage; false when the browser refuses (private mode, full quota). */
export function saveSettings(settings: Settings): boolean {
  try {
    localStorage.setItem(SETTINGS_STORAGE_KEY, serializeSettings(settings));
    return true;
  } catch {
    return false;
  }
}
