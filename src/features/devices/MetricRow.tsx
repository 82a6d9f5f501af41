import { clipText, UNIT_SHOWN_MAX } from '../../core/clip';
import type { Metric } from '../../core/device';
import { metricScale } from '../../core/display';
import { metricLabel } from '../../core/heldReading';
import { selectChosenPrecision, selectUnits } from '../../store/selectors';
import { useHearthStore } from '../../store/store';

/**
 * One reading on a card: its label (native name in the title), the value in the displayed unit
 * with fixed decimals, or a state's word. `data-metric` holds the text alone, `data-value` the
 * held value in the quantity's canonical unit (for kiosk scripts and tests).
 */
export function MetricRow({
  deviceKey,
  metric,
  large,
}: {
  deviceKey: string;
  metric: Metric;
  large: boolean;
}) {
  const units = useHearthStore(selectUnits);
  const chosen = useHearthStore(selectChosenPrecision(deviceKey, metric.name));
  const scale = metricScale(metric, units, chosen);
  const label = metricLabel(metric);
  return (
    <>
      <dt
        className="min-w-0 truncate text-sm text-slate-600 dark:text-slate-300"
        title={clipText(label === metric.name ? label : `${label} (${metric.name})`)}
      >
        {clipText(label)}
      </dt>
      <dd
        className={`text-right font-semibold whitespace-nowrap tabular-nums ${large ? 'text-5xl' : 'text-2xl'}`}
      >
        <span data-metric={metric.handle} data-value={metric.value}>
          {scale.format(metric.value)}
        </span>
        {scale.unit !== '' && (
          <span data-unit className="ml-1 text-sm font-normal text-slate-600 dark:text-slate-300">
            {clipText(scale.unit, UNIT_SHOWN_MAX)}
          </span>
        )}
      </dd>
    </>
  );
}
