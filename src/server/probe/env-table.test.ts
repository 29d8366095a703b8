import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { probeEnvTable, withProbeEnvTable } from './env-table.ts';

// #17: the README said its probe table was generated from config.ts, and it was not.
describe('the README probe configuration table', () => {
  it('is the one generated from PROBE_ENV_VARS (run scripts/gen-readme-probe-table.ts after changing config.ts)', () => {
    const readme = readFileSync(resolve(import.meta.dirname, '../../../README.md'), 'utf8');
    expect(readme).toEqual(withProbeEnvTable(readme));
  });
  it('writes one row per variable, default and meaning split at the dash', () => {
    expect(probeEnvTable({ CERTLAB_PROBE_X: '5 — a | b' })).toEqual(
      '| Variable | Default | Meaning |\n| --- | --- | --- |\n| `CERTLAB_PROBE_X` | `5` | a \\| b |',
    );
    expect(() => probeEnvTable({ CERTLAB_PROBE_Y: 'no dash' })).toThrow('PROBE_ENV_VARS.CERTLAB_PROBE_Y = "no dash": expected "DEFAULT — meaning".');
  });
});
