import {
  type NightDim,
  parseStaleAfter,
  parseTopics,
  type Settings,
  STALE_AFTER_MAX_SEC,
} from '../../config/settings';
import { checkBrokerUrl } from '../../core/connectionStatus';
import { compilePattern } from '../../core/conventions/customPattern';
import { checkRule } from '../../core/thresholds';

/** Settings as the form edits them: free text where the user types lists and numbers. */
export interface SettingsDraft extends Omit<Settings, 'topics' | 'staleAfterSec'> {
  topicsText: string;
  staleAfterText: string;
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
  const { topicsText: _t, staleAfterText: _s, ...rest } = draft;
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
