/**
 * The README's probe configuration table, written from PROBE_ENV_VARS (config.ts): each entry
 * is "DEFAULT — meaning". `scripts/gen-readme-probe-table.ts` rewrites the README between the
 * markers; env-table.test.ts fails when the README and config.ts disagree.
 */
import { PROBE_ENV_VARS } from './config.ts';

export const TABLE_START = '<!-- probe-env-table: generated from src/server/probe/config.ts by scripts/gen-readme-probe-table.ts; do not edit by hand -->';
export const TABLE_END = '<!-- /probe-env-table -->';

export function probeEnvTable(vars: Readonly<Record<string, string>> = PROBE_ENV_VARS): string {
  const rows = Object.entries(vars).map(([name, text]) => {
    const at = text.indexOf(' — ');
    if (at < 0) throw new Error(`PROBE_ENV_VARS.${name} = "${text}": expected "DEFAULT — meaning".`);
    return `| \`${name}\` | \`${text.slice(0, at)}\` | ${text.slice(at + 3).replace(/\|/g, '\\|')} |`;
  });
  return ['| Variable | Default | Meaning |', '| --- | --- | --- |', ...rows].join('\n');
}

/** The README with the table between the markers replaced by the generated one. */
export function withProbeEnvTable(readme: string, table: string = probeEnvTable()): string {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error(`README.md has no "${TABLE_START}" … "${TABLE_END}" block.`);
  return `${readme.slice(0, start + TABLE_START.length)}\n${table}\n${readme.slice(end)}`;
}
