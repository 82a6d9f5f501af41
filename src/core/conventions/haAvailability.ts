import { asRecord } from '../payload';
import { expandConfig, payloadWord, withBaseTopic } from './haShorthand';
import { compileTemplate, type ValueTemplate } from './valueTemplate';

/**
 * Where a discovered entity says whether it is there: `availability_topic` with its payloads and
 * template, or an `availability` list of such topics.
 */

export interface HaAvailability {
  topic: string;
  available: string;
  notAvailable: string;
  template: ValueTemplate | null;
}

/**
 * The availability topics of a config, each with the words that mean available and not; a
 * template not understood is noted in `problems`.
 */
export function readAvailability(
  config: Record<string, unknown>,
  base: string | null,
  problems: string[],
): HaAvailability[] {
  const list: HaAvailability[] = [];
  const add = (raw: Record<string, unknown>, templateKey: string) => {
    const topic = withBaseTopic(typeof raw.topic === 'string' ? raw.topic : null, base);
    if (topic === null) return;
    const template =
      typeof raw[templateKey] === 'string' ? compileOrNote(raw[templateKey] as string, problems) : null;
    const word = (key: string, fallback: string) => payloadWord(raw[key]) ?? fallback;
    list.push({
      topic,
      available: word('payload_available', 'online'),
      notAvailable: word('payload_not_available', 'offline'),
      template,
    });
  };
  if (typeof config.availability_topic === 'string') {
    add({ ...config, topic: config.availability_topic }, 'availability_template');
  }
  if (Array.isArray(config.availability)) {
    for (const item of config.availability) {
      const record = asRecord(item);
      if (record !== null) add(expandConfig(record), 'value_template');
    }
  }
  return list;
}

function compileOrNote(text: string, problems: string[]): ValueTemplate | null {
  const compiled = compileTemplate(text);
  if (compiled.ok) return compiled.template;
  problems.push(compiled.reason);
  return null;
}
