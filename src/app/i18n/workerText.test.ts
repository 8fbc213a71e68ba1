import { afterEach, describe, expect, it } from 'vitest';
import { i18n } from './i18n';
import { workerText } from './workerText';
import { en } from './en';
import { worded } from '../../worker/wording';

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
});
