/**
 * Rewrites the probe configuration table in README.md from src/server/probe/config.ts
 * (PROBE_ENV_VARS). Run after adding or changing a CERTLAB_PROBE_* variable:
 *
 *   ./node_modules/.bin/node scripts/gen-readme-probe-table.ts
 *
 * src/server/probe/env-table.test.ts fails until the README matches.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { withProbeEnvTable } from '../src/server/probe/env-table.ts';

const path = resolve(import.meta.dirname, '../README.md');
const before = readFileSync(path, 'utf8');
const after = withProbeEnvTable(before);
if (after !== before) writeFileSync(path, after);
console.log(after === before ? 'README.md: probe table already up to date' : 'README.md: probe table rewritten');
