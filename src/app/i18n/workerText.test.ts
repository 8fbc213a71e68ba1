import { afterEach, describe, expect, it } from 'vitest';
import { i18n } from './i18n';
import { workerText } from './workerText';
import { en } from './en';
import { worded } from '../../worker/wording';
import { divergenceMessage, LOSS_TERMS } from '../../core/train/divergence';

afterEach(() => i18n.changeLanguage('en'));

describe('worker messages', () => {
  it('are worded from their key and values, in the page language', async () => {
    const ev = worded('decodedFiles', { done: 25, total: 1200 }, 'Decoded 25 of 1200 files…');
    expect(workerText(ev)).toBe('Decoded 25 of 1,200 files…');
    await i18n.changeLanguage('zh-CN');
    expect(workerText(ev)).toBe('已解码 25 / 1,200 个文件…');
  });
  it('use ICU plurals', () => {
    expect(workerText(worded('readingFiles', { n: 1 }, ''))).toBe('Reading 1 file…');
    expect(workerText(worded('readingFiles', { n: 3 }, ''))).toBe('Reading 3 files…');
  });
  it('fall back to the English sentence without a key, or with a key this page does not know', () => {
    expect(workerText({ message: 'Old worker says hi' })).toBe('Old worker says hi');
    expect(workerText({ message: 'Newer message', key: 'notInTheCatalogue' })).toBe('Newer message');
  });
  it('say in the catalogue what the worker says in English (the keys the worker sends exist)', () => {
    // Each English fallback the worker writes equals its catalogue message, for a few with values.
    const cases = [
      worded('noImages', { n: 4 }, 'None of the 4 files could be used as an image.'),
      worded('cannotOpen', { name: 'a.ganrun', detail: 'Bad magic.' }, 'a.ganrun cannot be opened: Bad magic. The current run is unchanged.'),
      worded('encodingFrame', { i: 3, n: 40 }, 'Encoding frame 3 of 40…'),
    ];
    for (const c of cases) expect(workerText(c)).toBe(c.message);
    expect(Object.keys(en.worker)).toContain('storageFull');
  });

  it('word the session, live run and device-loss messages as the worker writes them in English', () => {
    const cases = [
      worded('loadingDataset', { datasetId: 'upload', name: 'Your images (3)' }, 'Loading Your images (3)…'),
      worded('buildFailed', { detail: 'Out of memory.' }, 'Could not build the models: Out of memory.'),
      worded('buildBFailed', { detail: 'Bad B.' }, 'Could not build run B: Bad B.'),
      worded('qualityOff', { detail: 'no classifier' }, 'Quality measures are off for this run: no classifier'),
      worded('startingBackend', { backend: 'webgpu' }, 'Starting the webgpu backend…'),
      worded('saveFailed', { detail: 'x' }, 'Saving the run failed: x'),
      worded('gifFailed', { detail: 'x' }, 'GIF export failed: x'),
      // EMA_FROM_G_NOTICE of core/train/trainer.ts (a TF module the app may not import).
      worded('emaFromG', { name: 'a.ganrun' }, 'a.ganrun: This run was saved without an averaged generator (G_ema): it starts from G’s weights now.'),
      worded('measuringBackends', { model: 'mlp2d' }, 'Measuring which backend trains mlp2d fastest…'),
      worded('noBackend', { detail: 'x' }, 'No TensorFlow.js backend could start: x'),
      worded('trainingStopped', { detail: 'x' }, 'Training stopped: x'),
      worded(
        'deviceLostNoBackend',
        { reason: 'destroyed', detail: 'x' },
        'The GPU device was lost (destroyed) and no other backend could start: x. Reload the page to try again.',
      ),
      worded('deviceLostNowOn', { reason: 'destroyed', backend: 'wasm' }, 'The GPU device was lost (destroyed); now on wasm.'),
      worded('deviceLostNotRebuilt', { reason: 'r', backend: 'wasm', detail: 'x' }, 'The GPU device was lost (r) and the run could not be rebuilt on wasm: x'),
      worded(
        'deviceLostContinuing',
        { reason: 'r', backend: 'webgl', step: 1200, twin: 'none' },
        'The GPU device was lost (r); continuing on webgl from step 1,200.',
      ),
      worded(
        'deviceLostPaused',
        { reason: 'r', backend: 'wasm', step: 30, twin: 'lost' },
        'The GPU device was lost (r); the run is on wasm at step 30 (paused, as it was). Run B of the twin could not be kept (only A is checkpointed for this).',
      ),
    ];
    for (const c of cases) expect(workerText(c)).toBe(c.message);
  });

  it('word a divergence like core/train/divergence.ts, for every loss term, with and without a checkpoint', async () => {
    for (const term of LOSS_TERMS) {
      for (const restored of [504, null]) {
        const bad = { term, value: term === 'r1' ? Infinity : NaN, step: 610 };
        const next = restored === null ? 'Training is paused.' : 'Training is paused: change the setting, then press Start.';
        const values = { term, value: String(bad.value), step: String(bad.step), restored: restored === null ? 'none' : String(restored) };
        expect(workerText(worded('diverged', values, ''))).toBe(`${divergenceMessage(bad, restored)}. ${next}`);
      }
    }
    await i18n.changeLanguage('zh-CN');
    const values = { term: 'dL2', value: 'NaN', step: '812', restored: '700' };
    expect(workerText(worded('diverged', values, ''))).toBe(
      '判别器 L2 惩罚在第 812 步变成了 NaN；已回退到第 700 步——请调低“判别器 L2”或学习率。训练已暂停：请修改设置，然后点击“开始”。',
    );
    expect(workerText(worded('loadingDataset', { datasetId: 'ring8', name: '8 Gaussians on a ring' }, ''))).toBe('正在加载“环形排列的 8 个高斯分布”…');
    expect(workerText(worded('deviceLostContinuing', { reason: 'r', backend: 'webgl', step: 1200, twin: 'none' }, ''))).toBe(
      'GPU 设备丢失了（r）；现在改用 webgl，从第 1,200 步继续训练。',
    );
  });
});
