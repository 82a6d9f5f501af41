import { precisionKey } from '../../config/unitSettings';
import { clipText, UNIT_SHOWN_MAX } from '../../core/clip';
import type { Metric } from '../../core/device';
import { metricScale } from '../../core/display';
import { metricLabel } from '../../core/heldReading';
import { readingDisplayName } from '../../core/roomSections';
import { useCardSettings } from './cardSettings';
import { latestReading, useLiveValueText } from './liveReadings';

/** Value sizes: kiosk or not, main reading or not. */
const VALUE_SIZE: Record<string, string> = {
  'false-false': 'text-2xl',
  'false-true': 'text-4xl',
  'true-false': 'text-5xl',
  'true-true': 'text-6xl',
};

/**
 * One reading on a card: its label (the user's alias, else the announced label; native name in
 * the title), the value in the displayed unit
 * with fixed decimals, or a state's word. `data-metric` holds the text alone, `data-value` the
 * held value in the quantity's canonical unit (for kiosk scripts and tests).
 */
export function MetricRow({
  deviceKey,
  metric: drawn,
  large,
  main = false,
}: {
  deviceKey: string;
  metric: Metric;
  large: boolean;
  /** The reading the user chose to lead the card: bigger than the rest. */
  main?: boolean;
}) {
  // Drawn with the reading as it is now: the card may have been drawn with an older value.
  const metric = latestReading(deviceKey, drawn);
  const { units, precision, layout } = useCardSettings();
  const chosen = precision[precisionKey(deviceKey, metric.name)];
  const scale = metricScale(metric, units, chosen);
  const { element, text, width } = useLiveValueText(
    deviceKey,
    metric,
    scale.format,
    `${scale.unit}\u0000${chosen ?? ''}`,
  );
  const alias = readingDisplayName(layout, deviceKey, metric.name);
  const label = alias ?? metricLabel(metric);
  return (
    <>
      <dt
        className="min-w-0 truncate text-sm text-slate-600 dark:text-slate-300"
        title={clipText(label === metric.name ? label : `${label} (${metric.name})`)}
      >
        {clipText(label)}
      </dt>
      <dd
        className={`text-right font-semibold whitespace-nowrap tabular-nums ${VALUE_SIZE[`${large}-${main}`]}`}
      >
        <span
          ref={element}
          data-metric={metric.handle}
          data-value={metric.value}
          className={width === '' ? undefined : 'value-box'}
          style={width === '' ? undefined : { width }}
        >
          {text}
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
