/** `npm run sample`'s flags: the interpolation strip's arguments and their refusals (scripts/sample.ts exits 2 on each). */
import { describe, expect, it } from 'vitest';
import { CliError } from './cliArgs';
import { parseSampleArgs } from './sampleArgs';

const refusal = (argv: string[]): string => {
  try {
    parseSampleArgs(argv);
  } catch (e) {
    if (e instanceof CliError) return e.message;
    throw e;
  }
  throw new Error(`accepted: ${argv.join(' ')}`);
};

describe('parseSampleArgs: --interpolate A,B --frames F', () => {
  it('reads the two indices and the frame count (10 by default)', () => {
    expect(parseSampleArgs(['--run', 'r.ganrun', '--n', '16', '--interpolate', '3,11', '--frames', '7'])).toMatchObject({ interpolate: [3, 11], frames: 7 });
    expect(parseSampleArgs(['--run', 'r.ganrun', '--interpolate=0,5'])).toMatchObject({ interpolate: [0, 5], frames: 10 });
    expect(parseSampleArgs(['--run', 'r.ganrun']).interpolate).toBeUndefined();
  });

  it('refuses bad arguments with a message that says what is wrong', () => {
    expect(refusal(['--run', 'r', '--interpolate', '3'])).toMatch(/--interpolate takes two sample indices, e\.g\. 3,17; got "3"/);
    expect(refusal(['--run', 'r', '--interpolate', '1,2,3'])).toMatch(/two sample indices/);
    expect(refusal(['--run', 'r', '--interpolate', 'a,2'])).toMatch(/--interpolate must be a whole number ≥ 0; got "a"/);
    expect(refusal(['--run', 'r', '--interpolate', '-1,2'])).toMatch(/≥ 0; got "-1"/);
    expect(refusal(['--run', 'r', '--interpolate', '4,4'])).toMatch(/two different sample indices; got 4,4/);
    expect(refusal(['--run', 'r', '--n', '4', '--interpolate', '1,9'])).toMatch(/below --n \(4\)/);
    expect(refusal(['--run', 'r', '--interpolate', '1,2', '--frames', '1'])).toMatch(/--frames must be a whole number ≥ 2; got "1"/);
    expect(refusal(['--run', 'r', '--interpolate', '1,2', '--frames', '2.5'])).toMatch(/--frames must be a whole number ≥ 2/);
    expect(refusal(['--run', 'r', '--frames', '6'])).toMatch(/--frames needs --interpolate A,B/);
    expect(refusal(['--run', 'r', '--interpolate'])).toMatch(/--interpolate needs a value/);
  });
});
