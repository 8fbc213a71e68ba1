/**
 * One run-file format for the app and the CLI: a run saved in the app resumes in the CLI, and a
 * run the CLI wrote opens in the app, each continuing with the losses the other would have had.
 * Both sides run on wasm here, so the numbers agree to float precision.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../src/core/backend/backend';
import { ring8Source } from '../src/core/data/ring8';
import { unpackMetrics, type StepMetrics } from '../src/core/metrics/stepMetrics';
import type { WorkerEvent } from '../src/worker/protocol';
import { decodePng } from '../src/worker/testing/fakeFiles';
import { createTrainingSession } from '../src/worker/trainingSession';

const run = promisify(execFile);
const train = (args: string[]) => run('npx', ['tsx', 'scripts/train.ts', ...args], { cwd: join(__dirname, '..') });

function appSession() {
  const events: WorkerEvent[] = [];
  const session = createTrainingSession({
    post: (ev) => events.push(ev),
    selectBackend: (requested) => selectBackend(requested === 'auto' ? 'wasm' : requested),
    datasets: [ring8Source],
    readAsset: async () => new ArrayBuffer(0),
    decodeImage: decodePng,
    yieldToEvents: () => new Promise((r) => setTimeout(r, 0)),
    now: () => performance.now(),
  });
  const rows = (from = 0): StepMetrics[] => events.slice(from).flatMap((e) => (e.type === 'metrics' ? unpackMetrics(e.data) : []));
  const last = <T extends WorkerEvent['type']>(type: T) => events.filter((e): e is Extract<WorkerEvent, { type: T }> => e.type === type).at(-1);
  return { session, events, rows, last };
}

interface Losses {
  step: number;
  dLoss: number;
  gLoss: number;
}

/** metrics.csv as rows keyed by column. */
function csvRows(dir: string): (Record<string, number> & Losses)[] {
  const [header, ...lines] = readFileSync(join(dir, 'metrics.csv'), 'utf8').trim().split('\n');
  const keys = header.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((v, i) => [keys[i], Number(v)])) as Record<string, number> & Losses);
}

function expectSameLosses(a: Losses[], b: Losses[]) {
  expect(a.map((r) => r.step)).toEqual(b.map((r) => r.step));
  a.forEach((r, i) => {
    expect(r.dLoss).toBeCloseTo(b[i].dLoss, 5);
    expect(r.gLoss).toBeCloseTo(b[i].gLoss, 5);
  });
}

describe('run files between the app and the CLI', () => {
  beforeAll(async () => {
    await selectBackend('wasm');
  });

  it('a run saved in the app resumes in the CLI with the losses the app goes on to have', async () => {
    const app = appSession();
    await app.session.handle({ type: 'init', config: { dataset: 'ring8', batchSize: 32, seed: 6 }, backend: 'wasm' });
    await app.session.handle({ type: 'step', count: 20 });
    await app.session.handle({ type: 'saveRun' });
    const file = app.last('runFile');
    expect(file).toMatchObject({ step: 20 });
    const dir = mkdtempSync(join(tmpdir(), 'gp-interchange-'));
    writeFileSync(join(dir, 'app.ganrun'), new Uint8Array(file!.bytes.slice(0)));
    const mark = app.events.length;
    await app.session.handle({ type: 'step', count: 10 });
    const appContinued = app.rows(mark);

    const { stdout } = await train(['--resume', join(dir, 'app.ganrun'), '--steps', '30', '--out', join(dir, 'cli'), '--quality-every', '1000']);
    expect(stdout).toMatch(/resuming .* at step 20/);
    expectSameLosses(csvRows(join(dir, 'cli')).slice(20), appContinued);
  });

  it('a run the CLI wrote opens in the app at its step and continues as the CLI would', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gp-interchange-'));
    await train(['--dataset', 'ring8', '--seed', '7', '--batchSize', '32', '--steps', '20', '--out', join(dir, 'first'), '--quality-every', '1000']);
    const bytes = readFileSync(join(dir, 'first', 'run.ganrun'));
    const app = appSession();
    await app.session.handle({ type: 'init', config: { dataset: 'ring8', batchSize: 16, seed: 1 }, backend: 'wasm' });
    await app.session.handle({ type: 'openRun', bytes: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength), name: 'run.ganrun' });
    expect(app.last('state')).toMatchObject({ step: 20 });
    expect(app.last('ready')?.config).toMatchObject({ seed: 7, batchSize: 32 });
    const mark = app.events.length;
    await app.session.handle({ type: 'step', count: 10 });
    const appContinued = app.rows(mark);

    await train(['--resume', join(dir, 'first', 'run.ganrun'), '--steps', '30', '--out', join(dir, 'resumed'), '--quality-every', '1000']);
    expectSameLosses(appContinued, csvRows(join(dir, 'resumed')).slice(20));
  });
});
