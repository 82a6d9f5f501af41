import { useRef, useState } from 'react';
import { CartesianGrid, LineChart, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import type { ChartSeries } from '../core/chartSeries';
import { timeTicks } from '../core/niceTicks';
import { ChartHoverCard } from './ChartHoverCard';
import { type ChartHover, ChartLines } from './ChartLines';
import { AXIS_FONT_PX, valueAxis } from './valueAxis';

const minutes = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const seconds = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
const days = new Intl.DateTimeFormat(undefined, { weekday: 'short', hour: '2-digit', minute: '2-digit' });
const dates = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });
const months = new Intl.DateTimeFormat(undefined, { month: 'short', year: 'numeric' });

const TIME_TICKS_MAX = 7;
const DAY_MS = 24 * 3600_000;

/**
 * Axis labels as fine as the ticks: seconds between minutes, the day across days, the date
 * across weeks (a server's 30 days), the month across a year.
 */
function timeFormat(ticks: readonly number[], spanMs: number): (t: number) => string {
  const step = ticks.length > 1 ? (ticks[1] ?? 0) - (ticks[0] ?? 0) : spanMs;
  const format =
    step < 60_000
      ? seconds
      : spanMs > 200 * DAY_MS
        ? months
        : spanMs > 8 * DAY_MS
          ? dates
          : spanMs > 1.5 * DAY_MS
            ? days
            : minutes;
  return (t) => format.format(t);
}

/**
 * The lines of one quantity for many devices, in the displayed unit (values come converted).
 * States draw as steps between their two words, never as slopes between 0 and 1. The legend is
 * the caller's (ChartLegend), in the same colours. Loaded after first paint: recharts is the
 * app's largest part.
 */
export default function MetricChart({
  series,
  fromMs,
  toMs,
}: {
  series: ChartSeries[];
  fromMs: number;
  toMs: number;
}) {
  const [hover, setHover] = useState<ChartHover | null>(null);
  const box = useRef<HTMLDivElement>(null);
  const axis = valueAxis(series);
  const offsetMs = -new Date(toMs).getTimezoneOffset() * 60_000;
  const xTicks = timeTicks(fromMs, toMs, TIME_TICKS_MAX, offsetMs);
  return (
    <div
      ref={box}
      className={`relative ${axis.steps ? 'h-36' : 'h-56'} w-full text-slate-600 dark:text-slate-300`}
    >
      <ResponsiveContainer width="100%" height="100%">
        <LineChart margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="currentColor" strokeOpacity={0.15} />
          <XAxis
            type="number"
            dataKey="t"
            domain={[fromMs, toMs]}
            allowDataOverflow
            ticks={xTicks}
            interval="preserveStartEnd"
            tickFormatter={timeFormat(xTicks, toMs - fromMs)}
            stroke="currentColor"
            fontSize={AXIS_FONT_PX}
            minTickGap={16}
          />
          <YAxis
            type="number"
            domain={axis.domain}
            allowDataOverflow
            ticks={axis.ticks}
            interval={0}
            tickFormatter={axis.format}
            stroke="currentColor"
            fontSize={AXIS_FONT_PX}
            width={axis.width}
          />
          <ChartLines
            series={series}
            fromMs={fromMs}
            toMs={toMs}
            steps={axis.steps}
            hover={hover}
            onHover={setHover}
          />
        </LineChart>
      </ResponsiveContainer>
      {hover !== null && (
        <ChartHoverCard
          hover={hover}
          series={series}
          fromMs={fromMs}
          toMs={toMs}
          format={axis.format}
          steps={axis.steps}
          chartWidth={box.current?.clientWidth ?? 0}
        />
      )}
    </div>
  );
}
