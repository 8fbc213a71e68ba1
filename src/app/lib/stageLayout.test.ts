import { describe, expect, it } from 'vitest';
import { GRID_GAP, imageGridRGBA } from '../../core/sampleGrid';
import { stageGrid, stripPoints, tileOrigin, tileSide } from './stageLayout';

describe('stageGrid', () => {
  it('fits 64 samples at 100 px or more in the stage box of a 1280×720 window', () => {
    // 1280×720 less the stage's top bar and padding (see .stage-view in styles).
    const g = stageGrid(64, 1264, 640);
    expect(g.cols * g.rows).toBeGreaterThanOrEqual(64);
    expect(g.tile).toBeGreaterThanOrEqual(104);
    expect(g.cols * g.tile).toBeLessThanOrEqual(1264);
    expect(g.rows * g.tile).toBeLessThanOrEqual(640);
  });

  it('uses a square grid in a square box, one column in a tall one', () => {
    expect(stageGrid(64, 800, 800)).toEqual({ cols: 8, rows: 8, tile: 100 });
    expect(stageGrid(4, 100, 1000)).toEqual({ cols: 1, rows: 4, tile: 100 });
    expect(stageGrid(64, 0, 500).tile).toBe(0);
  });
});

describe('tiles of the grid picture', () => {
  it('finds each sample where imageGridRGBA put it', () => {
    const side = 3;
    const h = 4;
    const images = new Float32Array(side * side * h * h).map((_, i) => (Math.floor(i / (h * h)) / 8) * 2 - 1);
    const grid = imageGridRGBA(images, [h, h, 1], side);
    expect(tileSide(grid.width, side, GRID_GAP)).toBe(h);
    for (let n = 0; n < side * side; n++) {
      const [x, y] = tileOrigin(n, side, h, GRID_GAP);
      const byte = grid.pixels[(y * grid.width + x) * 4];
      expect(byte).toBe(Math.round((n / 8) * 255));
    }
  });
});

describe('stripPoints', () => {
  it('scales steps across the width and values up the height, skipping gaps', () => {
    const rows = [
      { step: 0, dLoss: 1 },
      { step: 5, dLoss: undefined },
      { step: 10, dLoss: 0 },
    ];
    expect(stripPoints(rows, 'dLoss', 200, 50, 0, 1)).toBe('0.0,0.0 200.0,50.0');
    expect(stripPoints(rows.slice(0, 1), 'dLoss', 200, 50, 0, 1)).toBe('');
  });
});
