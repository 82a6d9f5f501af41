import { useId, useMemo } from 'react';
import { linePaths } from '../core/chartPath';
import type { ChartSeries } from '../core/chartSeries';
import type { PlotArea } from './plotArea';
import { seriesColor, seriesDash } from './seriesColors';

/** Where the pointer is over the plot: its time, and its place in px within the chart. */
export interface ChartHover {
  t: number;
  left: number;
  top: number;
}

/**
 * Every line of a chart as one SVG path each, and the hover: a cursor line at the pointer's time.
 * One path per line rather than recharts' line components: 32 of those cost several times what
 * their points do (measured with the benchmark). `x` and `y` place times and values in the plot.
 */
export function ChartLines({
  series,
  area,
  x,
  y,
  steps,
  timeAt,
  hover,
  onHover,
}: {
  series: readonly ChartSeries[];
  area: PlotArea;
  x: (t: number) => number;
  y: (v: number) => number;
  steps: boolean;
  timeAt: (px: number) => number;
  hover: ChartHover | null;
  onHover: (hover: ChartHover | null) => void;
}) {
  const clipId = useId();
  // A hover redraws the chart: the paths are worked out once per set of lines and scales.
  const paths = useMemo(() => series.map((s) => linePaths(s.points, x, y, steps)), [series, x, y, steps]);
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
