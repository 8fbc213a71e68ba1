import { describe, expect, it } from 'vitest';
import { formatMegabytes, makeOfflineLabel } from './offlineDatasets';

describe('offlineDatasets', () => {
  const ids = ['mnist', 'fashion-mnist', 'emoji'];
  const sizes = { mnist: 7_850_024, 'fashion-mnist': 47_100_024, emoji: 11_619_037 };

  it('formats download sizes in MB', () => {
    expect(formatMegabytes(47_100_024)).toBe('47.1 MB');
  });

  it('states what the button would still download', () => {
    expect(makeOfflineLabel(ids, [], sizes)).toBe('Make all datasets available offline (66.6 MB)');
    expect(makeOfflineLabel(ids, ['fashion-mnist'], sizes)).toBe('Make the other 2 available offline (19.5 MB)');
    expect(makeOfflineLabel(ids, ids, sizes)).toBe('All datasets are available offline');
    // Sizes unknown (offline, no HEAD answer): no made-up total.
    expect(makeOfflineLabel(ids, [], { mnist: null })).toBe('Make all datasets available offline');
  });
});
