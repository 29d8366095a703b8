import { describe, expect, it } from 'vitest';
import { CAUSE_IDS } from '../../src/core/causes/cause-id.ts';
import { judge, loadCorpus, score } from './corpus.ts';

const { sources, captured } = loadCorpus();
const all = [...sources, ...captured];

describe('decoder corpus', () => {
  it('holds real texts, each with a source and an expected cause from the shared list', () => {
    expect(sources.length).toBeGreaterThanOrEqual(30);
    expect(captured.length).toBeGreaterThanOrEqual(100);
    for (const e of all) {
      expect(e.source.length).toBeGreaterThan(10);
      expect(CAUSE_IDS).toContain(e.expected);
      expect(e.text.trim().length).toBeGreaterThan(0);
    }
    expect(new Set(all.map((e) => e.id)).size).toBe(all.length);
    // every client that ran here is represented
    expect(new Set(captured.map((e) => e.client))).toEqual(new Set(['openssl', 'curl', 'python', 'node', 'java']));
  });

  it('places at least 95% right and is never confidently wrong', () => {
    const s = score(all);
    expect(s.right / s.total).toBeGreaterThanOrEqual(0.95);
    expect(s.exact / s.total).toBeGreaterThanOrEqual(0.85);
    expect(s.confidentlyWrong).toBe(0);
  });

  it.each(all.map((e) => [e.id, e] as const))('%s', (_id, e) => {
    const j = judge(e);
    expect({ id: e.id, verdict: j.verdict === 'wrong' ? 'wrong' : 'right' }).toEqual({ id: e.id, verdict: 'right' });
  });
});
