import { describe, expect, it } from 'vitest';
import { METRIC_KEYS } from '../../core/metrics/stepMetrics';
import { exportFileName, historyCsv } from './exports';
import { MetricHistory } from './metricHistory';

describe('app exports', () => {
  it('builds the CSV from the store history: one row per step, quality on its step', () => {
    const h = new MetricHistory();
    const keys = ['step', 'epoch', 'dLoss'];
    h.append(keys, [1, 0, 0.5, 2, 0, 0.25, 3, 1, 0.125]);
    const lines = historyCsv(h, [{ step: 2, modesCovered: 6 }])
      .trimEnd()
      .split('\n');
    expect(lines[0]).toBe([...METRIC_KEYS, 'modesCovered'].join(','));
    expect(lines).toHaveLength(4);
    const col = (name: string) => lines.slice(1).map((l) => l.split(',')[lines[0].split(',').indexOf(name)]);
    expect(col('step')).toEqual(['1', '2', '3']);
    expect(col('dLoss')).toEqual(['0.5', '0.25', '0.125']);
    expect(col('gLoss')).toEqual(['NaN', 'NaN', 'NaN']);
    expect(col('modesCovered')).toEqual(['', '6', '']);
  });

  it('names files by dataset, model and step, with nothing a file system rejects', () => {
    expect(exportFileName('timelapse', { dataset: 'ring8', model: 'mlp2d' }, 4200)).toBe('ring8-mlp2d-step4200-timelapse.gif');
    expect(exportFileName('model', { dataset: 'my/set', model: 'dcgan28' }, 7)).toBe('my_set-dcgan28-step7-generator.zip');
    expect(exportFileName('csv', null, 0)).toBe('gan-step0-metrics.csv');
  });
});

describe('store: worker-built exports', () => {
  it('shows progress, hands the file to the download hook, and shows a failure', async () => {
    const { createAppStore } = await import('../store/appStore');
    const sent: unknown[] = [];
    const files: { name: string; mime: string; bytes: Uint8Array }[] = [];
    const store = createAppStore((c) => sent.push(c), { onExportFile: (f) => files.push(f) });
    store.getState().exportModel();
    expect(sent).toEqual([{ type: 'exportModel' }]);
    expect(store.getState().exportStatus).toMatchObject({ kind: 'model', fraction: 0 });
    store.getState().handleEvent({ type: 'exportProgress', kind: 'model', fraction: 0.5, message: 'half' });
    expect(store.getState().exportStatus).toEqual({ kind: 'model', fraction: 0.5, message: 'half' });
    store.getState().handleEvent({ type: 'exportFile', kind: 'model', step: 12, mime: 'application/zip', bytes: new Uint8Array([1, 2]) });
    expect(store.getState().exportStatus).toBeNull();
    expect(files).toEqual([{ name: 'gan-step12-generator.zip', mime: 'application/zip', bytes: new Uint8Array([1, 2]) }]);

    const frames = [{ width: 1, height: 1, pixels: new Uint8ClampedArray(4) }];
    store.getState().exportTimelapse(frames, 2);
    expect(sent[1]).toEqual({ type: 'encodeTimelapse', frames, scale: 2 });
    store.getState().handleEvent({ type: 'error', code: 'export-failed', source: 'encodeTimelapse', message: 'Timelapse export failed: no pictures' });
    expect(store.getState().exportStatus).toMatchObject({ kind: 'timelapse', error: 'Timelapse export failed: no pictures' });
    expect(store.getState().errors.at(-1)?.code).toBe('export-failed');
  });
});
