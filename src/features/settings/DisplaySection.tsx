import { useState } from 'react';
import type { NightDim, Theme } from '../../config/settings';
import { clipText, OPTION_SHOWN_MAX } from '../../core/clip';
import { deviceLabel } from '../../core/device';
import { illuminanceSensors } from '../../core/nightDim';
import { useHearthStore } from '../../store/store';
import { Check, FIELD_CLASS, Field, Section } from './fields';
import type { SectionProps } from './settingsDraft';

const THEMES: ReadonlyArray<{ value: Theme; label: string }> = [
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
  { value: 'system', label: 'System' },
];

/** The theme, kiosk mode, read-only mode and the night dim. */
export function DisplaySection({ draft, update }: SectionProps) {
  const dim = (patch: Partial<NightDim>) => update({ nightDim: { ...draft.nightDim, ...patch } });
  return (
    <Section title="Display">
      <div role="radiogroup" aria-labelledby="theme-label" className="flex flex-col gap-1">
        <span id="theme-label" className="text-sm font-medium">
          Theme (this screen only)
        </span>
        <div className="flex w-fit rounded-lg border border-slate-300 p-0.5 dark:border-slate-600">
          {THEMES.map((t) => (
            <label
              key={t.value}
              className={`flex h-10 min-w-16 cursor-pointer items-center justify-center rounded-md px-3 text-sm font-medium has-focus-visible:outline-2 ${
                draft.theme === t.value ? 'bg-slate-900 text-white dark:bg-slate-100 dark:text-slate-900' : ''
              }`}
            >
              <input
                type="radio"
                name="theme"
                value={t.value}
                checked={draft.theme === t.value}
                onChange={() => update({ theme: t.value })}
                className="sr-only"
              />
              {t.label}
            </label>
          ))}
        </div>
      </div>
      <Check
        label="Kiosk mode: big values, no settings chrome, screen kept on"
        checked={draft.kiosk}
        onChange={(v) => update({ kiosk: v })}
      />
      <Check
        label="Read-only: no switches, set points or publishing (for public places)"
        checked={draft.readonly}
        onChange={(v) => update({ readonly: v })}
      />
      <Field label="Night dim">
        <select
          className={FIELD_CLASS}
          value={draft.nightDim.mode}
          onChange={(e) => dim({ mode: e.target.value as NightDim['mode'] })}
        >
          <option value="off">Off</option>
          <option value="schedule">On a schedule</option>
          <option value="sensor">When a light sensor reads dark</option>
        </select>
      </Field>
      {draft.nightDim.mode === 'schedule' && (
        <div className="grid grid-cols-2 gap-3">
          <Field label="From">
            <input
              className={FIELD_CLASS}
              type="time"
              value={draft.nightDim.from}
              onChange={(e) => dim({ from: e.target.value })}
            />
          </Field>
          <Field label="To">
            <input
              className={FIELD_CLASS}
              type="time"
              value={draft.nightDim.to}
              onChange={(e) => dim({ to: e.target.value })}
            />
          </Field>
        </div>
      )}
      {draft.nightDim.mode === 'sensor' && (
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
          <Field label="Light sensor (device)">
            <SensorSelect
              value={draft.nightDim.sensorDevice}
              onChange={(key) => dim({ sensorDevice: key })}
            />
          </Field>
          <Field label="Dark below (lx)">
            <input
              className={FIELD_CLASS}
              type="number"
              min={0}
              value={draft.nightDim.darkBelowLux}
              onChange={(e) => dim({ darkBelowLux: Number(e.target.value) })}
            />
          </Field>
        </div>
      )}
    </Section>
  );
}

/**
 * The devices with an illuminance reading, whatever their convention calls it, by key (as the
 * fleet was when the dialog opened). A saved device no longer heard from stays choosable.
 */
function SensorSelect({ value, onChange }: { value: string; onChange: (key: string) => void }) {
  const [sensors] = useState(() =>
    illuminanceSensors(useHearthStore.getState().fleet).map((d) => ({
      key: d.id,
      label: `${clipText(deviceLabel(d), OPTION_SHOWN_MAX)} · ${d.convention}`,
    })),
  );
  const options =
    value === '' || sensors.some((s) => s.key === value)
      ? sensors
      : [{ key: value, label: clipText(value, OPTION_SHOWN_MAX) }, ...sensors];
  return (
    <select className={FIELD_CLASS} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">Choose a device…</option>
      {options.map((s) => (
        <option key={s.key} value={s.key}>
          {s.label}
        </option>
      ))}
    </select>
  );
}
