import { type CustomPattern, compilePattern } from '../core/conventions/customPattern';
import { savedDeviceKey } from '../core/device';
import { isQuantityId, quantityOf, quantityOfName, type UnitPreferences } from '../core/quantity';
import { checkRule, type ThresholdRule } from '../core/thresholds';
import { checkFilter, normalizeFilters } from '../core/topic';
import { parsePrecisionChoices, parseUnitPreferences, parseUnitSystem } from './unitSettings';

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
  /** No controls and no publishing: for wall tablets in public places. */
  readonly: boolean;
  /** The user's own topic patterns for installs no convention describes. */
  customPatterns: CustomPattern[];
  /** Threshold alert rules ("kitchen temperature above 28 °C"). */
  rules: ThresholdRule[];
  /** Saved broker profiles; the connection fields above are the active one. */
  profiles: BrokerProfile[];
  /** The unit system, and a unit per quantity on top of it (see unitSettings.ts). */
  units: UnitPreferences;
  /** Decimals per reading, keyed by `precisionKey(device key, metric name)`; absent: automatic. */
  precision: Record<string, number>;
  /** Light, dark, or whatever the system says (live): per screen, never on the server. */
  theme: Theme;
  /** Room ids whose section is folded on this screen (per screen: a phone folds, a tablet not). */
  collapsedRooms: string[];
}

export type Theme = 'system' | 'light' | 'dark';
/** A screen folds at most this many rooms; more is a saved list gone wrong, not a house. */
export const COLLAPSED_ROOMS_MAX = 500;

/** A named broker to switch to: its URL, credentials, subscriptions and patterns. */
export interface BrokerProfile {
  name: string;
  brokerUrl: string | null;
  username: string;
  password: string;
  rememberPassword: boolean;
  topics: string[];
  customPatterns: CustomPattern[];
}

/** Dims the screen at night: on a schedule, or when a brightness sensor reads dark. */
export interface NightDim {
  mode: 'off' | 'schedule' | 'sensor';
  /** Local time "HH:MM" the dim starts and ends (the span may cross midnight). */
  from: string;
  to: string;
  /** The key of the device whose illuminance decides, in sensor mode. */
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
  readonly: false,
  customPatterns: [],
  rules: [],
  profiles: [],
  units: { system: 'metric', perQuantity: {} },
  precision: {},
  theme: 'system',
  collapsedRooms: [],
};

/** Also read by public/theme-boot.js, which applies the theme before the first paint. */
const SETTINGS_STORAGE_KEY = 'hearth.settings.v1';
export const STALE_AFTER_MIN_SEC = 1;
export const STALE_AFTER_MAX_SEC = 7 * 24 * 3600;

/**
 * Settings come in two layers: what the user saved on this device, and what this visit's URL
 * fixes (`?kiosk=1`). The URL wins for the visit but is never saved, so a link with parameters
 * does not change the next visit without them.
 */
export interface SettingsLayers {
  /** Defaults, then what localStorage holds: the only layer that is ever written back. */
  saved: Settings;
  /** Settings the URL fixed for this visit. */
  urlOverrides: Partial<Settings>;
  /**
   * What the open view (`?view=`) forces on this screen: read-only, big values. Wins over both
   * layers, never saved: a user's change in the dialog does not undo what the view asks.
   */
  viewOverrides?: Partial<Settings>;
}

export interface LoadedSettings extends SettingsLayers {
  /** What applies now: the saved settings with the URL's on top. */
  settings: Settings;
  /** Parts of the URL or the saved settings that were ignored, in words. */
  problems: string[];
}

