/**
 * Geometry of the stage view (the samples alone, full-window): how to re-tile the 8×8 sample
 * grid so each sample is as large as the window allows, and the loss strip's polyline. Pure TS:
 * unit-tested in Node.
 */

export interface StageGrid {
  cols: number;
  rows: number;
  /** One tile's side in CSS px (the sample plus its share of the gap). */
  tile: number;
}

/**
 * The largest square tile such that `count` tiles fit in a `width` × `height` box, and the
 * columns and rows to use. At 1280×720, 64 tiles come out 11 × 6 at about 108 px.
 */
export function stageGrid(count: number, width: number, height: number): StageGrid {
  if (count < 1 || !(width > 0) || !(height > 0)) return { cols: 1, rows: 1, tile: 0 };
  let best: StageGrid = { cols: count, rows: 1, tile: 0 };
  for (let cols = 1; cols <= count; cols++) {
    const rows = Math.ceil(count / cols);
    const tile = Math.floor(Math.min(width / cols, height / rows));
    if (tile > best.tile) best = { cols, rows, tile };
  }
  return best;
}

/** Where tile `n` of a `side` × `side` sample grid starts, in the grid picture's pixels. */
export function tileOrigin(n: number, side: number, tilePx: number, gap: number): [x: number, y: number] {
  return [(n % side) * (tilePx + gap), Math.floor(n / side) * (tilePx + gap)];
}

/** The side of one tile in a `side` × `side` grid picture `width` pixels wide with `gap` between tiles. */
export function tileSide(width: number, side: number, gap: number): number {
  return (width - (side - 1) * gap) / side;
}

/**
 * SVG polyline points for one series over steps, scaled into `width` × `height` (y grows down);
 * rows without a finite value are skipped. `lo`/`hi` are shared by every series of the strip.
 */
export function stripPoints(rows: readonly Record<string, number | undefined>[], key: string, width: number, height: number, lo: number, hi: number): string {
  const pts = rows.filter((r) => Number.isFinite(r[key]) && Number.isFinite(r.step));
  if (pts.length < 2) return '';
  const x0 = pts[0].step!;
  const x1 = pts[pts.length - 1].step!;
  const span = hi - lo || 1;
  return pts
    .map((r) => {
      const x = x1 === x0 ? 0 : ((r.step! - x0) / (x1 - x0)) * width;
      const y = height - ((r[key]! - lo) / span) * height;
      return `${x.toFixed(1)},${y.toFixed(1)}`;
    })
    .join(' ');
}
