import { brokerHost, isSameBroker, type PageLocation } from '../../config/credentials';
import type { Settings } from '../../config/settings';

/** One line of what a settings file would change: the setting and its new value, in words. */
export interface ConfigChange {
  setting: string;
  becomes: string;
}

const NAMES: Record<keyof Settings, string> = {
  brokerUrl: 'Broker',
  username: 'Username',
  password: 'Password',
  rememberPassword: 'Remember the password',
  topics: 'Subscriptions',
  staleAfterSec: 'Stale after',
  kiosk: 'Wall-tablet layout',
  chime: 'Alert chime',
  notify: 'Alert notifications',
  nightDim: 'Night dim',
  readonly: 'Read-only',
  customPatterns: 'Topic patterns',
  rules: 'Alert rules',
  profiles: 'Broker profiles',
  units: 'Units',
  precision: 'Decimals',
  theme: 'Theme',
  collapsedRooms: 'Folded rooms',
};

/**
 * What applying a settings file changes, for the user to read before saying yes: one line per
 * setting whose value differs from `saved`, the broker first. `next` is what applying makes
 * (see settingsFromFile), so the lines also say where the current credentials go. Values from
 * the file are returned as plain text, to be rendered as text.
 */
export function describeConfigChanges(saved: Settings, next: Settings, page: PageLocation): ConfigChange[] {
  const changes: ConfigChange[] = [];
  const brokerChanges = !isSameBroker(next.brokerUrl, saved.brokerUrl, page);
  if (brokerChanges) {
    changes.push({
      setting: NAMES.brokerUrl,
      becomes: `${brokerHost(next.brokerUrl, page)} (now ${brokerHost(saved.brokerUrl, page)})`,
    });
  }
  if (brokerChanges || next.username !== saved.username || next.password !== saved.password) {
    changes.push({ setting: 'Sign-in', becomes: describeSignIn(next, page) });
  }
  for (const key of Object.keys(NAMES) as Array<keyof Settings>) {
    if (key === 'brokerUrl' || key === 'username' || key === 'password') continue;
    if (JSON.stringify(next[key]) === JSON.stringify(saved[key])) continue;
    changes.push({ setting: NAMES[key], becomes: describeValue(next, key) });
  }
  return changes;
}

function describeSignIn(next: Settings, page: PageLocation): string {
  const host = brokerHost(next.brokerUrl, page);
  if (next.username === '' && next.password === '') return `none: connects to ${host} without a password`;
  if (next.username === '') return `a password from the file, for ${host} only`;
  return `as “${next.username}”${next.password === '' ? '' : ' with a password from the file'}, for ${host} only`;
}

function describeValue(next: Settings, key: keyof Settings): string {
  switch (key) {
    case 'topics':
      return next.topics.join(', ');
    case 'staleAfterSec':
      return `${next.staleAfterSec} s of silence`;
    case 'rememberPassword':
    case 'kiosk':
    case 'chime':
    case 'notify':
    case 'readonly':
      return next[key] ? 'on' : 'off';
    case 'nightDim':
      return next.nightDim.mode === 'off'
        ? 'off'
        : `${next.nightDim.mode}, ${next.nightDim.from}–${next.nightDim.to}`;
    case 'customPatterns':
      return count(next.customPatterns.length, 'pattern');
    case 'rules':
      return count(next.rules.length, 'rule');
    case 'profiles':
      return next.profiles.length === 0 ? 'none' : next.profiles.map((p) => `“${p.name}”`).join(', ');
    case 'units':
      return next.units.system;
    case 'precision':
      return count(Object.keys(next.precision).length, 'reading', 'with fixed decimals');
    case 'theme':
      return next.theme;
    case 'collapsedRooms':
      return count(next.collapsedRooms.length, 'room');
    case 'brokerUrl':
    case 'username':
    case 'password':
      return '';
  }
}

function count(n: number, noun: string, suffix = ''): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}${suffix === '' ? '' : ` ${suffix}`}`;
}
