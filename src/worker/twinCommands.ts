/**
 * The commands that name run A or B (docs/twin-runs.md): forking B from A's snapshot, ending a
 * twin with one run, Start/Pause of one run, live values for A, B or both, and refusing a command
 * for B outside a twin. The session
 * (trainingSession.ts) owns the run and the queue; this module only decides and asks it.
 */
import { formatErrors, validateLiveHyperparams, type FieldError } from '../core/config';
import { Trainer } from '../core/train/trainer';
import type { LiveRun } from './liveRun';
import type { Command, ErrorCode, ErrorSource, RunKey, TwinAction, WorkerEvent } from './protocol';
import { worded, type Worded } from './wording';

type CommandOf<T extends Command['type']> = Extract<Command, { type: T }>;

export interface TwinHost {
  post(event: WorkerEvent): void;
  fail(source: ErrorSource, code: ErrorCode, text: string | Worded, fieldErrors?: FieldError[]): void;
  stopTraining(): Promise<void>;
  /** A LiveRun of `keep`'s trainer (as A) and `b` in place of `r`; the rest of `r` is disposed. */
  replaceRun(r: LiveRun, keep: RunKey, b: Trainer | null): LiveRun;
  /** Posts a new LiveRun's state and pictures, and attaches quality measures for `fresh` runs. */
  showRun(next: LiveRun, afterState: (() => void) | undefined, fresh: readonly RunKey[]): Promise<void>;
  /** Starts the training loop of `r`. */
  startLoop(r: LiveRun): void;
  /** Run keeping hears that a twin ended with `kept`. */
  twinEnded(kept: RunKey): void;
}

export interface TwinCommands {
  twin(r: LiveRun, action: TwinAction): Promise<void>;
  /** Twin start and Reset B. */
  fork(r: LiveRun, source: ErrorSource): Promise<void>;
  /** Start of A or B alone; without `key`, both. */
  startRun(r: LiveRun, key: RunKey | undefined): void;
  /** True when a pause command ends the loop: all runs, or the only run still stepping. */
  pausesAll(cmd: CommandOf<'pause'>, r: LiveRun | null): boolean;
  /** Refuses a command for B outside a twin; true when it may go on. */
  hasRun(r: LiveRun, type: Command['type'], target: string | undefined): boolean;
  /** Live values for run A, B or both. */
  setHyperparams(r: LiveRun, cmd: CommandOf<'setHyperparams'>): void;
}

export function createTwinCommands(host: TwinHost): TwinCommands {
  /**
   * B is built from A's snapshot at A's step, so it has A's weights, optimizer state, random
   * stream, data order and noise; A trains on untouched. B keeps B's live values when there was a
   * B. Training is left paused, so B's settings can be changed first.
   */
  async function fork(r: LiveRun, source: ErrorSource): Promise<void> {
    await host.stopTraining();
    const a = r.trainer;
    const live = (r.member('B')?.trainer ?? a).hyperparams;
    let b: Trainer;
    try {
      b = Trainer.fromSnapshot(await a.snapshot(), a.dataset);
      b.setHyperparams(live);
    } catch (e) {
      const detail = (e as Error).message;
      return host.fail(source, 'internal', worded('buildBFailed', { detail }, `Could not build run B: ${detail}`));
    }
    const next = host.replaceRun(r, 'A', b);
    host.post({ type: 'forked', run: 'B', step: b.step });
    next.member('B')!.postHyperparams();
    await host.showRun(next, undefined, ['B']);
  }

  async function twin(r: LiveRun, action: TwinAction): Promise<void> {
    if (action === 'start') return fork(r, 'twin');
    await host.stopTraining();
    if (!r.isTwin) return host.fail('twin', 'bad-message', `twin: ${action} needs a twin run`);
    const key = action === 'keepA' ? 'A' : 'B';
    host.twinEnded(key);
    const next = host.replaceRun(r, key, null);
    next.members[0].postHyperparams();
    await host.showRun(next, undefined, []);
  }

  function startRun(r: LiveRun, key: RunKey | undefined): void {
    if (!r.isTwin || !key) r.releaseAll();
    else if (r.running) r.hold(key, false);
    else {
      r.releaseAll();
      r.hold(key === 'A' ? 'B' : 'A', true);
    }
    if (!r.running) host.startLoop(r);
    else r.postState();
  }

  const pausesAll = (cmd: CommandOf<'pause'>, r: LiveRun | null) =>
    !r?.isTwin || !r.running || cmd.run === undefined || cmd.run === 'both' || r.isHeld(cmd.run === 'A' ? 'B' : 'A');

  function hasRun(r: LiveRun, type: Command['type'], target: string | undefined): boolean {
    if (target !== 'B' || r.isTwin) return true;
    host.fail(type, 'bad-message', `${type}: there is no run B (start a twin first)`);
    return false;
  }

  function setHyperparams(r: LiveRun, cmd: CommandOf<'setHyperparams'>): void {
    const targets = r.members.filter((m) => cmd.run === 'both' || m.key === (cmd.run ?? 'A'));
    const checked = validateLiveHyperparams(cmd.values);
    if (!checked.ok) host.fail('setHyperparams', 'bad-config', formatErrors(checked.errors), checked.errors);
    else if (targets.length === 0) host.fail('setHyperparams', 'bad-message', `setHyperparams: there is no run ${cmd.run} (start a twin first)`);
    else for (const m of targets) m.trainer.setHyperparams(checked.value);
    // Always answered, so the UI's pending values settle (with what is in force after a refusal).
    for (const m of targets.length ? targets : r.members.slice(0, 1)) m.postHyperparams();
  }

  return { twin, fork, startRun, pausesAll, hasRun, setHyperparams };
}
