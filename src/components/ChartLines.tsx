import { useId, useMemo } from 'react';
import { usePlotArea, useXAxisScale, useYAxisScale } from 'recharts';
import { linePaths } from '../core/chartPath';
import type { ChartSeries } from '../core/chartSeries';
import { seriesColor, seriesDash } from './seriesColors';

/** Where the pointer is over the plot: its time, and its place in px within the chart. */
export interface ChartHover {
  t: number;
  left: number;
  top: number;
}

/**
 * Every line of a chart as one SVG path each, inside recharts' axes (its scales place them), and
 * the hover: a cursor line at the pointer's time. Drawn here rather than as recharts lines: 32
 * of those cost several times what their points do (measured with the benchmark).
 */
export function ChartLines({
  series,
  fromMs,
  toMs,
  steps,
  hover,
  onHover,
}: {
  series: readonly ChartSeries[];
  fromMs: number;
  toMs: number;
  steps: boolean;
  hover: ChartHover | null;
  onHover: (hover: ChartHover | null) => void;
}) {
  const x = useXAxisScale();
  const y = useYAxisScale();
  const area = usePlotArea();
  const clipId = useId();
  // Recharts draws this again at each step of its own store's settling (several times a redraw),
  // with the same scales: the paths are worked out once per set of lines and scales.
  const paths = useMemo(() => {
    if (x === undefined || y === undefined) return [];
    const toX = (t: number) => Number(x(t));
    const toY = (v: number) => Number(y(v));
    return series.map((s) => linePaths(s.points, toX, toY, steps));
  }, [series, x, y, steps]);
  if (x === undefined || y === undefined || area === undefined) return null;
  const timeAt = (px: number) => fromMs + ((px - area.x) / Math.max(1, area.width)) * (toMs - fromMs);
  return (
    <g>
      <clipPath id={clipId}>
        {/* A few px of room: a line along the axis' end, or a dot at its edge, stays whole. */}
        <rect x={area.x - 3} y={area.y - 3} width={area.width + 6} height={area.height + 6} />
      </clipPath>
      <g
        clipPath={`url(#${clipId})`}
        fill="none"
        strokeWidth={2}
        strokeLinejoin="round"
        strokeLinecap="round"
      >
        {series.map((s, i) => {
          const drawn = paths[i];
          if (drawn === undefined) return null;
          return (
            <g key={`${s.device}\u0000${s.metric}`} stroke={seriesColor(i)}>
              <path d={drawn.line} strokeDasharray={seriesDash(i)} />
              {drawn.dots !== '' && <path d={drawn.dots} strokeWidth={6} />}
            </g>
          );
        })}
      </g>
      {hover !== null && (
        <line
          x1={hover.left}
          x2={hover.left}
          y1={area.y}
          y2={area.y + area.height}
          stroke="currentColor"
          strokeOpacity={0.4}
        />
      )}
      <rect
        x={area.x}
        y={area.y}
        width={area.width}
        height={area.height}
        fill="transparent"
        onPointerMove={(e) => {
          const box = e.currentTarget.ownerSVGElement?.getBoundingClientRect();
          if (box === undefined) return;
          const left = e.clientX - box.left;
          onHover({ t: timeAt(left), left, top: e.clientY - box.top });
        }}
        onPointerLeave={() => onHover(null)}
      />
    </g>
  );
}
