/**
 * The decoder's test corpus: real error texts from public issue threads
 * (test/decoder-corpus/sources.json, wild.json) and texts printed here by real clients against broken
 * local servers (test/decoder-corpus/captured.json, scripts/capture-client-errors.ts), each with
 * its source and expected cause; and how the decoder scores on it.
 */
import { readFileSync } from 'node:fs';
import type { CauseId } from '../../src/core/causes/cause-id.ts';
import { decode, type DecodeResult } from '../../src/core/decoder/decode.ts';

export interface CorpusEntry {
  id: string;
  client: string;
  text: string;
  source: string;
  expected: CauseId;
  note?: string;
}

const load = (name: string): CorpusEntry[] =>
  (JSON.parse(readFileSync(new URL(`../decoder-corpus/${name}`, import.meta.url), 'utf8')) as { entries: CorpusEntry[] }).entries;

/**
 * sources: the first real reports; captured: printed here by real clients; wild: reports from
 * public threads across TLS stacks and tools (test/decoder-corpus/wild.json, issue #11).
 */
export function loadCorpus(): { sources: CorpusEntry[]; captured: CorpusEntry[]; wild: CorpusEntry[] } {
  return { sources: load('sources.json'), captured: load('captured.json'), wild: load('wild.json') };
}

/**
 * exact: the decoder names the expected cause.
 * honest: it does not claim high confidence and lists the expected cause among its (at most 3) candidates
 *   (texts several causes print, e.g. Java's "PKIX path building failed").
 * wrong: anything else; `confidentlyWrong` when it also said 'high'.
 */
export type Verdict = 'exact' | 'honest' | 'wrong';

export function judge(e: CorpusEntry, r: DecodeResult = decode(e.text)): { verdict: Verdict; confidentlyWrong: boolean; result: DecodeResult } {
  if (r.cause === e.expected) return { verdict: 'exact', confidentlyWrong: false, result: r };
  const listed = r.candidates.some((c) => c.cause === e.expected);
  if (r.confidence !== 'high' && listed && r.candidates.length <= 3) return { verdict: 'honest', confidentlyWrong: false, result: r };
  return { verdict: 'wrong', confidentlyWrong: r.confidence === 'high', result: r };
}

export interface Score {
  total: number;
  exact: number;
  honest: number;
  wrong: number;
  confidentlyWrong: number;
  right: number;
}

export function score(entries: CorpusEntry[], decoder: (t: string) => DecodeResult = decode): Score {
  const s = { total: entries.length, exact: 0, honest: 0, wrong: 0, confidentlyWrong: 0, right: 0 };
  for (const e of entries) {
    const j = judge(e, decoder(e.text));
    s[j.verdict]++;
    if (j.confidentlyWrong) s.confidentlyWrong++;
  }
  s.right = s.exact + s.honest;
  return s;
}
