import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ChartSeries } from '../core/chartSeries';
import { formatClock, formatValue } from './format';
import { seriesColor } from './seriesColors';

const minutes = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const seconds = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
const days = new Intl.DateTimeFormat(undefined, { weekday: 'short', hour: '2-digit', minute: '2-digit' });

/** Axis labels as fine as the span needs: seconds for a few minutes, the day for a week. */
function tickFormat(spanMs: number): (t: number) => string {
  const format = spanMs < 10 * 60_000 ? seconds : spanMs > 36 * 3600_000 ? days : minutes;
  return (t) => format.format(t);
}

/** One metric for all devices. Loaded after first paint: recharts is the app's largest part. */
export default function MetricChart({
  series,
  fromMs,
  toMs,
}: {
  series: ChartSeries[];
  fromMs: number;
  toMs: number;
}) {
  return (
    <div className="h-56 w-full text-slate-600 dark:text-slate-300">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart margin={{ top: 4, right: 8, bottom: 0, left: -8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="currentColor" strokeOpacity={0.15} />
          <XAxis
            type="number"
            dataKey="t"
            domain={[fromMs, toMs]}
            allowDataOverflow
            tickFormatter={tickFormat(toMs - fromMs)}
            stroke="currentColor"
            fontSize={12}
            minTickGap={24}
          />
          <YAxis type="number" domain={['auto', 'auto']} stroke="currentColor" fontSize={12} width={48} />
          <Tooltip
            labelFormatter={(t) => formatClock(Number(t))}
            formatter={(v) => (typeof v === 'number' ? formatValue(v) : String(v))}
            contentStyle={{ fontSize: 12 }}
          />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {series.map((s, i) => (
            <Line
              key={s.device}
              name={s.label}
              data={s.points}
              dataKey="v"
              type="linear"
              stroke={seriesColor(i)}
              strokeWidth={2}
              dot={false}
              connectNulls={false}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
