/**
 * How twin run B and pinned baselines are drawn, the same on every chart (the metric charts and
 * the quality chart): B dashed over A in A's colours, baselines faint and wide behind the live run.
 */
export const TWIN_B_DASH = '5 4';

/** recharts `<Line>` props of a baseline's series (add key, data, dataKey, name, stroke). */
export const BASELINE_LINE = {
  type: 'linear',
  strokeOpacity: 0.25,
  strokeWidth: 3,
  dot: false,
  activeDot: false,
  isAnimationActive: false,
  connectNulls: true,
} as const;
