import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { CAUSE_IDS } from '../../src/core/causes/cause-id.ts';
import { judge, loadCorpus, score } from './corpus.ts';

const { sources, captured, wild } = loadCorpus();
const all = [...sources, ...captured, ...wild];
/** Texts the decoder is known to misplace, each with why (an x509-limbo style exceptions file). */
const knownMisses = (
  JSON.parse(readFileSync(new URL('../decoder-corpus/known-misses.json', import.meta.url), 'utf8')) as { misses: { id: string; reason: string }[] }
).misses;

describe('decoder corpus', () => {
  it('holds at least 300 real texts from at least 30 stacks and tools, each with a source and an expected cause', () => {
    expect(all.length).toBeGreaterThanOrEqual(300);
    expect(new Set(all.map((e) => e.client)).size).toBeGreaterThanOrEqual(30);
    expect(captured.length).toBeGreaterThanOrEqual(100);
    for (const e of all) {
      expect(e.source.length).toBeGreaterThan(10);
      expect(CAUSE_IDS).toContain(e.expected);
      expect(e.text.trim().length).toBeGreaterThan(0);
    }
    // public reports name their thread
    for (const e of [...sources, ...wild]) expect(e.source).toMatch(/^https:\/\//);
    expect(new Set(all.map((e) => e.id)).size).toBe(all.length);
    // every client that ran here is represented
    expect(new Set(captured.map((e) => e.client))).toEqual(new Set(['openssl', 'curl', 'python', 'node', 'java']));
  });

  it('places at least 90% (right cause, or an honest hedge) and is confidently wrong on at most 2%', () => {
    const s = score(all);
    const pct = (n: number) => `${((100 * n) / s.total).toFixed(1)}%`;
    console.log(
      `decoder corpus: ${s.total} texts; placed ${s.right} (${pct(s.right)}), exact ${s.exact} (${pct(s.exact)}), honest hedge ${s.honest}, confidently wrong ${s.confidentlyWrong} (${pct(s.confidentlyWrong)})`,
    );
    expect(s.right / s.total).toBeGreaterThanOrEqual(0.9);
    expect(s.confidentlyWrong / s.total).toBeLessThanOrEqual(0.02);
  });

  it('misplaces exactly the texts listed in known-misses.json, so a regression or a fix shows up', () => {
    const wrong = all
      .filter((e) => judge(e).verdict === 'wrong')
      .map((e) => e.id)
      .sort();
    expect(wrong).toEqual(knownMisses.map((m) => m.id).sort());
    for (const m of knownMisses) expect(m.reason.length).toBeGreaterThan(10);
  });
});
