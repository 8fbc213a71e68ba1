/** A refused run file's reason: core's English as it is in English, reworded in Chinese. */
import { afterEach, describe, expect, it } from 'vitest';
import { decodeRunFile } from '../../core/runfile/runFile';
import { RUN_FILE_MAGIC, RUN_FILE_PREAMBLE_BYTES, RUN_FILE_VERSION } from '../../core/runfile/runFileFormat';
import { i18n } from '../i18n/i18n';
import { workerText } from '../i18n/workerText';
import { worded } from '../../worker/wording';
import { runFileReasonText } from './runFileReasons';

afterEach(() => i18n.changeLanguage('en'));

/** A preamble (magic, version, header length) followed by `header`. */
function fileWith(version: number, header: string): Uint8Array {
  const body = new TextEncoder().encode(header);
  const bytes = new Uint8Array(RUN_FILE_PREAMBLE_BYTES + body.length);
  bytes.set(RUN_FILE_MAGIC);
  const view = new DataView(bytes.buffer);
  view.setUint32(8, version, true);
  view.setUint32(12, body.length, true);
  bytes.set(body, RUN_FILE_PREAMBLE_BYTES);
  return bytes;
}

const refusal = (bytes: Uint8Array): string => {
  const r = decodeRunFile(bytes);
  if (r.ok) throw new Error('decoded a bad file');
  return r.message;
};

/** Core's refusals: real ones from the decoder, and the config checks' as they are worded. */
function refusals(): string[] {
  return [
    refusal(new Uint8Array(0)),
    refusal(new Uint8Array(10)),
    refusal(new TextEncoder().encode('GANRUN but not really a run file')),
    refusal(fileWith(RUN_FILE_VERSION + 1, '{}')),
    refusal(fileWith(RUN_FILE_VERSION, 'not json at all')),
    'This run uses the model "dcgan99", which this build of GAN Playground does not have.',
    'This run trained on uploaded images, which run files do not hold; it cannot be opened.',
    'This run trained on the dataset "cifar", which this build of GAN Playground does not have.',
    'The run file holds NaN or infinite values in G/dense/kernel: the run had diverged or the file is damaged.',
    'Run B of this twin file cannot be read: The run file is damaged: its fork step is invalid.',
    'This run file holds no metric history to draw (it was saved before its first step).',
  ];
}

describe('run file refusals in the page’s language', () => {
  it('say in English exactly what core says', () => {
    for (const r of refusals()) expect(runFileReasonText(r)).toBe(r);
    const ev = worded('cannotOpen', { name: 'a.ganrun', detail: refusals()[2] }, '');
    expect(workerText(ev)).toBe('a.ganrun cannot be opened: This is not a GAN Playground run file (.ganrun). The current run is unchanged.');
  });

  it('are Chinese in Chinese; a technical detail and an unknown refusal keep their English', async () => {
    const rs = refusals();
    await i18n.changeLanguage('zh-CN');
    const text = rs.map(runFileReasonText);
    expect(text[0]).toBe('文件是空的（0 字节），不是训练文件。');
    expect(text[1]).toBe('文件只有 10 字节，不是 GAN 游乐场的训练文件（.ganrun）。');
    expect(text[2]).toBe('这不是 GAN 游乐场的训练文件（.ganrun）。');
    expect(text[3]).toMatch(/^这个训练文件由更新版本的 GAN 游乐场保存（格式版本 4；/);
    expect(text[4]).toBe('训练文件已损坏（技术信息：its header is not valid JSON）。');
    expect(text[5]).toBe('这次训练使用的模型“dcgan99”在当前版本的 GAN 游乐场中不存在。');
    expect(text[9]).toBe('无法读取这个双生训练文件中的训练 B：训练文件已损坏（技术信息：its fork step is invalid）。');
    expect(text[10]).toMatch(/^这个训练文件里没有可以绘制的指标记录/);
    expect(workerText(worded('cannotOpen', { name: 'a.ganrun', detail: rs[2] }, ''))).toMatch(/^无法打开 a\.ganrun.*这不是 GAN 游乐场的训练文件/);
    expect(runFileReasonText('Something new.')).toBe('Something new.');
  });
});