/** Reads settings: defaults, then what localStorage holds, then URL parameters, which win. */
export function loadSettings(search: string, storedText: string | null): LoadedSettings {
  const problems: string[] = [];
  let saved: Settings = { ...DEFAULT_SETTINGS };
  if (storedText !== null) {
    const parsed = parseStored(storedText);
    if (parsed === null) problems.push('saved settings were unreadable and have been reset');
    else saved = { ...saved, ...parsed };
  }
  const urlOverrides: Partial<Settings> = {};
  const params = new URLSearchParams(search);
  const broker = params.get('broker');
  if (broker !== null && broker.trim() !== '') urlOverrides.brokerUrl = broker.trim();
  const topics = params.get('topics');
  if (topics !== null) {
    const parsed = parseTopics(topics);
    problems.push(...parsed.problems.map((p) => `?topics: ${p}`));
    if (parsed.topics.length > 0) urlOverrides.topics = parsed.topics;
  }
  const kiosk = params.get('kiosk');
  if (kiosk !== null) urlOverrides.kiosk = isTrue(kiosk);
  const readonly = params.get('readonly');
  if (readonly !== null) urlOverrides.readonly = isTrue(readonly);
  const units = params.get('units');
  if (units !== null) {
    const system = parseUnitSystem(units);
    // A link decides every unit of its visit, so per-quantity choices saved here step aside.
    if (system === null) problems.push('?units must be metric or imperial');
    else urlOverrides.units = { system, perQuantity: {} };
  }
  const theme = params.get('theme');
  if (theme !== null) {
    if (isTheme(theme)) urlOverrides.theme = theme;
    else problems.push('?theme must be light, dark or system');
  }
  const staleAfter = params.get('staleAfter');
  if (staleAfter !== null) {
    const seconds = parseStaleAfter(staleAfter);
    if (seconds === null) {
      problems.push(
        `?staleAfter must be a number of seconds between ${STALE_AFTER_MIN_SEC} and ${STALE_AFTER_MAX_SEC}`,
      );
    } else {
      urlOverrides.staleAfterSec = seconds;
    }
  }
  return { saved, urlOverrides, settings: effectiveSettings({ saved, urlOverrides }), problems };
}

/** The settings that apply: the saved ones with this visit's URL overrides, then the view's, on top. */
export function effectiveSettings(layers: SettingsLayers): Settings {
  return { ...layers.saved, ...layers.urlOverrides, ...layers.viewOverrides };
}

/**
 * Where a settings change comes from. `dialog`: the user edited the settings that apply; the
 * fields they changed are saved and also beat the URL for the rest of the visit, the fields they
 * left alone are not saved (so a URL-only value never is). `file`: a provisioned or imported
 * settings file; all its fields are saved, and the URL still wins for this visit.
 */
export type SettingsChangeOrigin = 'dialog' | 'file';

/**
 * The layers after a change: `next` is the settings the dialog submitted (compared field by
 * field with what applied) or the settings a file holds.
 */
export function changeSettings(
  layers: SettingsLayers,
  next: Partial<Settings>,
  origin: SettingsChangeOrigin,
): SettingsLayers {
  if (origin === 'file') return { ...layers, saved: { ...layers.saved, ...next } };
  const current = effectiveSettings(layers);
  const changed: Partial<Settings> = {};
  const urlOverrides: Partial<Settings> = { ...layers.urlOverrides };
  for (const key of Object.keys(next) as Array<keyof Settings>) {
    if (sameValue(next[key], current[key])) continue;
    Object.assign(changed, { [key]: next[key] });
    delete urlOverrides[key];
  }
  // Credentials belong to the broker they were typed for: saved together with it, or a password
  // typed for a link's broker would go to the saved broker on the next plain visit.
  if (CONNECTION_FIELDS.some((key) => key in changed)) {
    for (const key of CONNECTION_FIELDS) {
      Object.assign(changed, { [key]: key in next ? next[key] : current[key] });
      delete urlOverrides[key];
    }
  }
  return { ...layers, saved: { ...layers.saved, ...changed }, urlOverrides };
}

/** The fields that say where the dashboard connects and as whom. */
const CONNECTION_FIELDS = ['brokerUrl', 'username', 'password'] as const satisfies ReadonlyArray<
  keyof Settings
>;

