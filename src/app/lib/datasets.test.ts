import { afterEach, describe, expect, it } from 'vitest';
import { i18n } from '../i18n/i18n';
import { datasetDescription } from './displayNames';
import { brushTo, canvasToData, dataToCanvas, describeCount, describeShape, hasPreview, pointsViewBox, skipReasonCounts, uploadResultLine } from './datasets';
import type { BrushState } from './datasets';

describe('uploadResultLine', () => {
  it('says how many were accepted and skipped', () => {
    expect(uploadResultLine({ accepted: 3, skipped: [{ name: 'a.txt', reason: 'not an image' }], capped: 0 })).toBe('3 accepted, 1 skipped');
    expect(uploadResultLine({ accepted: 0, skipped: [], capped: 0 })).toBe('0 accepted, 0 skipped');
  });
  it('adds the files over the cap, with thousands separators', () => {
    expect(uploadResultLine({ accepted: 5000, skipped: [], capped: 15000 })).toBe('5,000 accepted, 0 skipped (15,000 over the cap)');
  });
});

describe('an upload in class folders (names from the worker, sentence in the page language)', () => {
  afterEach(() => i18n.changeLanguage('en'));
  const dataset = { classNames: ['cats', 'dogs', 'owls'] };
  const info = { id: 'upload', description: '…', count: 120, shape: [28, 28, 1], ...dataset };

  it('names its classes in the result line and the description', () => {
    expect(uploadResultLine({ accepted: 120, skipped: [], capped: 0, dataset })).toBe('120 accepted in 3 classes (cats, dogs, owls), 0 skipped');
    expect(uploadResultLine({ accepted: 5000, skipped: [], capped: 3, dataset })).toBe(
      '5,000 accepted in 3 classes (cats, dogs, owls), 0 skipped (3 over the cap)',
    );
    expect(uploadResultLine({ accepted: 2, skipped: [], capped: 0, dataset: null })).toBe('2 accepted, 0 skipped');
    expect(datasetDescription(info)).toBe('120 of your images in 3 classes (cats, dogs, owls), centre-cropped and resized to 28×28×1.');
  });

  it('in Chinese', async () => {
    await i18n.changeLanguage('zh-CN');
    expect(uploadResultLine({ accepted: 120, skipped: [], capped: 0, dataset })).toBe('采用 120 张，分为 3 个类别（cats、dogs、owls），跳过 0 个');
    expect(datasetDescription(info)).toBe('你的 120 张图片，分为 3 个类别（cats、dogs、owls），已居中裁剪并缩放到 28×28×1。');
  });
});

describe('skipReasonCounts', () => {
  it('groups reasons, dropping per-file details', () => {
    const r = skipReasonCounts([
      { name: 'a', reason: 'not an image (PNG, JPEG, WebP or GIF expected)' },
      { name: 'b', reason: 'not an image (PNG, JPEG, WebP or GIF expected)' },
      { name: 'c', reason: 'corrupt or unreadable PNG (bad CRC)' },
      { name: 'd', reason: 'too large: 10000×10000 is 100 megapixels; the limit is 50' },
      { name: 'e', reason: 'empty file (0 bytes)' },
    ]);
    expect(r).toEqual([
      { reason: 'not an image', count: 2 },
      { reason: 'corrupt or unreadable PNG', count: 1 },
      { reason: 'too large', count: 1 },
      { reason: 'empty file', count: 1 },
    ]);
  });
});

describe('dataset facts', () => {
  it('describes shapes and counts', () => {
    expect(describeShape({ kind: 'image', shape: [28, 28, 1] })).toBe('28×28 grey');
    expect(describeShape({ kind: 'image', shape: [32, 32, 3] })).toBe('32×32 RGB');
    expect(describeShape({ kind: 'points', shape: [2] })).toBe('2-D points');
    expect(describeShape({ kind: 'points', shape: [1] })).toBe('1-D numbers');
    expect(describeCount({ kind: 'image', count: 10000 })).toBe('10,000 images');
    expect(describeCount({ kind: 'points', count: 1024 })).toBe('1,024 points');
  });
  it('previews images and 2-D points, not 1-D sets', () => {
    expect(hasPreview({ kind: 'image', shape: [28, 28, 1] })).toBe(true);
    expect(hasPreview({ kind: 'points', shape: [2] })).toBe(true);
    expect(hasPreview({ kind: 'points', shape: [1] })).toBe(false);
  });
});

describe('brushTo', () => {
  it('lays the first point where the stroke starts', () => {
    const s: BrushState = { last: null };
    expect(brushTo(s, 10, 20, 8)).toEqual([[10, 20]]);
    expect(s.last).toEqual([10, 20]);
  });
  it('lays points every `spacing` pixels along a fast move, and none for a short one', () => {
    const s: BrushState = { last: null };
    brushTo(s, 0, 0, 8);
    expect(brushTo(s, 5, 0, 8)).toEqual([]);
    const pts = brushTo(s, 40, 0, 8);
    expect(pts.map((p) => p[0])).toEqual([8, 16, 24, 32, 40]);
    expect(s.last).toEqual([40, 0]);
    // The remainder carries over: the next point is 8 px from the last one laid.
    expect(brushTo(s, 44, 0, 8)).toEqual([]);
    expect(brushTo(s, 49, 0, 8)).toEqual([[48, 0]]);
  });
  it('spaces points along diagonals too, and ignores non-finite input', () => {
    const s: BrushState = { last: [0, 0] };
    const pts = brushTo(s, 30, 40, 10);
    expect(pts).toHaveLength(5);
    for (let i = 1; i < pts.length; i++) expect(Math.hypot(pts[i][0] - pts[i - 1][0], pts[i][1] - pts[i - 1][1])).toBeCloseTo(10);
    expect(brushTo(s, NaN, 1, 10)).toEqual([]);
  });
});

describe('canvas ↔ data units', () => {
  it('maps the canvas to [-1, 1]² with y up, and back', () => {
    expect(canvasToData(0, 0, 200)).toEqual([-1, 1]);
    expect(canvasToData(200, 200, 200)).toEqual([1, -1]);
    expect(canvasToData(100, 100, 200)).toEqual([0, 0]);
    const [x, y] = canvasToData(37, 150, 280);
    const [cx, cy] = dataToCanvas(x, y, 280);
    expect(cx).toBeCloseTo(37);
    expect(cy).toBeCloseTo(150);
  });
});

describe('pointsViewBox', () => {
  it('uses the extent when given, squared', () => {
    expect(pointsViewBox(new Float32Array(), { xMin: -2, xMax: 2, yMin: -1, yMax: 1 })).toEqual([-2, 2, -2, 2]);
  });
  it('pads the points’ bounds otherwise, and survives no points', () => {
    const [x0, x1, y0, y1] = pointsViewBox(new Float32Array([0, 0, 1, 1]));
    expect(x0).toBeLessThan(0);
    expect(x1).toBeGreaterThan(1);
    expect(x1 - x0).toBeCloseTo(y1 - y0);
    expect(pointsViewBox(new Float32Array())).toEqual([-1, 1, -1, 1]);
  });
});
