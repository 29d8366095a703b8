/**
 * x509-limbo conformance: every case of test/conformance/x509-limbo (limbo.json and
 * online/*.limbo.json, a pinned copy) through the validator. Writes `{ id, actual, context }` per case to
 * test/.out/limbo-results.json. Fails on any disagreement not listed, with its reason, in
 * limbo-exceptions.json, on any listed exception that no longer disagrees, on any skipped
 * case that is not listed, and when agreement falls under 97%.
 */
import { describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { LIMBO_DIR, REPO_ROOT, loadLimboCases, runLimboCase, type LimboResult } from './limbo-runner.ts';

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

  it('agrees with expected_result on every case except the listed exceptions', { timeout: 120_000 }, async () => {
    const cases = loadLimboCases();
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
    const agree = results.filter((r) => r.actual === r.expected).length;
    expect(results.length).toBe(149);
    expect(agree / results.length).toBeGreaterThanOrEqual(0.97);
  });
});
