import { memo, useEffect, useMemo, useRef, useState } from 'react';
import type { ChartSeries } from '../core/chartSeries';
import { lazily } from '../core/lazily';
import { timeTicks } from '../core/niceTicks';
import { ChartHoverCard } from './ChartHoverCard';
import { type ChartHover, ChartLines } from './ChartLines';
import { linearScale, type PlotArea, plotArea } from './plotArea';
import { placeTimeLabels } from './timeLabels';
import { AXIS_FONT_PX, axisTextWidth, valueAxis } from './valueAxis';

const minutes = lazily(() => new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' }));
const seconds = lazily(
  () => new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' }),
);
const days = lazily(
  () => new Intl.DateTimeFormat(undefined, { weekday: 'short', hour: '2-digit', minute: '2-digit' }),
);
const dates = lazily(() => new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' }));
const months = lazily(() => new Intl.DateTimeFormat(undefined, { month: 'short', year: 'numeric' }));

const TIME_TICKS_MAX = 7;
/** A measurement's chart, and a state's (two words need less room); the box and both layers. */
const HEIGHT_PX = 224;
const STEPS_HEIGHT_PX = 144;
/** A tick's line and the gap to its label, on both axes. */
const TICK_PX = 6;
const TICK_GAP_PX = 2;
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
  const formatter = format();
  return (t) => formatter.format(t);
}

/** `value` as first given for `key`, while `key` stays the same. */
function useStable<T>(value: T, key: string): T {
  const held = useRef({ key, value });
  if (held.current.key !== key) held.current = { key, value };
  return held.current.value;
}

/**
 * The value axis and its grid: the axis line, a tick and a label per value, a dashed line across
 * the plot per value. Drawn again only when the axis changes (its ticks, labels or width), not at
 * every sample of the lines. Plain SVG: recharts' chart components kept a store of their own whose
 * first drawing cost a cheap tablet several long tasks per chart (measured, docs/performance.md).
 */
const ValueFrame = memo(function ValueFrame({
  area,
  y,
  ticks,
  format,
}: {
  area: PlotArea;
  y: (v: number) => number;
  ticks: readonly number[] | undefined;
  format: (v: number) => string;
}) {
  const labelX = area.x - TICK_PX - TICK_GAP_PX;
  return (
    <g fill="currentColor" fontSize={AXIS_FONT_PX} data-value-axis="">
      {ticks?.map((v) => {
        const at = Math.round(y(v) * 10) / 10;
        return (
          <g key={v}>
            <line
              x1={area.x}
              x2={area.x + area.width}
              y1={at}
              y2={at}
              stroke="currentColor"
              strokeOpacity={0.15}
              strokeDasharray="3 3"
            />
            <line x1={area.x - TICK_PX} x2={area.x} y1={at} y2={at} stroke="currentColor" />
            <text x={labelX} y={at} dy="0.355em" textAnchor="end">
              {format(v)}
            </text>
          </g>
        );
      })}
      <line x1={area.x} x2={area.x} y1={area.y} y2={area.y + area.height} stroke="currentColor" />
    </g>
  );
});

/**
 * The time axis under the plot and its grid: it moves at every sample (the window slides), a few
 * lines and labels. Labels centred on their tick, set against the chart's edge near one.
 */
function TimeAxis({
  ticks,
  x,
  area,
  width,
  format,
}: {
  ticks: readonly number[];
  x: (t: number) => number;
  area: PlotArea;
  width: number;
  format: (t: number) => string;
}) {
  const bottom = area.y + area.height;
  const shown = ticks
    .map((t) => ({ t, at: Math.round(x(t) * 10) / 10, text: format(t) }))
    .filter(({ at }) => at >= area.x - 0.5 && at <= area.x + area.width + 0.5);
  const anchors = placeTimeLabels(
    shown.map(({ at, text }) => ({ at, width: axisTextWidth(text) })),
    width,
    EDGE_PX,
  );
  return (
    <g fill="currentColor" fontSize={AXIS_FONT_PX}>
      <line x1={area.x} x2={area.x + area.width} y1={bottom} y2={bottom} stroke="currentColor" />
      {shown.map(({ t, at, text }, i) => {
        const anchor = anchors[i];
        return (
          <g key={t}>
            <line
              x1={at}
              x2={at}
              y1={area.y}
              y2={bottom}
              stroke="currentColor"
              strokeOpacity={0.15}
              strokeDasharray="3 3"
            />
            <line x1={at} x2={at} y1={bottom} y2={bottom + TICK_PX} stroke="currentColor" />
            {anchor != null && (
              <text x={at} y={bottom + TICK_PX + TICK_GAP_PX} dy="0.71em" textAnchor={anchor}>
                {text}
              </text>
            )}
          </g>
        );
      })}
    </g>
  );
}

/**
 * The lines of one quantity for many devices, in the displayed unit (values come converted).
 * States draw as steps between their two words, never as slopes between 0 and 1. The legend is
 * the caller's (ChartLegend), in the same colours. One SVG: the value axis and its grid (drawn
 * again only when they change), the time axis and the lines (at every sample).
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
      if (entry !== undefined) setWidthPx(Math.round(entry.contentRect.width));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  const axis = valueAxis(series);
  const heightPx = axis.steps ? STEPS_HEIGHT_PX : HEIGHT_PX;
  const area = useMemo(() => plotArea(widthPx, heightPx, axis.width), [widthPx, heightPx, axis.width]);
  const offsetMs = -new Date(toMs).getTimezoneOffset() * 60_000;
  // Ticks, not gaps: a phone's 280 px plot has room for three gaps of 80 px, so four ticks (one
  // tick per 80 px left a 5-minute window on a phone a single label).
  const most = Math.max(2, Math.min(TIME_TICKS_MAX, Math.floor(area.width / TIME_TICK_SPACING_PX) + 1));
  const xTicks = timeTicks(fromMs, toMs, most, offsetMs);
  const spanMs = toMs - fromMs;
  // The frame is handed the same objects while the value axis and the plot stay the same, so it
  // is not drawn again.
  const yKey = `${axis.ticks?.join() ?? ''}|${axis.steps}|${axis.ticks?.map(axis.format).join() ?? ''}`;
  const yTicks = useStable(axis.ticks, yKey);
  const yFormat = useStable(axis.format, yKey);
  const [low, high] = typeof axis.domain[0] === 'number' ? (axis.domain as [number, number]) : [0, 1];
  const x = useMemo(() => linearScale(fromMs, toMs, area.x, area.x + area.width), [fromMs, toMs, area]);
  const y = useMemo(() => linearScale(low, high, area.y + area.height, area.y), [low, high, area]);
  const timeAt = linearScale(area.x, area.x + area.width, fromMs, toMs);
  return (
    <div
      ref={box}
      style={{ height: heightPx }}
      className="relative w-full text-slate-600 dark:text-slate-300"
    >
      <svg width={widthPx} height={heightPx} className="absolute inset-0 overflow-visible" aria-hidden="true">
        <ValueFrame area={area} y={y} ticks={yTicks} format={yFormat} />
        <TimeAxis ticks={xTicks} x={x} area={area} width={widthPx} format={timeFormat(xTicks, spanMs)} />
        <ChartLines
          series={series}
          area={area}
          x={x}
          y={y}
          steps={axis.steps}
          timeAt={timeAt}
          hover={hover}
          onHover={setHover}
        />
      </svg>
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
