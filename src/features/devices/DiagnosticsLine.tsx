import { formatDuration } from '../../components/format';
import { clipText, UNIT_SHOWN_MAX } from '../../core/clip';
import type { Metric } from '../../core/device';
import { metricScale } from '../../core/display';
import { metricLabel } from '../../core/heldReading';
import { diagnosticWord, isBatteryLow } from './cardReadings';
import { useCardSettings } from './cardSettings';
import { useLiveMetrics } from './liveReadings';

/**
 * Readings about the device rather than the house, in one small line under the readings:
 * "Battery 87 % · Link 120 lqi · RSSI -67 dBm · Up 3 d 4 h". A low battery says so in words.
 */
export function DiagnosticsLine({
  deviceKey,
  metrics: drawn,
  large,
}: {
  deviceKey: string;
  metrics: readonly Metric[];
  large: boolean;
}) {
  const metrics = useLiveMetrics(deviceKey, drawn);
  const { units } = useCardSettings();
  if (metrics.length === 0) return null;
  return (
    <p
      data-diagnostics
      className={`flex min-w-0 flex-wrap gap-x-1.5 text-slate-600 tabular-nums dark:text-slate-300 ${large ? 'text-base' : 'text-xs'}`}
    >
      {metrics.map((metric, i) => {
        const scale = metricScale(metric, units);
        const label = metricLabel(metric);
        const word = diagnosticWord(metric, label);
        const low = isBatteryLow(metric);
        // Uptime reads best as a duration, unless the user picked a unit for it.
        const asDuration = metric.quantity === 'uptime' && units.perQuantity.uptime === undefined;
        return (
          <span
            key={metric.name}
            title={clipText(label === metric.name ? label : `${label} (${metric.name})`)}
            data-battery-low={low || undefined}
            // A long native name gives way (ellipsis) rather than widen the card.
            className={`max-w-full truncate ${low ? 'font-semibold text-red-700 dark:text-red-300' : ''}`}
          >
            {clipText(word)}{' '}
            <span data-metric={metric.handle} data-value={metric.value}>
              {asDuration ? formatDuration(metric.value) : scale.format(metric.value)}
            </span>
            {!asDuration && scale.unit !== '' && (
              <>
                {' '}
                <span data-unit>{clipText(scale.unit, UNIT_SHOWN_MAX)}</span>
              </>
            )}
            {low && ' low'}
            {/* After the item, not before the next: a wrapped line never starts with a dot. */}
            {i < metrics.length - 1 && (
              <span aria-hidden="true" className="ml-1.5 font-normal text-slate-600 dark:text-slate-300">
                ·
              </span>
            )}
          </span>
        );
      })}
    </p>
  );
}
