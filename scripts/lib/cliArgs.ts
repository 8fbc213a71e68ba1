/**
 * Parses `npm run train` flags: every TrainConfig field as `--field value`, plus the run's own
 * options. Config values are checked by the same resolveConfig the worker uses.
 */
import { readFileSync } from 'node:fs';
import type { BackendChoice, TrainConfig } from '../../src/core/config';
import { BACKEND_CHOICES, CONFIG_FIELDS, fieldFromText } from '../../src/core/config';

export interface CliOptions {
  config: Record<string, unknown>;
  steps?: number;
  out: string;
  /** A run file to continue (`--steps` is then the step to continue to). */
  resume?: string;
  backend: BackendChoice;
  /** Steps between quality measurements (and one at the end). */
  qualityEvery: number;
  listDatasets: boolean;
  help: boolean;
}

export class CliError extends Error {}

const RUN_FLAGS = ['steps', 'out', 'resume', 'backend', 'quality-every', 'config', 'list-datasets', 'help'];

export function parseCliArgs(argv: string[]): CliOptions {
  const opts: CliOptions = { config: {}, out: 'runs/latest', backend: 'auto', qualityEvery: 500, listDatasets: false, help: false };
  const fromFlags: Record<string, unknown> = {};
  let fileConfig: Record<string, unknown> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) throw new CliError(`unexpected argument "${arg}" (flags look like --dataset ring8)`);
    const [name, parsedValue] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    let value = parsedValue;
    if (name === 'list-datasets' || name === 'help') {
      opts[name === 'help' ? 'help' : 'listDatasets'] = true;
      continue;
    }
    if (value === undefined) {
      value = argv[++i];
      if (value === undefined || value.startsWith('--')) throw new CliError(`--${name} needs a value`);
    }
    if (name === 'steps') opts.steps = positiveInt(name, value);
    else if (name === 'quality-every') opts.qualityEvery = positiveInt(name, value);
    else if (name === 'out') opts.out = value;
    else if (name === 'resume') opts.resume = value;
    else if (name === 'backend') {
      if (!(BACKEND_CHOICES as readonly string[]).includes(value)) throw new CliError(`--backend must be one of ${BACKEND_CHOICES.join(', ')}; got "${value}"`);
      opts.backend = value as BackendChoice;
    } else if (name === 'config') fileConfig = readConfigFile(value);
    else if (name in CONFIG_FIELDS) {
      // Numbers and booleans stay strings if they do not parse, so validation names the field and the value.
      fromFlags[name] = fieldFromText(name as keyof TrainConfig, value);
    } else {
      throw new CliError(`unknown flag --${name}; config fields: ${Object.keys(CONFIG_FIELDS).join(', ')}; run flags: ${RUN_FLAGS.join(', ')}`);
    }
  }
  // Flags win over the file, so a saved config can be varied from the command line.
  opts.config = { ...fileConfig, ...fromFlags };
  return opts;
}

function positiveInt(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new CliError(`--${name} must be a positive integer; got "${value}"`);
  return n;
}

function readConfigFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new CliError(`--config: cannot read ${path}: ${(e as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new CliError(`--config: ${path} is not valid JSON: ${(e as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new CliError(`--config: ${path} must hold a JSON object`);
  // A summary.json from an earlier run holds its config under "config": accept that too.
  const obj = parsed as Record<string, unknown>;
  return typeof obj.config === 'object' && obj.config !== null && !Array.isArray(obj.config) ? (obj.config as Record<string, unknown>) : obj;
}

export const USAGE = `Usage: npm run train -- [--dataset ID] [--steps N] [--out DIR] [--backend auto|wasm|cpu]
                        [--config file.json] [--<config field> value ...] [--quality-every N]
       npm run train -- --resume run.ganrun --steps N [--out DIR]   (continue a saved run up to step N)
       npm run train -- --list-datasets
--out DIR also gets run.ganrun, the whole run state, for --resume and the app's Open run.
--steps defaults to the dataset's recommended run (ring8 5000, grid25 10000, MNIST and Fashion-MNIST about 4 minutes, emoji about 9, on 2 CPU cores).
Config fields: ${Object.keys(CONFIG_FIELDS).join(', ')}`;
