import type { ThresholdRule } from '../../core/thresholds';
import { Check, FIELD_CLASS, Field, Section } from './fields';
import type { SectionProps } from './settingsDraft';

/** Chime, notifications and threshold rules. */
export function AlertSection({ draft, update }: SectionProps) {
  const setRule = (index: number, patch: Partial<ThresholdRule>) =>
    update({ rules: draft.rules.map((r, i) => (i === index ? { ...r, ...patch } : r)) });
  const addRule = () =>
    update({
      rules: [
        ...draft.rules,
        {
          id: `rule-${Date.now().toString(36)}`,
          metric: 'temperature',
          device: null,
          direction: 'above',
          limit: 28,
          hysteresis: 0.5,
          minDurationMs: 60_000,
        },
      ],
    });
  return (
    <>
      <Section title="Signals">
        <Check
          label="Play a chime for a new alert"
          checked={draft.chime}
          onChange={(v) => update({ chime: v })}
        />
        <Check
          label="Show a system notification for a new alert"
          checked={draft.notify}
          onChange={(v) => update({ notify: v })}
        />
      </Section>
      <Section title="Threshold rules">
        <p className="text-sm text-slate-600 dark:text-slate-300">
          An alert when a metric stays past a limit for a while. It resolves only once the value is back past
          the limit by the hysteresis, so a value hovering at the limit does not flap.
        </p>
        {draft.rules.map((rule, i) => (
          <fieldset
            key={rule.id}
            data-rule={rule.id}
            className="grid grid-cols-2 gap-2 rounded-lg border border-slate-200 p-3 sm:grid-cols-3 dark:border-slate-700"
          >
            <legend className="px-1 text-sm font-medium">Rule {i + 1}</legend>
            <Field label="Device (empty: all)">
              <input
                className={FIELD_CLASS}
                value={rule.device ?? ''}
                onChange={(e) => setRule(i, { device: e.target.value.trim() === '' ? null : e.target.value })}
              />
            </Field>
            <Field label="Metric">
              <input
                className={FIELD_CLASS}
                value={rule.metric}
                onChange={(e) => setRule(i, { metric: e.target.value })}
              />
            </Field>
            <Field label="When">
              <select
                className={FIELD_CLASS}
                value={rule.direction}
                onChange={(e) => setRule(i, { direction: e.target.value === 'below' ? 'below' : 'above' })}
              >
                <option value="above">above</option>
                <option value="below">below</option>
              </select>
            </Field>
            <Field label="Limit">
              <input
                className={FIELD_CLASS}
                type="number"
                step="any"
                value={Number.isFinite(rule.limit) ? rule.limit : ''}
                onChange={(e) => setRule(i, { limit: e.target.valueAsNumber })}
              />
            </Field>
            <Field label="Hysteresis">
              <input
                className={FIELD_CLASS}
                type="number"
                step="any"
                min={0}
                value={Number.isFinite(rule.hysteresis) ? rule.hysteresis : ''}
                onChange={(e) => setRule(i, { hysteresis: e.target.valueAsNumber })}
              />
            </Field>
            <Field label="For at least (s)">
              <input
                className={FIELD_CLASS}
                type="number"
                min={0}
                value={Number.isFinite(rule.minDurationMs) ? rule.minDurationMs / 1000 : ''}
                onChange={(e) => setRule(i, { minDurationMs: e.target.valueAsNumber * 1000 })}
              />
            </Field>
            <button
              type="button"
              onClick={() => update({ rules: draft.rules.filter((_, j) => j !== i) })}
              className="col-span-full h-11 justify-self-end rounded-lg px-3 text-sm font-medium text-red-700 dark:text-red-400"
            >
              Remove rule
            </button>
          </fieldset>
        ))}
        <button
          type="button"
          onClick={addRule}
          className="h-11 self-start rounded-lg border border-slate-300 px-3 text-sm font-medium dark:border-slate-600"
        >
          Add a rule
        </button>
      </Section>
    </>
  );
}
