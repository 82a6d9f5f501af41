import {
  type CredentialOwners,
  credentialsFor,
  isSameBroker,
  type PageLocation,
} from '../../config/credentials';
import {
  type NightDim,
  parseStaleAfter,
  parseTopics,
  type Settings,
  STALE_AFTER_MAX_SEC,
} from '../../config/settings';
import { checkBrokerUrl } from '../../core/connectionStatus';
import { compilePattern } from '../../core/conventions/customPattern';
import type { LayoutItem } from '../../core/layout';
import { checkRule } from '../../core/thresholds';

/** Settings as the form edits them: free text where the user types lists and numbers. */
export interface SettingsDraft extends Omit<Settings, 'topics' | 'staleAfterSec'> {
  topicsText: string;
  staleAfterText: string;
  /** The house layout of an imported settings file, put in place on Save (never a setting). */
  layoutImport?: LayoutItem[];
}

export function toDraft(settings: Settings): SettingsDraft {
  const { topics, staleAfterSec, ...rest } = settings;
  return { ...rest, topicsText: topics.join('\n'), staleAfterText: String(staleAfterSec) };
}

/** Checks the form; the problems name the field and what to do. */
export function fromDraft(
  draft: SettingsDraft,
  pageProtocol: string,
): { settings: Settings | null; problems: string[] } {
  const problems: string[] = [];
  const url = (draft.brokerUrl ?? '').trim();
  if (url !== '') {
    const check = checkBrokerUrl(url, pageProtocol);
    if (!check.ok) problems.push(`Broker URL: ${check.reason}`);
  }
  const topics = parseTopics(draft.topicsText.replaceAll('\n', ','));
  problems.push(...topics.problems.map((p) => `Subscriptions: ${p}`));
  if (topics.topics.length === 0) problems.push('Subscriptions: enter at least one filter, e.g. house/#');
  const staleAfterSec = parseStaleAfter(draft.staleAfterText);
  if (staleAfterSec === null)
    problems.push(`Stale after: a number of seconds from 1 to ${STALE_AFTER_MAX_SEC}`);
  if (draft.nightDim.mode === 'sensor' && draft.nightDim.sensorDevice.trim() === '') {
    problems.push('Night dim: choose the light sensor whose illuminance decides');
  }
  draft.customPatterns.forEach((pattern, i) => {
    const check = compilePattern(pattern);
    if (!check.ok) problems.push(`Pattern ${i + 1}: ${check.reason}`);
  });
  draft.rules.forEach((rule, i) => {
    const check = checkRule(rule);
    if (!check.ok) problems.push(`Alert rule ${i + 1}: ${check.reason}`);
  });
  if (problems.length > 0 || staleAfterSec === null) return { settings: null, problems };
  const { topicsText: _t, staleAfterText: _s, layoutImport: _l, ...rest } = draft;
  const nightDim: NightDim = { ...draft.nightDim, sensorDevice: draft.nightDim.sensorDevice.trim() };
  return {
    settings: {
      ...rest,
      brokerUrl: url === '' ? null : url,
      username: draft.username.trim(),
      topics: topics.topics,
      staleAfterSec,
      nightDim,
    },
    problems,
  };
}

/** What every settings tab receives: the draft and a way to change part of it. */
export interface SectionProps {
  draft: SettingsDraft;
  update: (patch: Partial<SettingsDraft>) => void;
}

/**
 * The draft's connection fields after the user edits the broker URL: the password does not
 * follow to another broker. It becomes the one saved for the new URL (the saved connection's or
 * a profile's), else empty for the user to type; the username stays unless one is saved there.
 */
export function withBrokerUrl(
  draft: SettingsDraft,
  text: string,
  owners: Omit<CredentialOwners, 'profiles'>,
  page: PageLocation,
): Pick<SettingsDraft, 'brokerUrl' | 'username' | 'password'> {
  if (isSameBroker(text, draft.brokerUrl, page))
    return { brokerUrl: text, username: draft.username, password: draft.password };
  const saved = credentialsFor(text, { ...owners, profiles: draft.profiles }, page);
  return {
    brokerUrl: text,
    username: saved.username !== '' ? saved.username : draft.username,
    password: saved.password,
  };
}

/**
 * What the dialog saves for the connection. The form opens with the credentials that apply to
 * the broker shown (none for a link's broker); if the user left broker and credentials as they
 * opened, the saved ones are left alone. If the broker changed but the password was not typed
 * (an imported file, a pasted URL), the old password is not carried to it.
 */
export function settleCredentials(
  submitted: Settings,
  opened: Settings,
  current: Settings,
  page: PageLocation,
): Settings {
  const untouched =
    submitted.brokerUrl === opened.brokerUrl &&
    submitted.username === opened.username &&
    submitted.password === opened.password;
  if (untouched) return { ...submitted, username: current.username, password: current.password };
  const carried =
    !isSameBroker(submitted.brokerUrl, opened.brokerUrl, page) &&
    submitted.password !== '' &&
    submitted.password === opened.password &&
    credentialsFor(submitted.brokerUrl, { ...opened, profiles: submitted.profiles }, page).password !==
      submitted.password;
  return carried ? { ...submitted, password: '' } : submitted;
}
