/** Parses `npm run sample` flags (scripts/sample.ts). */
import { CliError } from './cliArgs';

export interface SampleOptions {
  run: string;
  n: number;
  seed: number;
  out: string;
  /** The class to draw; only a conditional run has classes. */
  classIndex?: number;
  /** Indices of two of the n noise vectors to interpolate between. */
  interpolate?: [number, number];
  frames: number;
  help: boolean;
}

export const SAMPLE_USAGE = `npm run sample -- --run RUN.ganrun [--n 64] [--seed 1] [--class K] [--out runs/samples]
                        [--interpolate A,B --frames 10]
Loads a run file (made by the app or by npm run train) and writes samples.bin (uint8 N×H×W×C,
shape in summary.json) and samples.png for images, samples.csv for points. With --interpolate A,B
it also writes interpolation.bin and interpolation.png: F frames on the great circle from noise
vector A to noise vector B (two of the N drawn with --seed).`;

const wholeNumber = (name: string, value: string, min: number): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new CliError(`--${name} must be a whole number ≥ ${min}; got "${value}"`);
  return n;
};

export function parseSampleArgs(argv: string[]): SampleOptions {
  const opts: SampleOptions = { run: '', n: 64, seed: 1, out: 'runs/samples', frames: 10, help: false };
  let framesGiven = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) throw new CliError(`unexpected argument "${arg}" (flags look like --run run.ganrun)`);
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    if (name === 'help') {
      opts.help = true;
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined || value.startsWith('--')) throw new CliError(`--${name} needs a value`);
    if (name === 'run') opts.run = value;
    else if (name === 'n') opts.n = wholeNumber(name, value, 1);
    else if (name === 'seed') opts.seed = wholeNumber(name, value, 0);
    else if (name === 'out') opts.out = value;
    else if (name === 'class') opts.classIndex = wholeNumber(name, value, 0);
    else if (name === 'frames') {
      opts.frames = wholeNumber(name, value, 2);
      framesGiven = true;
    } else if (name === 'interpolate') {
      const parts = value.split(',');
      if (parts.length !== 2) throw new CliError(`--interpolate takes two sample indices, e.g. 3,17; got "${value}"`);
      opts.interpolate = [wholeNumber(name, parts[0], 0), wholeNumber(name, parts[1], 0)];
    } else throw new CliError(`unknown flag --${name}; flags: run, n, seed, class, out, interpolate, frames, help`);
  }
  if (!opts.help && !opts.run) throw new CliError('--run RUN.ganrun is required');
  // A silently ignored --frames would leave the user waiting for a strip that never comes.
  if (framesGiven && !opts.interpolate) throw new CliError('--frames needs --interpolate A,B (the two noise vectors the strip runs between)');
  if (opts.interpolate && opts.interpolate[0] === opts.interpolate[1])
    throw new CliError(`--interpolate needs two different sample indices; got ${opts.interpolate.join(',')}`);
  if (opts.interpolate && opts.interpolate.some((k) => k >= opts.n)) throw new CliError(`--interpolate indices must be below --n (${opts.n})`);
  if (opts.n > 10_000) throw new CliError(`--n must be at most 10000; got ${opts.n}`);
  return opts;
}
