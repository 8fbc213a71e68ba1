import { describe, expect, it } from 'vitest';
import { phaseOf, soakMarkdown, soakVerdicts, type SoakRow } from './soakReport';

const row = (minute: number, over: Partial<SoakRow> = {}): SoakRow => ({
  minute,
  phase: phaseOf(minute),
  step: minute * 1000,
  stepsPerSec: 30,
  tensors: phaseOf(minute) === 'mnist' ? 120 : 35,
  pageHeapMB: 20,
  workerHeapMB: phaseOf(minute) === 'mnist' ? 90 : 10,
  domNodes: 1000,
  historyRows: 2000,
  longTasks: 0,
  worstTaskMs: 0,
  switchWorstMs: 80,
  sliderMoves: 18,
  load: 1,
  stuck: [],
  ...over,
});
const verdict = (rows: SoakRow[], target: RegExp) => soakVerdicts(rows).find((v) => target.test(v.target))!;

describe('soak verdicts', () => {
  it('cycles ring8 → twin → mnist by minute', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map(phaseOf)).toEqual(['ring8', 'twin', 'mnist', 'ring8', 'twin', 'mnist', 'ring8']);
  });

  it('passes a steady run, comparing each minute with the first of its phase (MNIST holds more)', () => {
    const rows = [1, 2, 3, 4, 5, 6].map((m) => row(m));
    expect(soakVerdicts(rows).map((v) => v.pass)).toEqual([true, true, true, true, true, true, true]);
  });

  it('fails a tensor leak, DOM growth, heap growth, a long task, a slowdown and a stuck step', () => {
    const rows = [1, 2, 3, 4].map((m) => row(m));
    rows[3] = row(4, { tensors: 35 + 51, domNodes: 1060, pageHeapMB: 40.5, workerHeapMB: 31, worstTaskMs: 51, longTasks: 1, stepsPerSec: 26.9, stuck: ['click Start: no answer in 15 s'] });
    expect(verdict(rows, /tensors/).pass).toBe(false);
    expect(verdict(rows, /tensors/).detail).toMatch(/minute 4 \(ring8\): 86 vs 35/);
    expect(verdict(rows, /DOM/).pass).toBe(false);
    expect(verdict(rows, /page heap/).pass).toBe(false);
    expect(verdict(rows, /worker heap/).pass).toBe(false);
    expect(verdict(rows, /long task/).pass).toBe(false);
    expect(verdict(rows, /steps\/s/).pass).toBe(false);
    expect(verdict(rows, /stuck/).pass).toBe(false);
    expect(verdict(rows, /stuck/).detail).toMatch(/minute 4: click Start/);
  });

  it('says n/a where no phase ran twice, and skips missing values', () => {
    const rows = [1, 2, 3].map((m) => row(m));
    expect(verdict(rows, /tensors/).pass).toBeNull();
    expect(verdict(rows, /long task/).pass).toBe(true);
    const gaps = [row(1), row(2), row(3), row(4, { tensors: null, pageHeapMB: null })];
    expect(verdict(gaps, /tensors/).pass).toBeNull();
    expect(verdict(gaps, /DOM/).pass).toBe(true);
  });

  it('writes the table and the verdicts as Markdown', () => {
    const rows = [row(1), row(2, { stuck: ['worker heap: no answer in 25 s'] })];
    const md = soakMarkdown({ generatedAt: 'now', minutes: 2, sliderEveryMs: 3000, loadBefore: 1, loadAfter: 2, notes: ['a note'], verdicts: soakVerdicts(rows), rows });
    expect(md).toMatch(/^# Soak: 2 min/);
    expect(md).toMatch(/\| 2 \| twin \| 2000 \| 30 \| 35 \|/);
    expect(md).toMatch(/worker heap: no answer in 25 s/);
    expect(md).toMatch(/- a note/);
  });
});
