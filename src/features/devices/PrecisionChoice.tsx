import { precisionKey, withPrecision } from '../../config/unitSettings';
import type { Metric } from '../../core/device';
import { metricScale } from '../../core/display';
import { selectChosenPrecision, selectUnits } from '../../store/selectors';
import { useHearthStore } from '../../store/store';

const CHOICES = [0, 1, 2, 3] as const;

/**
 * How many decimals one reading shows, everywhere it is shown: automatic (the source's
 * suggestion, else the quantity's default) or a fixed number. Saved with the settings.
 */
export function PrecisionChoice({
  deviceKey,
  metric,
  label,
}: {
  deviceKey: string;
  metric: Metric;
  label: string;
}) {
  const units = useHearthStore(selectUnits);
  const chosen = useHearthStore(selectChosenPrecision(deviceKey, metric.name));
  const choices = useHearthStore((s) => s.settings.precision);
  const updateSettings = useHearthStore((s) => s.updateSettings);
  const automatic = metricScale(metric, units).precision;
  const choose = (text: string) => {
    const decimals = text === 'auto' ? null : Number(text);
    updateSettings({ precision: withPrecision(choices, precisionKey(deviceKey, metric.name), decimals) });
  };
  return (
    <label className="flex items-center gap-2 text-sm text-slate-600 dark:text-slate-300">
      Decimals
      <select
        aria-label={`Decimals for ${label}`}
        value={chosen === undefined ? 'auto' : String(chosen)}
        onChange={(e) => choose(e.target.value)}
        className="h-11 rounded-lg border border-slate-300 bg-white px-2 text-base text-slate-900 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100"
      >
        <option value="auto">Auto ({automatic})</option>
        {CHOICES.map((n) => (
          <option key={n} value={String(n)}>
            {n}
          </option>
        ))}
      </select>
    </label>
  );
}
