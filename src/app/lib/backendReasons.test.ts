import { afterEach, describe, expect, it } from 'vitest';
import { datasetInfos } from '../../core/data/registry';
import { i18n } from '../i18n/i18n';
import { describeFacts, type CalibrationFacts } from '../../core/backend/backendCalibration';
import { backendReasonText, calibrationText, threadsNoteText } from './backendReasons';
import { datasetDescription, datasetName } from './displayNames';

afterEach(() => i18n.changeLanguage('en'));

/** Reasons and notes as core/backend/backend.ts words them. */
const REASONS = [
  'webgpu: skipped — navigator.gpu is missing',
  'webgpu: skipped — no adapter (requestAdapter() returned null)',
  'webgl: skipped — OffscreenCanvas is missing',
  'webgl: skipped — no WebGL2 context',
  'webgpu: skipped — not available in Node',
  'webgpu: skipped — software adapter (google swiftshader) is slower than wasm here',
  'webgl: skipped — software renderer (SwiftShader) is slower than wasm here',
  'webgpu: skipped — probe failed: webgpu probe timed out after 20000 ms',
  "webgl: failed — setBackend('webgl') resolved false",
  'webgpu: requested but failed — device lost',
];
const NOTES = [
  '4 threads',
  'threaded build, 1 thread (the backend uses half of the 2 cores)',
  'single-threaded: the page is not cross-origin isolated (the server must send COOP same-origin and COEP require-corp)',
];

describe('backend reasons and dataset descriptions in the page’s language', () => {
  it('say in English exactly what the worker says', () => {
    for (const r of REASONS) expect(backendReasonText(r)).toBe(r);
    for (const n of NOTES) expect(threadsNoteText(n)).toBe(n);
    for (const info of datasetInfos()) expect(datasetDescription(info), info.id).toBe(info.description);
    // The user's images, as src/worker/imageUploads.ts words them.
    expect(datasetName({ id: 'upload', name: 'Your images (12)', count: 12 })).toBe('Your images (12)');
    expect(datasetDescription({ id: 'upload', description: '…', count: 12, shape: [28, 28, 1] })).toBe(
      '12 of your images, centre-cropped and resized to 28×28×1.',
    );
  });

  it('are worded in Chinese; a browser’s own error text keeps its English', async () => {
    await i18n.changeLanguage('zh-CN');
    expect(backendReasonText(REASONS[5])).toBe('webgpu：已跳过——软件模拟的适配器（google swiftshader）在这里比 wasm 还慢');
    expect(backendReasonText(REASONS[7])).toBe('webgpu：已跳过——探测失败：webgpu probe timed out after 20000 ms');
    expect(backendReasonText(REASONS[8])).toBe("webgl：启动失败——setBackend('webgl') resolved false");
    expect(backendReasonText('something else entirely')).toBe('something else entirely');
    expect(threadsNoteText(NOTES[1])).toBe('多线程版本，1 个线程（后端只用 2 个核心中的一半）');
    expect(threadsNoteText('2 threads')).toBe('2 个线程');
    for (const info of datasetInfos()) expect(datasetDescription(info), info.id).not.toBe(info.description);
    expect(datasetDescription({ id: 'drawn', description: '12 points you drew' })).toBe('12 points you drew');
    expect(datasetName({ id: 'upload', name: 'Your images (12)', count: 12 })).toBe('你的图片（12 张）');
    expect(datasetDescription({ id: 'upload', description: '…', count: 12, shape: [28, 28, 1] })).toBe('你的 12 张图片，已居中裁剪并缩放到 28×28×1。');
  });
});

/** One verdict of every kind, as core/backend/backendCalibration.ts reports them. */
const VERDICTS: CalibrationFacts[] = [
  { kind: 'faster', chosen: 'wasm', other: 'cpu', model: 'mlp2d', ratio: '6.0', ms: '5.3', otherMs: '31.7' },
  { kind: 'faster', chosen: 'webgpu', other: 'wasm', model: 'dcgan28', ratio: '10.0', ms: '20.0', otherMs: '200.0', measuredOn: '2026-12-01' },
  { kind: 'only', chosen: 'wasm', model: 'mlp2d', worth: false, skipped: [] },
  {
    kind: 'only',
    chosen: 'wasm',
    model: 'mlp2d',
    worth: false,
    skipped: [
      { name: 'webgpu', why: { kind: 'timeout', stage: 'timing', seconds: '3.0' } },
      { name: 'webgl', why: { kind: 'timeout', stage: 'starting', seconds: '1.0' } },
      { name: 'cpu', why: { kind: 'noStart' } },
    ],
  },
  { kind: 'only', chosen: 'wasm', model: 'dcgan28-small', worth: true, skipped: [{ name: 'cpu', why: { kind: 'predicted', seconds: '2.5' } }] },
  { kind: 'only', chosen: 'webgl', model: 'dcgan28', worth: false, skipped: [{ name: 'webgpu', why: { kind: 'error', detail: 'GPUValidationError: x' } }] },
  { kind: 'notMeasured', detail: 'device lost' },
];

describe('the calibration note in the page’s language', () => {
  it('says in English exactly what core says, for every kind of verdict', () => {
    for (const facts of VERDICTS) expect(calibrationText({ calibration: 'ignored', calibrationFacts: facts })).toBe(describeFacts(facts));
    // An older worker (or cache entry) sends only the English.
    expect(calibrationText({ calibration: 'wasm — measured 2.0× faster than cpu' })).toBe('wasm — measured 2.0× faster than cpu');
    expect(calibrationText({})).toBeNull();
  });

  it('is worded in Chinese from the numbers; backend and model ids and an error’s own text stay as they are', async () => {
    await i18n.changeLanguage('zh-CN');
    const text = VERDICTS.map((facts) => calibrationText({ calibrationFacts: facts }));
    expect(text[0]).toBe('wasm——实测训练 mlp2d 比 cpu 快 6.0 倍（每步 5.3 毫秒，对比 31.7 毫秒）');
    expect(text[1]).toMatch(/（2026-12-01 测得）$/);
    expect(text[3]).toBe(
      'wasm——训练 mlp2d 时唯一测出结果的候选后端（webgpu：为 webgpu 计时未能在 3.0 秒内完成；webgl：启动 webgl 未能在 1.0 秒内完成；cpu：无法启动）',
    );
    expect(text[4]).toBe('wasm——训练 dcgan28-small 时唯一值得测量的后端（cpu：未测量：按模型的浮点运算量估计每步至少需要 2.5 秒）');
    expect(text[5]).toMatch(/webgpu：GPUValidationError: x）$/);
    expect(text[6]).toBe('未测量：device lost');
  });
});
