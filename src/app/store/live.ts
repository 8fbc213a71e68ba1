/**
 * Live values and their handshake with the worker. The value in force lives once, in
 * `config`; a value the user sent lives in `pending` until a `hyperparams` event confirms what
 * was applied. A drag's many changes are coalesced into at most one message per LIVE_SEND_MS.
 */
import { LIVE_KEYS } from '../../core/config';
import type { LiveHyperparams, LiveKey } from '../../core/config';
import type { AppState } from './appStore';
import type { Slice, SliceContext } from './slice';

export interface LiveSlice {
  /** The step from which the worker's last confirmed values are in force. */
  appliedStep: number | null;
  /** For each value changed during this run: the step its new value took effect. */
  appliedSince: Partial<Record<LiveKey, number>>;
  /** Values sent (or about to be) but not yet confirmed by a `hyperparams` event. */
  pending: Partial<LiveHyperparams>;
  setLive(key: LiveKey, value: number): void;
  /**
   * Sends the coalesced live values now, A's and B's. Start and Step call it first: a value set
   * just before them (a lesson's try-it button sets the rate, then starts) is in force from the
   * first step they run, not from whichever step the 50 ms timer lands on, so the run is the
   * same every time.
   */
  flushLive(): void;
}

export const LIVE_SEND_MS = 50;

export function createLiveSlice({ set, get, send }: SliceContext): Slice<LiveSlice> {
  // setHyperparams messages sent and not yet answered.
  let inFlight = 0;
  // Keys changed since the last message; their values are read from `pending` when it goes.
  let unsent = new Set<LiveKey>();
  let timer: ReturnType<typeof setTimeout> | null = null;

  const flush = () => {
    timer = null;
    const { pending } = get();
    const values: Partial<LiveHyperparams> = {};
    for (const k of unsent) if (pending[k] !== undefined) values[k] = pending[k];
    unsent = new Set();
    if (!Object.keys(values).length) return;
    inFlight++;
    send({ type: 'setHyperparams', values });
  };

  return {
    state: {
      appliedStep: null,
      appliedSince: {},
      pending: {},
      setLive(key, value) {
        const s = get();
        // While a twin is on, the control's target says which run(s) the value goes to.
        if (s.twinOn && s.liveTarget !== 'A') s.setLiveB(key, value);
        if (s.twinOn && s.liveTarget === 'B') return;
        set((st) => ({ pending: { ...st.pending, [key]: value } }));
        unsent.add(key);
        if (!timer) timer = setTimeout(flush, LIVE_SEND_MS);
      },
      flushLive() {
        if (timer) {
          clearTimeout(timer);
          flush();
        }
        get().flushLiveB();
      },
    },
    onEvent(ev) {
      switch (ev.type) {
        case 'ready':
          inFlight = 0;
          set({ appliedStep: 0, appliedSince: {}, pending: {} });
          return;
        case 'hyperparams':
          inFlight = Math.max(0, inFlight - 1);
          set((s) => {
            const pending: Partial<LiveHyperparams> = {};
            if (inFlight > 0 || timer) {
              for (const k of Object.keys(s.pending) as LiveKey[]) {
                // A value not sent yet stays pending even if it equals what this answer applied:
                // a later answer may still apply an older value.
                if (unsent.has(k) || s.pending[k] !== ev.applied[k]) pending[k] = s.pending[k];
              }
            }
            const since = { ...s.appliedSince };
            let changed = false;
            for (const k of LIVE_KEYS) {
              if (s.config && s.config[k] !== ev.applied[k]) {
                since[k] = ev.step;
                changed = true;
              }
            }
            return {
              appliedStep: ev.step,
              appliedSince: changed ? since : s.appliedSince,
              pending,
              config: s.config ? { ...s.config, ...ev.applied } : s.config,
            };
          });
          return;
        case 'error':
          if (ev.source === 'setHyperparams' && Object.keys(get().pending).length && !timer) {
            // A rejected setHyperparams: show the applied values again.
            inFlight = 0;
            set({ pending: {} });
          }
          return;
      }
    },
  };
}

/** The value a control shows: what is being sent, else what the worker applied (B's when it targets B). */
export function shownValue(
  s: Pick<AppState, 'pending' | 'config'> & Partial<Pick<AppState, 'twinOn' | 'liveTarget' | 'configB'>>,
  key: LiveKey,
): number | undefined {
  if (s.twinOn && s.liveTarget === 'B' && s.configB) return s.configB[key];
  return s.pending[key] ?? s.config?.[key];
}
