/** Ask before reset (one store action for the setup pickers, the datasets window and lessons). */
import { describe, expect, it } from 'vitest';
import type { Command } from '../../worker/protocol';
import { createAppStore } from './appStore';

function setup() {
  const sent: Command[] = [];
  const store = createAppStore((c) => sent.push(c));
  return { sent, s: () => store.getState() };
}

describe('ask before reset', () => {
  it('applies at once when the run has no steps to lose', () => {
    const { sent, s } = setup();
    s().askReset('seed to 3', () => s().reset({ seed: 3 }));
    expect(s().resetAsk).toBeNull();
    expect(sent).toEqual([{ type: 'reset', config: { seed: 3 } }]);
  });

  it('waits for a confirmation when there is a run, and applies only the newest ask', () => {
    const { sent, s } = setup();
    s().handleEvent({ type: 'state', running: true, step: 40, epoch: 0 });
    s().askReset('seed to 3', () => s().reset({ seed: 3 }));
    s().askReset('batch size to 16', () => s().reset({ batchSize: 16 }));
    expect(s().resetAsk).toBe('batch size to 16');
    expect(sent).toEqual([]);
    s().confirmReset();
    expect(s().resetAsk).toBeNull();
    expect(sent).toEqual([{ type: 'reset', config: { batchSize: 16 } }]);
    s().confirmReset(); // nothing waits any more
    expect(sent).toHaveLength(1);
  });

  it('cancelling keeps the run and forgets the change', () => {
    const { sent, s } = setup();
    s().handleEvent({ type: 'state', running: true, step: 40, epoch: 0 });
    s().askReset('dataset to your drawing', () => s().useDrawnPoints(new Float32Array(2)));
    s().cancelReset();
    expect(s().resetAsk).toBeNull();
    s().confirmReset();
    expect(sent).toEqual([]);
  });
});

describe('the lesson panel', () => {
  it('shows and hides the chosen lesson', () => {
    const { s } = setup();
    expect(s().activeLesson).toBeNull();
    s().showLesson('ring-collapse');
    expect(s().activeLesson).toBe('ring-collapse');
    s().showLesson(null);
    expect(s().activeLesson).toBeNull();
  });
});
