/**
 * x509-limbo conformance: every case of test/conformance/x509-limbo (limbo.json and
 * online/*.limbo.json, a pinned copy) and of BetterTLS's suites (test/conformance/bettertls,
 * exported from the pinned Go module) through the validator, each namespace with its profile
 * (limboProfileName). Writes `{ id, actual, context }` per case to test/.out/limbo-results.json
 * and prints the agreement per namespace. Fails on any disagreement not listed, with its
 * reason, in limbo-exceptions.json, on any listed exception that no longer disagrees, and when
 * agreement falls under 99.5%. The slowest case is printed, not asserted (timings depend on the machine).
 */
import { describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { BETTERTLS_FILE, LIMBO_DIR, REPO_ROOT, limboProfileName, loadBetterTlsCases, loadLimboCases, runLimboCase, type LimboResult } from './limbo-runner.ts';

interface Exception {
  id: string;
  expected: string;
  actual: string;
  reason: string;
}

const exceptions: Exception[] = JSON.parse(readFileSync(join(REPO_ROOT, 'test/conformance/limbo-exceptions.json'), 'utf8')).exceptions;

describe('x509-limbo', () => {
  it('reads the pinned copy in the repository, every file as its SHA256SUMS line says', () => {
    const pinned = readFileSync(join(LIMBO_DIR, 'SHA256SUMS'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => line.split(/\s+/));
    const actual = pinned.map(([, file]) => [
      createHash('sha256')
        .update(readFileSync(join(LIMBO_DIR, file)))
        .digest('hex'),
      file,
    ]);
    expect(actual).toEqual(pinned);
    expect(pinned.length).toBe(15);
  });

  it('reads the BetterTLS export its README pins (SHA256)', () => {
    const readme = readFileSync(join(BETTERTLS_FILE, '../README.md'), 'utf8');
    const pinned = /`([0-9a-f]{64})`/.exec(readme)?.[1];
    expect(createHash('sha256').update(readFileSync(BETTERTLS_FILE)).digest('hex')).toBe(pinned);
  });

  it('agrees with expected_result on every case except the listed exceptions', { timeout: 600_000 }, async () => {
    const cases = [...loadLimboCases(), ...loadBetterTlsCases()];
    const now = Date.now();
    const results: LimboResult[] = [];
    for (const { case: c } of cases) results.push(await runLimboCase(c, now));
    const outDir = join(REPO_ROOT, 'test/.out');
    mkdirSync(outDir, { recursive: true });
    writeFileSync(
      join(outDir, 'limbo-results.json'),
      JSON.stringify(
        results.map(({ id, expected, actual, context }) => ({ id, expected, actual, context })),
        null,
        2,
      ),
    );
    const listed = new Map(exceptions.map((e) => [e.id, e]));
    const unexpected = results
      .filter((r) => r.actual !== r.expected && listed.get(r.id)?.actual !== r.actual)
      .map((r) => `${r.id}: expected ${r.expected}, got ${r.actual} (${r.context})`);
    const stale = exceptions
      .filter((e) => results.find((r) => r.id === e.id)?.actual !== e.actual)
      .map((e) => `${e.id}: listed as ${e.actual} but the validator now says ${results.find((r) => r.id === e.id)?.actual ?? 'nothing (no such case)'}`);
    expect({ unexpected, stale }).toEqual({ unexpected: [], stale: [] });
    const byNamespace = new Map<string, { profile: string; cases: number; agree: number }>();
    for (const r of results) {
      const parts = r.id.split('::');
      const ns = parts[0] === 'bettertls' ? `${parts[0]}::${parts[1]}` : parts[0];
      const row = byNamespace.get(ns) ?? { profile: limboProfileName({ id: r.id } as Parameters<typeof limboProfileName>[0]), cases: 0, agree: 0 };
      row.cases++;
      if (r.actual === r.expected) row.agree++;
      byNamespace.set(ns, row);
    }
    const agree = results.filter((r) => r.actual === r.expected).length;
    const pct = (a: number, n: number) => `${((100 * a) / n).toFixed(2)}%`;
    console.log(
      [
        `x509-limbo + BetterTLS: ${agree}/${results.length} agree (${pct(agree, results.length)}), slowest case ${Math.max(...results.map((r) => r.ms)).toFixed(0)} ms`,
        ...[...byNamespace].map(([ns, r]) => `  ${ns.padEnd(28)} ${r.profile.padEnd(8)} ${r.agree}/${r.cases} (${pct(r.agree, r.cases)})`),
      ].join('\n'),
    );
    expect(results.length).toBe(149 + 9572);
    expect(agree / results.length).toBeGreaterThanOrEqual(0.995);
  });
});
