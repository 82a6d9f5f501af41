import { useState } from 'react';
import { clipText } from '../../core/clip';
import type { Control, Device, Metric, NumberControl, SwitchControl } from '../../core/device';
import { displayScale, metricScale } from '../../core/display';
import { selectChosenPrecision } from '../../store/selectors';
import { useHearthStore } from '../../store/store';
import { useLiveDevice } from './liveReadings';

/**
 * Switches and set points the device's convention says can be commanded. A switch is the one
 * place its state shows on the card: the control carries the reading (`data-metric`, a word).
 */
export function DeviceControls({
  device: drawn,
  controls,
}: {
  device: Device;
  controls: readonly Control[];
}) {
  // The states the controls show follow the device as it is now, not as its card was drawn.
  const device = useLiveDevice(drawn);
  return (
    // Above the card's full-size "open charts" target, so taps reach the controls.
    <div className="relative z-10 flex flex-col gap-2 border-t border-slate-200 pt-2 dark:border-slate-800">
      {controls.map((control) =>
        control.kind === 'switch' ? (
          <SwitchRow key={control.id} device={device} control={control} />
        ) : (
          <NumberRow key={control.id} device={device} control={control} />
        ),
      )}
    </div>
  );
}

function usePending(deviceKey: string, controlId: string) {
  return useHearthStore((s) => s.pending.find((p) => p.device === deviceKey && p.control === controlId));
}

function SwitchRow({ device, control }: { device: Device; control: SwitchControl }) {
  const send = useHearthStore((s) => s.sendControl);
  const pending = usePending(device.id, control.id);
  const metric = device.metrics.get(control.stateMetric);
  const reported = metric?.value;
  // Optimistic: while pending, show what was asked for.
  const on = pending !== undefined ? pending.expected === 1 : reported !== undefined && reported !== 0;
  const state = pending !== undefined ? 'pending' : reported === undefined ? 'unknown' : on ? 'on' : 'off';
  return (
    <div className="flex min-w-0 items-center justify-between gap-2">
      <span className="min-w-0 truncate text-sm" title={clipText(control.label)}>
        {clipText(control.label)}
      </span>
      <span className="flex items-center gap-2">
        {pending !== undefined && (
          <span className="text-xs text-slate-600 dark:text-slate-300">pending…</span>
        )}
        {metric !== undefined && <StateWord metric={metric} />}
        <button
          type="button"
          role="switch"
          aria-checked={on}
          aria-label={`${clipText(control.label)}: ${on ? 'on' : 'off'}`}
          data-control={control.id}
          data-control-state={state}
          onClick={() => void send(device.id, control.id, !on)}
          className={`relative h-11 w-20 shrink-0 rounded-full border-2 transition-colors ${
            on
              ? 'border-emerald-700 bg-emerald-600'
              : 'border-slate-400 bg-slate-200 dark:border-slate-500 dark:bg-slate-700'
          } ${pending !== undefined ? 'opacity-70' : ''}`}
        >
          <span
            aria-hidden="true"
            className={`absolute top-1 size-8 rounded-full bg-white shadow transition-all ${on ? 'left-10' : 'left-1'}`}
          />
        </button>
      </span>
    </div>
  );
}

/** What the device reports, as a word ("On", "Off"): the switch above may show a wish while pending. */
function StateWord({ metric }: { metric: Metric }) {
  const scale = displayScale(metric.quantity ?? 'switch', '', { system: 'metric', perQuantity: {} });
  return (
    <span
      data-metric={metric.handle}
      data-value={metric.value}
      className="w-14 text-right text-sm font-semibold"
    >
      {scale.format(metric.value)}
    </span>
  );
}

function NumberRow({ device, control }: { device: Device; control: NumberControl }) {
  const send = useHearthStore((s) => s.sendControl);
  const pending = usePending(device.id, control.id);
  const metric = device.metrics.get(control.stateMetric);
  const chosen = useHearthStore(selectChosenPrecision(device.id, control.stateMetric));
  // A set point is typed in the device's own unit, so its value is shown in that unit too.
  const scale =
    metric === undefined
      ? null
      : metricScale(
          metric,
          {
            system: 'metric',
            perQuantity:
              metric.quantity !== null && control.unit !== null ? { [metric.quantity]: control.unit } : {},
          },
          chosen,
        );
  const reported = metric === undefined || scale === null ? undefined : scale.format(metric.value);
  const [text, setText] = useState('');
  const submit = () => {
    const value = Number(text);
    if (text.trim() === '' || !Number.isFinite(value)) return;
    void send(device.id, control.id, value);
    setText('');
  };
  const inputId = `${device.id}-${control.id}`;
  return (
    <form
      className="flex min-w-0 items-center justify-between gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <label className="min-w-0 truncate text-sm" htmlFor={inputId} title={clipText(control.label)}>
        {clipText(control.label)}
        {reported !== undefined && (
          <span className="ml-1 text-slate-600 tabular-nums dark:text-slate-300">
            ({reported}
            {scale !== null && scale.unit !== '' ? ` ${scale.unit}` : ''})
          </span>
        )}
      </label>
      <span className="flex items-center gap-1">
        {pending !== undefined && (
          <span className="text-xs text-slate-600 dark:text-slate-300">pending…</span>
        )}
        <input
          id={inputId}
          type="number"
          inputMode="decimal"
          data-control={control.id}
          data-control-state={pending !== undefined ? 'pending' : 'idle'}
          min={control.min ?? undefined}
          max={control.max ?? undefined}
          step={control.step ?? 'any'}
          value={text}
          placeholder={reported ?? ''}
          onChange={(e) => setText(e.target.value)}
          className="h-11 w-24 rounded-lg border border-slate-300 bg-white px-2 text-right dark:border-slate-600 dark:bg-slate-800"
        />
        <button
          type="submit"
          className="h-11 rounded-lg bg-slate-900 px-3 text-sm font-medium text-white dark:bg-slate-100 dark:text-slate-900"
        >
          Set
        </button>
      </span>
    </form>
  );
}
