import { useEffect, useMemo, useRef, useState } from 'react';
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
const MARGIN = { top: 8, right: 12, bottom: 0, left: 0 };
/** Room per time label ("Mon 12:34" is about 60 px at the axis' font): a phone's chart has 4. */
const TIME_TICK_SPACING_PX = 80;
/** Until the chart is laid out: a phone's width. */
const WIDTH_GUESS_PX = 360;
/** A time label centred closer than this to the chart's edge is set against it instead. */
const EDGE_PX = 32;
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

/** `value` as first given for `key`, while `key` stays the same. */
function useStable<T>(value: T, key: string): T {
  const held = useRef({ key, value });
  if (held.current.key !== key) held.current = { key, value };
  return held.current.value;
}

interface TickProps {
  x: number | string;
  y: number | string;
  payload: { value?: unknown };
}

/**
 * The axes' labels as plain SVG text. Recharts' own measures each label in the DOM (to wrap it
 * and to drop the ones that overlap), a forced layout per new label: on a slow tablet most of a
 * chart's redraw. These labels are few and short by construction: the time axis has as many
 * ticks as its width has room for, the value axis is as wide as its longest label.
 */
function timeTick(format: (t: number) => string, widthPx: number) {
  return ({ x, y, payload }: TickProps) => {
    const at = Number(x);
    const anchor = at < EDGE_PX ? 'start' : at > widthPx - EDGE_PX ? 'end' : 'middle';
    return (
      <text x={at} y={y} dy="0.71em" textAnchor={anchor} fill="currentColor" fontSize={AXIS_FONT_PX}>
        {format(Number(payload.value))}
      </text>
    );
  };
}

function valueTick(format: (v: number) => string) {
  return ({ x, y, payload }: TickProps) => (
    <text x={x} y={y} dy="0.355em" textAnchor="end" fill="currentColor" fontSize={AXIS_FONT_PX}>
      {format(Number(payload.value))}
    </text>
  );
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
  const [widthPx, setWidthPx] = useState(WIDTH_GUESS_PX);
  useEffect(() => {
    const element = box.current;
    if (element === null) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry !== undefined) setWidthPx(entry.contentRect.width);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  const axis = valueAxis(series);
  const offsetMs = -new Date(toMs).getTimezoneOffset() * 60_000;
  const plotPx = Math.max(0, widthPx - axis.width);
  const most = Math.max(2, Math.min(TIME_TICKS_MAX, Math.floor(plotPx / TIME_TICK_SPACING_PX)));
  // Recharts keeps each axis' settings in a store of its own, and a setting given as a new
  // object (equal or not) is dispatched there again and recomputes every selector of the chart:
  // the same ticks, domain and labels are handed over as the same objects.
  const computedTicks = timeTicks(fromMs, toMs, most, offsetMs);
  const xTicks = useStable(computedTicks, computedTicks.join());
  const spanMs = toMs - fromMs;
  const xTick = useMemo(() => timeTick(timeFormat(xTicks, spanMs), widthPx), [xTicks, spanMs, widthPx]);
  const yKey = `${axis.domain.join()}|${axis.ticks?.join() ?? ''}|${axis.steps}|${axis.ticks?.map(axis.format).join() ?? ''}`;
  const yDomain = useStable(axis.domain, yKey);
  const yTicks = useStable(axis.ticks, yKey);
  const yFormat = useStable(axis.format, yKey);
  const yTick = useMemo(() => valueTick(yFormat), [yFormat]);
  return (
    <div
      ref={box}
      className={`relative ${axis.steps ? 'h-36' : 'h-56'} w-full text-slate-600 dark:text-slate-300`}
    >
      <ResponsiveContainer width="100%" height="100%">
        <LineChart margin={MARGIN}>
          <CartesianGrid strokeDasharray="3 3" stroke="currentColor" strokeOpacity={0.15} />
          <XAxis
            type="number"
            dataKey="t"
            domain={[fromMs, toMs]}
            allowDataOverflow
            ticks={xTicks}
            interval={0}
            tick={xTick}
            stroke="currentColor"
            fontSize={AXIS_FONT_PX}
          />
          <YAxis
            type="number"
            domain={yDomain}
            allowDataOverflow
            ticks={yTicks}
            interval={0}
            tick={yTick}
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
