/** Skip reasons of uploaded files: the worker's English, worded again by key in the page's language. */
import { afterEach, describe, expect, it } from 'vitest';
import { buildUploadSource, MAX_FILE_BYTES } from '../../worker/imageUploads';
import type { UploadFile } from '../../worker/protocol';
import { decodePng, fakeFile, pngBytes, pngClaiming } from '../../worker/testing/fakeFiles';
import { i18n } from '../i18n/i18n';
import { skipReasonCounts, skipReasonText } from './datasets';

afterEach(() => i18n.changeLanguage('en'));

/** One file for every reason the worker gives. */
function everyBadFile(): UploadFile[] {
  const failing = (name: string, size: number, why: string): UploadFile => ({
    name,
    type: '',
    size,
    arrayBuffer: async () => Promise.reject(new Error(why)),
  });
  return [
    fakeFile('empty.png', new Uint8Array(0)),
    failing('huge.bin', MAX_FILE_BYTES + 1, 'never read'),
    failing('gone.png', 10, 'NotReadableError'),
    fakeFile('notes.txt', new TextEncoder().encode('not a png at all')),
    fakeFile('zero.png', pngClaiming(0, 5)),
    fakeFile('wide.png', pngClaiming(100_000, 100_000)),
    fakeFile('cut.png', pngBytes(8, 8).subarray(0, 60)),
  ];
}

describe('skip reasons in the page’s language', () => {
  it('say in English exactly what the worker says, one key for each reason', async () => {
    const out = await buildUploadSource(everyBadFile(), 'grey28', decodePng);
    expect(out.skipped.map((s) => s.key)).toEqual([
      'skip.empty',
      'skip.tooBig',
      'skip.unreadable',
      'skip.notImage',
      'skip.badHeader',
      'skip.tooManyPixels',
      'skip.corrupt',
    ]);
    for (const s of out.skipped) expect(skipReasonText(s), s.name).toBe(s.reason);
    expect(skipReasonCounts(out.skipped).map((r) => r.reason)).toEqual([
      'empty file',
      'file too big',
      'could not be read',
      'not an image',
      'corrupt image',
      'too large',
      'corrupt or unreadable PNG',
    ]);
  });

  it('are Chinese in Chinese; a decoder’s own error text inside keeps its English', async () => {
    const out = await buildUploadSource(everyBadFile(), 'grey28', decodePng);
    await i18n.changeLanguage('zh-CN');
    const text = Object.fromEntries(out.skipped.map((s) => [s.name, skipReasonText(s)]));
    expect(text['notes.txt']).toBe('不是图片（应为 PNG、JPEG、WebP 或 GIF）');
    expect(text['empty.png']).toBe('空文件（0 字节）');
    expect(text['huge.bin']).toBe('文件大小为 64.0 MB，上限是 64.0 MB');
    expect(text['wide.png']).toBe('太大：100000×100000 有 10000 百万像素，上限是 50 百万像素');
    expect(text['gone.png']).toBe('无法读取（NotReadableError）');
    expect(text['cut.png']).toMatch(/^PNG 图片已损坏或无法解码（/);
    expect(skipReasonCounts([...out.skipped, out.skipped[3]]).find((r) => r.count === 2)?.reason).toBe('不是图片');
    // An older worker's reason without a key is shown as it came.
    expect(skipReasonText({ name: 'a', reason: 'not an image' })).toBe('not an image');
  });
});
