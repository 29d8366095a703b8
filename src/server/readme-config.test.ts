/** The README's configuration tables name every variable the server reads, with its default. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SERVER_ENV_VARS } from './http-guard.ts';
import { PROBE_ENV_VARS } from './probe/config.ts';

const readme = readFileSync(resolve(import.meta.dirname, '../../README.md'), 'utf8');
const rows = new Map(
  readme.split('\n').flatMap((line) => {
    const m = /^\| `(CERTLAB_[A-Z_]+)` \| `([^`]*)` \|/.exec(line);
    return m ? [[m[1]!, m[2]!] as const] : [];
  }),
);

describe('README configuration tables', () => {
  it('list every variable with the default the code uses', () => {
    const expected = Object.entries({ ...PROBE_ENV_VARS, ...SERVER_ENV_VARS }).map(([name, text]) => [name, text.split(' — ')[0]]);
    expect(expected.map(([name]) => [name, rows.get(name!)])).toEqual(expected);
    expect([...rows.keys()].sort()).toEqual(expected.map(([name]) => name).sort());
  });
});
