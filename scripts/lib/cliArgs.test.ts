import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CliError, parseCliArgs } from './cliArgs';

describe('parseCliArgs', () => {
  it('reads run flags and config fields, numbers as numbers', () => {
    const o = parseCliArgs(['--dataset', 'ring8', '--steps', '3000', '--seed', '1', '--out', 'runs/ring', '--lrG=0.002', '--loss', 'hinge']);
    expect(o).toMatchObject({ steps: 3000, out: 'runs/ring', backend: 'auto', config: { dataset: 'ring8', seed: 1, lrG: 0.002, loss: 'hinge' } });
  });

  it('reads a small training set (--trainLimit 256) as a number', () => {
    expect(parseCliArgs(['--dataset', 'emoji', '--trainLimit', '256']).config).toEqual({ dataset: 'emoji', trainLimit: 256 });
  });

  it('keeps an unparsable number as text so validation can name it', () => {
    expect(parseCliArgs(['--lrD', 'fast']).config.lrD).toBe('fast');
  });

  it('reads a boolean field (--conditional true) as a boolean, and keeps other text for validation', () => {
    expect(parseCliArgs(['--conditional', 'true']).config.conditional).toBe(true);
    expect(parseCliArgs(['--conditional=false']).config.conditional).toBe(false);
    expect(parseCliArgs(['--conditional', 'maybe']).config.conditional).toBe('maybe');
  });

  it('rejects unknown flags, missing values, bad steps and backends', () => {
    expect(() => parseCliArgs(['--lr', '1'])).toThrow(CliError);
    expect(() => parseCliArgs(['--lr', '1'])).toThrow(/unknown flag --lr/);
    expect(() => parseCliArgs(['--dataset'])).toThrow(/--dataset needs a value/);
    expect(() => parseCliArgs(['--steps', '0'])).toThrow(/positive integer/);
    expect(() => parseCliArgs(['--backend', 'tpu'])).toThrow(/--backend must be one of/);
    expect(() => parseCliArgs(['ring8'])).toThrow(/unexpected argument/);
  });

  it('reads --config files (plain or a summary.json) and lets flags override them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gp-cli-'));
    writeFileSync(join(dir, 'a.json'), JSON.stringify({ dataset: 'grid25', lrG: 0.01 }));
    writeFileSync(join(dir, 'b.json'), JSON.stringify({ config: { dataset: 'mnist' }, backend: 'wasm' }));
    writeFileSync(join(dir, 'bad.json'), '{ nope');
    expect(parseCliArgs(['--config', join(dir, 'a.json'), '--lrG', '0.1']).config).toEqual({ dataset: 'grid25', lrG: 0.1 });
    expect(parseCliArgs(['--config', join(dir, 'b.json')]).config).toEqual({ dataset: 'mnist' });
    expect(() => parseCliArgs(['--config', join(dir, 'bad.json')])).toThrow(/not valid JSON/);
    expect(() => parseCliArgs(['--config', join(dir, 'missing.json')])).toThrow(/cannot read/);
  });
});
