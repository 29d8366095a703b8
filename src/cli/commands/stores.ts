/**
 * `certlab stores [PLATFORM[@VERSION]] [--json]`: every platform's trust store versions, or the
 * roots of one version. Exit 0, or 2 for an unknown platform/version or missing data.
 */
import type { CliIo } from '../io.ts';
import { lookupStore, storeSpecErrorText } from '../../core/trust/spec.ts';
import { loadTrustData, trustDataErrorText } from '../../server/trust-data.ts';
import { optionsOrExit, type ParsedArgs } from '../args.ts';

export const summary = 'list the versioned trust stores (Mozilla, Apple, Microsoft, Android, Java, certifi, Debian)';

const USAGE = [
  'usage: certlab stores [PLATFORM[@VERSION]] [--json]',
  '',
  'Without an argument: every platform with its versions (name, date, number of roots).',
  "With PLATFORM[@VERSION] (e.g. android@14, apple@ios17, certifi@2021.10.8): that version's",
  'roots (SHA-256 and name) and the roots it blocks; without @VERSION the newest.',
  '',
  '  --json   print { stores: [{ id, name, versions: [{ version, date, roots }] }], sources }',
  '           (with PLATFORM: { id, name, version, date, label, source, roots: [...], blocked: [...] })',
].join('\n');

interface Options {
  spec?: string;
  json: boolean;
}

export function parseArgs(argv: string[]): ParsedArgs<Options> {
  const o: Options = { json: false };
  for (const a of argv) {
    if (a === '--help' || a === '-h') return { ok: 'help' };
    if (a === '--json') o.json = true;
    else if (a.startsWith('-')) return { ok: false, error: `unknown option "${a}". Expected one of: --json, --help.` };
    else if (o.spec === undefined) o.spec = a;
    else return { ok: false, error: `unexpected argument "${a}": give at most one PLATFORM[@VERSION].` };
  }
  return { ok: true, options: o };
}

export async function run(argv: string[], io: CliIo): Promise<number> {
  const o = optionsOrExit(parseArgs(argv), 'stores', USAGE, io);
  if (typeof o === 'number') return o;
  const d = await loadTrustData();
  if (!d.ok) {
    io.err(`certlab stores: ${trustDataErrorText(d.error)}`);
    return 2;
  }
  const data = d.pool.data;
  if (o.spec === undefined) {
    const stores = data.stores.map((s) => ({
      id: s.id,
      name: s.name,
      versions: s.versions.map((v) => ({ version: v.version, date: v.date, roots: v.roots.length })),
    }));
    if (o.json) io.out(JSON.stringify({ stores, sources: data.sources }, null, 2));
    else {
      const lines: string[] = [];
      for (const s of data.stores) {
        const first = s.versions[0];
        const last = s.versions[s.versions.length - 1];
        lines.push(`${s.id.padEnd(12)} ${s.name}`);
        lines.push(
          `${' '.repeat(13)}${s.versions.length} versions, ${first.version} (${first.date}) .. ${last.version} (${last.date}, ${last.roots.length} roots)`,
        );
      }
      lines.push('', `sources: ${data.sources.map((x) => `${x.repository}@${x.commit.slice(0, 12)} (${x.license})`).join('; ')}`);
      lines.push("Use `certlab stores PLATFORM[@VERSION]` for one version's roots.");
      io.out(lines.join('\n'));
    }
    return 0;
  }
  const r = lookupStore(data, o.spec);
  if (!r.ok) {
    io.err(`certlab stores: ${storeSpecErrorText(r.error)}`);
    return 2;
  }
  const root = (i: number) => ({ sha256: data.roots[i].sha256, name: data.roots[i].name, notAfter: data.roots[i].notAfter });
  const v = r.version;
  const out = {
    id: r.store.id,
    name: r.store.name,
    version: v.version,
    date: v.date,
    label: v.label,
    source: v.source,
    roots: v.roots.map(root),
    blocked: v.blocked.map(root),
  };
  if (o.json) io.out(JSON.stringify(out, null, 2));
  else {
    const lines = [
      `${r.store.name} ${v.version} (${v.label}; ${v.date}): ${v.roots.length} roots${v.blocked.length ? `, ${v.blocked.length} blocked` : ''}`,
      `source: ${v.source}`,
      '',
    ];
    for (const x of out.roots) lines.push(`  ${x.sha256}  ${x.name}`);
    if (out.blocked.length) lines.push('', 'blocked:', ...out.blocked.map((x) => `  ${x.sha256}  ${x.name}`));
    io.out(lines.join('\n'));
  }
  return 0;
}
