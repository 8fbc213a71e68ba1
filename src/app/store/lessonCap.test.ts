import { describe, expect, it } from 'vitest';
import type { Command } from '../../worker/protocol';
import { LESSON_CLAIMS } from '../lessonClaims';
import { createAppStore } from './appStore';

const state = (step: number, running = false) => ({ type: 'state' as const, running, step, epoch: 0 });

describe("a lesson's cap (the step its run pauses at)", () => {
  it('rides on every Start until the run reaches it; Start at the cap carries on without one', () => {
    const sent: Command[] = [];
    const store = createAppStore((c) => sent.push(c), { chartIntervalMs: 0 });
    const s = () => store.getState();
    s().start(750);
    expect(sent.at(-1)).toEqual({ type: 'start', untilStep: 750 });
    s().handleEvent(state(300));
    s().start(); // after a pause: the same cap
    expect(sent.at(-1)).toEqual({ type: 'start', untilStep: 750 });
    s().handleEvent(state(750));
    s().start();
    expect(sent.at(-1)).toEqual({ type: 'start' });
    // A reset forgets it.
    s().start(2000);
    s().reset();
    s().start();
    expect(sent.at(-1)).toEqual({ type: 'start' });
  });

  it("an open lesson's cap holds for a plain Start (a classroom link's autostart)", () => {
    const sent: Command[] = [];
    const store = createAppStore((c) => sent.push(c), { chartIntervalMs: 0 });
    store.getState().showLesson('mode-collapse');
    store.getState().start();
    expect(sent.at(-1)).toEqual({ type: 'start', untilStep: LESSON_CLAIMS['mode-collapse'].stopAtStep });
  });

  it("a live value set just before Start (a lesson's try-it) goes to the worker before the start, not on the 50 ms timer", () => {
    const sent: Command[] = [];
    const store = createAppStore((c) => sent.push(c), { chartIntervalMs: 0 });
    const s = () => store.getState();
    s().handleEvent({ type: 'state', running: false, step: 750, epoch: 0 });
    s().setLive('lrG', 1e-3);
    s().start(1250);
    expect(sent.slice(-2)).toEqual([
      { type: 'setHyperparams', values: { lrG: 1e-3 } },
      { type: 'start', untilStep: 1250 },
    ]);
    s().setLive('l2D', 1e-3);
    s().stepOnce();
    expect(sent.slice(-2)).toEqual([
      { type: 'setHyperparams', values: { l2D: 1e-3 } },
      { type: 'step', count: 1 },
    ]);
  });
});