/** Settings are plain JSON data, so equal JSON means the user left the field alone. */
function sameValue(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

export function isTheme(value: unknown): value is Theme {
  return value === 'system' || value === 'light' || value === 'dark';
}

/** Saved folded rooms: ids as strings, no repeats, at most COLLAPSED_ROOMS_MAX. */
function parseCollapsedRooms(raw: readonly unknown[]): string[] {
  const ids = raw.filter((id): id is string => typeof id === 'string' && id !== '' && id.length <= 200);
  return [...new Set(ids)].slice(0, COLLAPSED_ROOMS_MAX);
}

function isTrue(text: string): boolean {
  return text === '' || text === '1' || text.toLowerCase() === 'true' || text.toLowerCase() === 'yes';
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
export function serializeSettings(settings: Settings, includePasswords = false): string {
  return JSON.stringify(withoutSecrets(settings, includePasswords));
}

/** Settings with passwords removed unless remembered (or all kept when asked for an export). */
function withoutSecrets(settings: Settings, includePasswords: boolean): Partial<Settings> {
  const keep = (remember: boolean) => includePasswords || remember;
  const { password, ...rest } = settings;
  const profiles = settings.profiles.map((p) => (keep(p.rememberPassword) ? p : { ...p, password: '' }));
  return keep(settings.rememberPassword) ? { ...rest, password, profiles } : { ...rest, profiles };
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
  if (typeof r.readonly === 'boolean') out.readonly = r.readonly;
  if (Array.isArray(r.customPatterns)) out.customPatterns = parsePatterns(r.customPatterns);
  if (Array.isArray(r.rules)) out.rules = parseRules(r.rules);
  if (Array.isArray(r.profiles)) out.profiles = parseProfiles(r.profiles);
  if (typeof r.chime === 'boolean') out.chime = r.chime;
  if (typeof r.notify === 'boolean') out.notify = r.notify;
  const units = parseUnitPreferences(r.units);
  if (units !== null) out.units = units;
  const precision = parsePrecisionChoices(r.precision);
  if (precision !== null) out.precision = precision;
  const nightDim = parseNightDim(r.nightDim);
  if (nightDim !== null) out.nightDim = nightDim;
  if (isTheme(r.theme)) out.theme = r.theme;
  if (Array.isArray(r.collapsedRooms)) out.collapsedRooms = parseCollapsedRooms(r.collapsedRooms);
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
  // A device key; a native id saved before keys names a generic device.
  const sensorDevice =
    typeof r.sensorDevice === 'string' && r.sensorDevice.trim() !== ''
      ? savedDeviceKey(r.sensorDevice.trim())
      : d.sensorDevice;
  const lux =
    typeof r.darkBelowLux === 'number' && Number.isFinite(r.darkBelowLux) ? r.darkBelowLux : d.darkBelowLux;
  const level = typeof r.level === 'number' && r.level >= 0.1 && r.level <= 1 ? r.level : d.level;
  return { mode, from, to, sensorDevice, darkBelowLux: lux, level };
}

/**
 * Writes the saved layer to localStorage; false when the browser refuses (private mode, full
 * quota). Only the store's `updateSettings` calls it, so URL overrides never reach storage.
 */
export function saveSettings(saved: Settings): boolean {
  try {
    localStorage.setItem(SETTINGS_STORAGE_KEY, serializeSettings(saved));
    return true;
  } catch {
    return false;
  }
}

/** What localStorage holds under our key, or null (nothing saved, or storage refused). */
export function readSavedSettings(): string | null {
  try {
    return localStorage.getItem(SETTINGS_STORAGE_KEY);
  } catch {
    return null;
  }
}

/** Custom patterns from stored or imported JSON; ones that do not compile are dropped. */
export function parsePatterns(raw: readonly unknown[]): CustomPattern[] {
  const out: CustomPattern[] = [];
  for (const item of raw) {
    if (item === null || typeof item !== 'object') continue;
    const r = item as Record<string, unknown>;
    if (typeof r.pattern !== 'string') continue;
    const pattern: CustomPattern = { pattern: r.pattern };
    if (typeof r.valuePath === 'string' && r.valuePath !== '') pattern.valuePath = r.valuePath;
    if (typeof r.unit === 'string' && r.unit !== '') pattern.unit = r.unit;
    if (r.convention === 'homeseer' || r.convention === 'custom') pattern.convention = r.convention;
    if (compilePattern(pattern).ok) out.push(pattern);
  }
  return out;
}

/** Threshold rules from stored or imported JSON; invalid ones are dropped. */
export function parseRules(raw: readonly unknown[]): ThresholdRule[] {
  const out: ThresholdRule[] = [];
  for (const item of raw) {
    if (item === null || typeof item !== 'object') continue;
    const r = item as Record<string, unknown>;
    const metric = typeof r.metric === 'string' ? r.metric : '';
    // Rules saved before quantities named a metric ('temperature') and had no unit: the quantity
    // that name stands for, compared in its canonical unit (what values were held in then).
    const quantity =
      typeof r.quantity === 'string' && isQuantityId(r.quantity)
        ? r.quantity
        : r.quantity === null
          ? null
          : quantityOfName(metric);
    const rule: ThresholdRule = {
      id: typeof r.id === 'string' && r.id !== '' ? r.id : `rule-${out.length + 1}`,
      quantity,
      metric: quantity === null ? metric : '',
      device: typeof r.device === 'string' && r.device !== '' ? savedDeviceKey(r.device) : null,
      direction: r.direction === 'below' ? 'below' : 'above',
      limit: typeof r.limit === 'number' ? r.limit : Number.NaN,
      hysteresis: typeof r.hysteresis === 'number' ? r.hysteresis : 0,
      unit: typeof r.unit === 'string' ? r.unit : quantity === null ? '' : (quantityOf(quantity)?.unit ?? ''),
      minDurationMs: typeof r.minDurationMs === 'number' ? r.minDurationMs : 0,
    };
    if (checkRule(rule).ok) out.push(rule);
  }
  return out;
}

/** Broker profiles from stored or imported JSON. */
export function parseProfiles(raw: readonly unknown[]): BrokerProfile[] {
  const out: BrokerProfile[] = [];
  for (const item of raw) {
    if (item === null || typeof item !== 'object') continue;
    const r = item as Record<string, unknown>;
    if (typeof r.name !== 'string' || r.name.trim() === '') continue;
    const topics = Array.isArray(r.topics)
      ? parseTopics(r.topics.filter((t): t is string => typeof t === 'string').join(',')).topics
      : [];
    out.push({
      name: r.name.trim(),
      brokerUrl: typeof r.brokerUrl === 'string' && r.brokerUrl !== '' ? r.brokerUrl : null,
      username: typeof r.username === 'string' ? r.username : '',
      password: typeof r.password === 'string' ? r.password : '',
      rememberPassword: r.rememberPassword === true,
      topics: topics.length > 0 ? topics : [...DEFAULT_SETTINGS.topics],
      customPatterns: Array.isArray(r.customPatterns) ? parsePatterns(r.customPatterns) : [],
    });
  }
  return out;
}

/**
 * Reads an exported or provisioned settings file (JSON). Returns the settings to apply over
 * `current` and the fields the file itself holds, or the reason the file is not one of ours.
 */
export function parseSettingsFile(
  text: string,
  current: Settings,
): { ok: true; settings: Settings; fields: Partial<Settings> } | { ok: false; reason: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'the file is not JSON' };
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { ok: false, reason: 'the file does not hold Hearth settings' };
  }
  const parsed = parseStored(text);
  if (parsed === null) return { ok: false, reason: 'the file does not hold Hearth settings' };
  const r = raw as Record<string, unknown>;
  // A password in the file counts even without "remember": the user chose to export it.
  if (typeof r.password === 'string') parsed.password = r.password;
  return { ok: true, settings: { ...current, ...parsed }, fields: parsed };
}

/** Makes a profile the active connection. */
export function activateProfile(settings: Settings, profile: BrokerProfile): Settings {
  return { ...settings, ...pickProfile(profile) };
}

/** The active connection as a profile named `name` (replacing one of that name). */
export function saveProfile(settings: Settings, name: string): Settings {
  const profile: BrokerProfile = { name, ...pickProfile(settings) };
  return { ...settings, profiles: [...settings.profiles.filter((p) => p.name !== name), profile] };
}

function pickProfile(source: Omit<BrokerProfile, 'name'>): Omit<BrokerProfile, 'name'> {
  return {
    brokerUrl: source.brokerUrl,
    username: source.username,
    password: source.password,
    rememberPassword: source.rememberPassword,
    topics: [...source.topics],
    customPatterns: [...source.customPatterns],
  };
}
