import { useEffect, useRef, useState } from 'react';
import { clipText } from '../../core/clip';
import { type CustomPattern, previewPattern } from '../../core/conventions/customPattern';
import { useHearthStore } from '../../store/store';
import { FIELD_CLASS, Field, Section } from './fields';
import type { SectionProps } from './settingsDraft';

/** The user's own topic patterns, each tried live against topics seen lately. */
export function PatternSection({ draft, update }: SectionProps) {
  const topics = useRecentTopics();
  // Patterns have no identity of their own; stable keys keep focus in the field being typed.
  const keys = useRef<string[]>([]);
  while (keys.current.length < draft.customPatterns.length)
    keys.current.push(`p${Math.random().toString(36).slice(2)}`);
  const setPattern = (index: number, patch: Partial<CustomPattern>) =>
    update({ customPatterns: draft.customPatterns.map((p, i) => (i === index ? { ...p, ...patch } : p)) });
  return (
    <Section title="Custom topic patterns">
      <p className="text-sm text-slate-600 dark:text-slate-300">
        For installs no built-in convention describes. Write <code>{'{device}'}</code> and{' '}
        <code>{'{metric}'}</code> where those levels are, <code>+</code> for any one level and a final{' '}
        <code>#</code> for the rest, e.g. <code>{'site/{device}/sensors/{metric}'}</code>. A JSON path such as{' '}
        <code>$.data.value</code> says where the number is in a JSON payload.
      </p>
      {draft.customPatterns.map((pattern, i) => {
        const preview = previewPattern(pattern, topics, 5);
        return (
          <fieldset
            key={keys.current[i]}
            className="flex flex-col gap-2 rounded-lg border border-slate-200 p-3 dark:border-slate-700"
          >
            <legend className="px-1 text-sm font-medium">Pattern {i + 1}</legend>
            <Field label="Pattern">
              <input
                className={`${FIELD_CLASS} font-mono`}
                value={pattern.pattern}
                onChange={(e) => setPattern(i, { pattern: e.target.value })}
                spellCheck={false}
              />
            </Field>
            <div className="grid grid-cols-1 gap-2 sm:grid-cols-3">
              <Field label="JSON path (optional)">
                <input
                  className={`${FIELD_CLASS} font-mono`}
                  value={pattern.valuePath ?? ''}
                  onChange={(e) => setPattern(i, { valuePath: e.target.value })}
                  spellCheck={false}
                />
              </Field>
              <Field label="Unit (optional)">
                <input
                  className={FIELD_CLASS}
                  value={pattern.unit ?? ''}
                  onChange={(e) => setPattern(i, { unit: e.target.value })}
                />
              </Field>
              <Field label="Devices are">
                <select
                  className={FIELD_CLASS}
                  value={pattern.convention ?? 'custom'}
                  onChange={(e) =>
                    setPattern(i, { convention: e.target.value === 'homeseer' ? 'homeseer' : 'custom' })
                  }
                >
                  <option value="custom">Custom</option>
                  <option value="homeseer">HomeSeer (mcsMQTT)</option>
                </select>
              </Field>
            </div>
            <div
              data-pattern-preview
              className="rounded-lg bg-slate-50 p-2 text-sm dark:bg-slate-800/60"
              aria-live="polite"
            >
              {preview.problem !== null ? (
                <p className="text-red-800 dark:text-red-300">{preview.problem}</p>
              ) : preview.matches.length === 0 ? (
                <p>None of the {topics.length} topics seen lately matches.</p>
              ) : (
                <>
                  <p>
                    Matches {topics.length - preview.misses} of {topics.length} recent topics, e.g.:
                  </p>
                  <ul className="mt-1 flex flex-col gap-0.5 font-mono text-xs">
                    {preview.matches.map((m) => (
                      <li key={m.topic} className="truncate" title={clipText(m.topic)}>
                        {clipText(m.topic)} → {clipText(m.device)}
                        {m.metric !== null ? ` / ${clipText(m.metric)}` : ''}
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </div>
            <button
              type="button"
              onClick={() => {
                keys.current.splice(i, 1);
                update({ customPatterns: draft.customPatterns.filter((_, j) => j !== i) });
              }}
              className="h-11 self-end rounded-lg px-3 text-sm font-medium text-red-700 dark:text-red-400"
            >
              Remove pattern
            </button>
          </fieldset>
        );
      })}
      <button
        type="button"
        onClick={() => update({ customPatterns: [...draft.customPatterns, { pattern: '' }] })}
        className="h-11 self-start rounded-lg border border-slate-300 px-3 text-sm font-medium dark:border-slate-600"
      >
        Add a pattern
      </button>
    </Section>
  );
}

/** Topics the connection saw lately, refreshed every few seconds while the tab is open. */
function useRecentTopics(): string[] {
  const sampler = useHearthStore((s) => s.topicSampler);
  const [topics, setTopics] = useState<string[]>([]);
  useEffect(() => {
    if (sampler === null) return;
    let alive = true;
    const load = () => {
      void sampler().then((list) => {
        if (alive) setTopics(list);
      });
    };
    load();
    const timer = setInterval(load, 3000);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, [sampler]);
  return topics;
}
