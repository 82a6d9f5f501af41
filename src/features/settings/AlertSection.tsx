import { useState } from 'react';
import { clipText, OPTION_SHOWN_MAX } from '../../core/clip';
import { deviceLabel, type Fleet } from '../../core/device';
import { quantityOf, type UnitPreferences } from '../../core/quantity';
import { type ReadingChoices, readingChoices, ruleUnit, watchesDevice } from '../../core/ruleChoices';
import { ruleInUnit, type ThresholdRule } from '../../core/thresholds';
import { useHearthStore } from '../../store/store';
import { Check, FIELD_CLASS, Field, Section } from './fields';
import type { SectionProps } from './settingsDraft';

/** A rule's reading as the form's select names it: `q:<quantity>` or `m:<native name>`. */
function readingValue(rule: Pick<ThresholdRule, 'quantity' | 'metric'>): string {
  return rule.quantity === null ? `m:${rule.metric}` : `q:${rule.quantity}`;
}

/** A new rule: temperature above 28 °C for a minute, written in the displayed unit. */
function newRule(units: UnitPreferences): ThresholdRule {
  const rule: ThresholdRule = {
    id: `rule-${Date.now().toString(36)}`,
    quantity: 'temperature',
    metric: '',
    device: null,
    direction: 'above',
    limit: 28,
    hysteresis: 0.5,
    unit: '°C',
    minDurationMs: 60_000,
  };
  return ruleInUnit(rule, ruleUnit('temperature', units));
}

/** Chime, notifications and threshold rules. */
export function AlertSection({ draft, update }: SectionProps) {
  // The fleet as the dialog opened: its choices do not jump while the user edits.
  const [fleet] = useState<Fleet>(() => useHearthStore.getState().fleet);
  const [choices] = useState<ReadingChoices>(() => readingChoices(fleet));
  const units = draft.units;
  /** Rules are edited in the displayed unit: an edit writes the whole rule in it. */
  const shown = (rule: ThresholdRule) =>
    rule.quantity === null ? rule : ruleInUnit(rule, ruleUnit(rule.quantity, units));
  const setRule = (index: number, patch: Partial<ThresholdRule>) =>
    update({ rules: draft.rules.map((r, i) => (i === index ? { ...shown(r), ...patch } : r)) });
  const chooseReading = (index: number, value: string) => {
    if (value.startsWith('q:')) {
      const quantity = quantityOf(value.slice(2));
      if (quantity !== undefined)
        setRule(index, { quantity: quantity.id, metric: '', unit: ruleUnit(quantity.id, units) });
    } else {
      const name = value.slice(2);
      const unit = choices.names.find((n) => n.name === name)?.unit ?? '';
      setRule(index, { quantity: null, metric: name, unit });
    }
  };
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
          An alert when a reading stays past a limit for a while, on every device that has it whatever sends
          it (or on one device). It resolves only once the value is back past the limit by the hysteresis, so
          a value hovering at the limit does not flap. Limits are in the units you display.
        </p>
        {draft.rules.map((saved, i) => {
          const rule = shown(saved);
          const readings = [
            ...choices.quantities.map((q) => ({ value: `q:${q}`, label: quantityOf(q)?.name ?? q })),
            ...choices.names.map((n) => ({
              value: `m:${n.name}`,
              label: clipText(n.name, OPTION_SHOWN_MAX),
            })),
          ];
          if (!readings.some((r) => r.value === readingValue(rule))) {
            const label =
              rule.quantity === null ? rule.metric : (quantityOf(rule.quantity)?.name ?? rule.quantity);
            readings.unshift({ value: readingValue(rule), label: clipText(label, OPTION_SHOWN_MAX) });
          }
          const devices = fleet.ids.flatMap((id) => {
            const d = fleet.devices.get(id);
            return d !== undefined && (watchesDevice(rule, d) || d.id === rule.device)
              ? [{ value: d.id, label: `${clipText(deviceLabel(d), OPTION_SHOWN_MAX)} · ${d.convention}` }]
              : [];
          });
          if (rule.device !== null && !devices.some((d) => d.value === rule.device)) {
            devices.unshift({ value: rule.device, label: clipText(rule.device, OPTION_SHOWN_MAX) });
          }
          return (
            <fieldset
              key={saved.id}
              data-rule={saved.id}
              className="grid grid-cols-2 gap-2 rounded-lg border border-slate-200 p-3 sm:grid-cols-3 dark:border-slate-700"
            >
              <legend className="px-1 text-sm font-medium">Rule {i + 1}</legend>
              <Field label="Reading">
                <select
                  className={FIELD_CLASS}
                  value={readingValue(rule)}
                  onChange={(e) => chooseReading(i, e.target.value)}
                >
                  {readings.map((r) => (
                    <option key={r.value} value={r.value}>
                      {r.label}
                    </option>
                  ))}
                </select>
              </Field>
              <Field label="Device">
                <select
                  className={FIELD_CLASS}
                  value={rule.device ?? ''}
                  onChange={(e) => setRule(i, { device: e.target.value === '' ? null : e.target.value })}
                >
                  <option value="">All devices</option>
                  {devices.map((d) => (
                    <option key={d.value} value={d.value}>
                      {d.label}
                    </option>
                  ))}
                </select>
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
                <UnitInput unit={rule.unit} value={rule.limit} onChange={(limit) => setRule(i, { limit })} />
              </Field>
              <Field label="Hysteresis">
                <UnitInput
                  unit={rule.unit}
                  value={rule.hysteresis}
                  min={0}
                  onChange={(hysteresis) => setRule(i, { hysteresis })}
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
          );
        })}
        <button
          type="button"
          onClick={() => update({ rules: [...draft.rules, newRule(units)] })}
          className="h-11 self-start rounded-lg border border-slate-300 px-3 text-sm font-medium dark:border-slate-600"
        >
          Add a rule
        </button>
      </Section>
    </>
  );
}

/** A number field with its unit written beside it ("°F"). */
function UnitInput({
  unit,
  value,
  min,
  onChange,
}: {
  unit: string;
  value: number;
  min?: number;
  onChange: (value: number) => void;
}) {
  return (
    <span className="flex items-center gap-2">
      <input
        className={FIELD_CLASS}
        type="number"
        step="any"
        min={min}
        value={Number.isFinite(value) ? value : ''}
        onChange={(e) => onChange(e.target.valueAsNumber)}
      />
      {unit !== '' && (
        <span data-rule-unit className="shrink-0 font-normal text-slate-600 dark:text-slate-300">
          {unit}
        </span>
      )}
    </span>
  );
}
