import { describe, expect, it } from 'vitest';
import { superviseWorker, type WorkerLike } from './workerSupervisor';
import { stopReasonText } from './stopReasons';

class FakeWorker implements WorkerLike {
  onmessage: WorkerLike['onmessage'] = null;
  onerror: WorkerLike['onerror'] = null;
  onmessageerror: WorkerLike['onmessageerror'] = null;
  sent: unknown[] = [];
  terminated = false;
  /** A closed worker keeps quiet; a live one answers every ping. */
  alive = true;
  postMessage(m: unknown) {
    this.sent.push(m);
    if (this.alive && m === 'ping') this.onmessage?.({ data: 'pong' });
  }
  terminate() {
    this.terminated = true;
  }
}

function harness(expectAnswers = () => true) {
  let now = 0;
  let tick: (() => void) | null = null;
  const workers: FakeWorker[] = [];
  const restarts: string[] = [];
  const gaveUp: string[] = [];
  const messages: unknown[] = [];
  const sup = superviseWorker({
    create: () => {
      const w = new FakeWorker();
      workers.push(w);
      return w;
    },
    onMessage: (d) => messages.push(d),
    onRestart: (why) => restarts.push(stopReasonText(why)),
    onGiveUp: (why) => gaveUp.push(stopReasonText(why)),
    ping: 'ping',
    pingEveryMs: 1000,
    silenceMs: 5000,
    maxRestarts: 2,
    expectAnswers,
    setInterval: (fn) => (tick = fn),
    clearInterval: () => (tick = null),
    now: () => now,
  });
  const advance = (ms: number) => {
    for (let t = 0; t < ms; t += 1000) {
      now += 1000;
      tick?.();
    }
  };
  return { sup, workers, restarts, gaveUp, messages, advance };
}

describe('superviseWorker', () => {
  it('leaves a worker that answers its pings alone', () => {
    const h = harness();
    h.advance(30_000);
    expect(h.workers).toHaveLength(1);
    expect(h.restarts).toEqual([]);
    expect(h.messages.filter((m) => m === 'pong').length).toBe(30);
  });

  it('restarts a crashed worker at once and says why', () => {
    const h = harness();
    h.workers[0].onerror?.({ message: 'boom' });
    expect(h.workers[0].terminated).toBe(true);
    expect(h.workers).toHaveLength(2);
    expect(h.restarts).toEqual(['it failed: boom']);
    h.sup.send('start');
    expect(h.workers[1].sent).toContain('start');
  });

  it('restarts a closed (silent) worker after the silence limit, not before', () => {
    const h = harness();
    h.workers[0].alive = false;
    h.advance(4000);
    expect(h.restarts).toEqual([]);
    h.advance(1000);
    expect(h.restarts).toEqual(['it stopped answering for 5 s']);
    expect(h.workers).toHaveLength(2);
    h.advance(20_000);
    expect(h.restarts).toHaveLength(1);
  });

  it('does not count silence while no answers are expected (a long load)', () => {
    let busy = true;
    const h = harness(() => !busy);
    h.workers[0].alive = false;
    h.advance(20_000);
    expect(h.restarts).toEqual([]);
    busy = false;
    h.advance(1000);
    expect(h.restarts).toHaveLength(1);
  });

  it('gives up after repeated restarts without a word from the new worker', () => {
    const h = harness();
    h.workers[0].onerror?.({ message: 'a' });
    h.workers[1].onerror?.({ message: 'b' });
    h.workers[2].onerror?.({ message: 'c' });
    expect(h.restarts).toEqual(['it failed: a', 'it failed: b']);
    expect(h.gaveUp).toEqual(['it failed: c']);
    expect(h.workers).toHaveLength(3);
  });

  it('an answer from the new worker resets the restart budget', () => {
    const h = harness();
    for (let i = 0; i < 5; i++) {
      const w = h.workers[h.workers.length - 1];
      w.onerror?.({ message: `crash ${i}` });
      h.advance(1000); // the new worker answers a ping
    }
    expect(h.restarts).toHaveLength(5);
    expect(h.gaveUp).toEqual([]);
  });
});
