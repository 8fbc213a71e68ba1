import { afterEach, describe, expect, it } from 'vitest';
import { datasetInfos } from '../../core/data/registry';
import { i18n } from '../i18n/i18n';
import { backendReasonText, threadsNoteText } from './backendReasons';
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
