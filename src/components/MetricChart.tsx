import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { CartesianGrid, LineChart, XAxis, YAxis } from 'recharts';
import type { ChartSeries } from '../core/chartSeries';
import { timeTicks } from '../core/niceTicks';
import { ChartHoverCard } from './ChartHoverCard';
import { type ChartHover, ChartLines } from './ChartLines';
import { linearScale, PLOT_RIGHT_PX, PLOT_TOP_PX, type PlotArea, plotArea, TIME_AXIS_PX } from './plotArea';
import { AXIS_FONT_PX, valueAxis } from './valueAxis';

const minutes = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const seconds = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
const days = new Intl.DateTimeFormat(undefined, { weekday: 'short', hour: '2-digit', minute: '2-digit' });
const dates = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });
const months = new Intl.DateTimeFormat(undefined, { month: 'short', year: 'numeric' });

const TIME_TICKS_MAX = 7;
const MARGIN = { top: PLOT_TOP_PX, right: PLOT_RIGHT_PX, bottom: TIME_AXIS_PX, left: 0 };
/** A measurement's chart, and a state's (two words need less room); the box and both layers. */
const HEIGHT_PX = 224;
const STEPS_HEIGHT_PX = 144;
/** A tick's line and the gap to its label, as recharts draws the value axis'. */
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
 * The value axis' labels as plain SVG text. Recharts' own measures each label in the DOM (to wrap
 * it and to drop the ones that overlap), a forced layout per new label: on a slow tablet most of
 * a chart's redraw. These labels are few and short, and the axis is as wide as its longest one.
 */
function valueTick(format: (v: number) => string) {
  return ({ x, y, payload }: TickProps) => (
    <text x={x} y={y} dy="0.355em" textAnchor="end" fill="currentColor" fontSize={AXIS_FONT_PX}>
      {format(Number(payload.value))}
    </text>
  );
}

/**
 * The value axis and its grid: drawn by recharts, and again only when the axis changes (its ticks
 * or its width), not at every sample of the lines. Given the same props it is not drawn at all.
 */
const ValueFrame = memo(function ValueFrame({
  width,
  height,
  axisWidth,
  domain,
  ticks,
  format,
}: {
  width: number;
  height: number;
  axisWidth: number;
  domain: [number, number] | ['auto', 'auto'];
  ticks: number[] | undefined;
  format: (v: number) => string;
}) {
  const tick = useMemo(() => valueTick(format), [format]);
  return (
    <div className="absolute inset-0">
      <LineChart width={width} height={height} margin={MARGIN}>
        <CartesianGrid vertical={false} strokeDasharray="3 3" stroke="currentColor" strokeOpacity={0.15} />
        <XAxis type="number" domain={[0, 1]} hide />
        <YAxis
          type="number"
          domain={domain}
          allowDataOverflow
          ticks={ticks}
          interval={0}
          tick={tick}
          stroke="currentColor"
          fontSize={AXIS_FONT_PX}
          width={axisWidth}
        />
      </LineChart>
    </div>
  );
});

/**
 * The time axis under the plot and its grid: it moves at every sample (the window slides), so it
 * is drawn here as a few lines and labels rather than by recharts, whose axis recomputes the
 * whole chart's state when its domain changes. Labels centred on their tick, set against the
 * chart's edge near one.
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
  return (
    <g fill="currentColor" fontSize={AXIS_FONT_PX}>
      <line x1={area.x} x2={area.x + area.width} y1={bottom} y2={bottom} stroke="currentColor" />
      {ticks.map((t) => {
        const at = Math.round(x(t) * 10) / 10;
        if (at < area.x - 0.5 || at > area.x + area.width + 0.5) return null;
        const anchor = at < EDGE_PX ? 'start' : at > width - EDGE_PX ? 'end' : 'middle';
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
            <text x={at} y={bottom + TICK_PX + TICK_GAP_PX} dy="0.71em" textAnchor={anchor}>
              {format(t)}
            </text>
          </g>
        );
      })}
    </g>
  );
}

/**
 * The lines of one quantity for many devices, in the displayed unit (values come converted).
 * States draw as steps between their two words, never as slopes between 0 and 1. The legend is
 * the caller's (ChartLegend), in the same colours. Recharts draws the value axis and its grid;
 * the lines and the time axis, which change at every sample, are plain SVG over it. Loaded after
 * first paint: recharts is the app's largest part.
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
  const area = plotArea(widthPx, heightPx, axis.width);
  const offsetMs = -new Date(toMs).getTimezoneOffset() * 60_000;
  // Ticks, not gaps: a phone's 280 px plot has room for three gaps of 80 px, so four ticks (one
  // tick per 80 px left a 5-minute window on a phone a single label).
  const most = Math.max(2, Math.min(TIME_TICKS_MAX, Math.floor(area.width / TIME_TICK_SPACING_PX) + 1));
  const xTicks = timeTicks(fromMs, toMs, most, offsetMs);
  const spanMs = toMs - fromMs;
  // The frame (recharts) is handed the same objects while the value axis stays the same, so it
  // is not drawn again.
  const yKey = `${axis.domain.join()}|${axis.ticks?.join() ?? ''}|${axis.steps}|${axis.ticks?.map(axis.format).join() ?? ''}`;
  const yDomain = useStable(axis.domain, yKey);
  const yTicks = useStable(axis.ticks, yKey);
  const yFormat = useStable(axis.format, yKey);
  const [low, high] = typeof yDomain[0] === 'number' ? (yDomain as [number, number]) : [0, 1];
  const x = useMemo(
    () => linearScale(fromMs, toMs, area.x, area.x + area.width),
    [fromMs, toMs, area.x, area.width],
  );
  const y = useMemo(
    () => linearScale(low, high, area.y + area.height, area.y),
    [low, high, area.y, area.height],
  );
  const timeAt = linearScale(area.x, area.x + area.width, fromMs, toMs);
  return (
    <div
      ref={box}
      style={{ height: heightPx }}
      className="relative w-full text-slate-600 dark:text-slate-300"
    >
      <ValueFrame
        width={widthPx}
        height={heightPx}
        axisWidth={axis.width}
        domain={yDomain}
        ticks={yTicks}
        format={yFormat}
      />
      <svg width={widthPx} height={heightPx} className="absolute inset-0 overflow-visible" aria-hidden="true">
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
