/**
 * Decoder accuracy on the real-text corpus, what the tables hold, and decoding speed.
 * Reference measured in the same run: a naive decoder that takes the first OpenSSL verify
 * text found in the input and answers that code's cause (what a grep through the code list gives).
 */
import { performance } from 'node:perf_hooks';
import { CAUSES } from '../src/core/causes/causes.ts';
import { allVerifyTexts, NUMBERING_VERSIONS, VERIFY_CODES } from '../src/core/codes/verify-codes.ts';
import { CLIENT_MESSAGES } from '../src/core/clients/messages.ts';
import { CLIENT_PATTERNS } from '../src/core/decoder/patterns.ts';
import { STACK_ENTRIES } from '../src/core/decoder/stacks/index.ts';
import { decode, type DecodeResult } from '../src/core/decoder/decode.ts';
import { loadCorpus, score } from '../test/decoder/corpus.ts';

const TEXTS = allVerifyTexts();
function naive(text: string): DecodeResult {
  const lower = text.toLowerCase();
  let best: { i: number; t: (typeof TEXTS)[number] } | undefined;
  for (const t of TEXTS) {
    const i = lower.indexOf(t.text.toLowerCase());
    if (i >= 0 && (!best || i < best.i)) best = { i, t };
  }
  const r = decode('');
  if (!best) return r;
  return { ...r, cause: best.t.code.cause, confidence: 'high', candidates: [] };
}

const { sources, captured, wild } = loadCorpus();
const all = [...sources, ...captured, ...wild];
const pct = (n: number, d: number) => `${((100 * n) / d).toFixed(1)}%`;

const ours = score(all);
const ref = score(all, naive);
console.log(
  `corpus entries: ${all.length} (${sources.length + wild.length} from public issue threads, ${captured.length} captured from real clients here; ${new Set(all.map((e) => e.client)).size} stacks and tools)`,
);
console.log(`placed right: ${pct(ours.right, ours.total)} (${ours.right}/${ours.total})`);
console.log(`exact cause: ${pct(ours.exact, ours.total)} (${ours.exact}); honest ambiguous (expected cause listed, not claimed certain): ${ours.honest}`);
console.log(`confidently wrong: ${ours.confidentlyWrong}`);
console.log(`reference (first OpenSSL text found) placed right: ${pct(ref.right, ref.total)}, confidently wrong: ${ref.confidentlyWrong}`);
console.log(`accuracy ratio (decoder / reference): ${(ours.right / Math.max(1, ref.right)).toFixed(2)}`);

const perVersion = NUMBERING_VERSIONS.map((v) => `${v}: ${VERIFY_CODES.filter((c) => c.numbers[v]).length}`).join(', ');
console.log(`verify codes in the table: ${VERIFY_CODES.length} (${perVersion})`);
console.log(`causes: ${Object.keys(CAUSES).length}`);
console.log(
  `client texts in the table: ${CLIENT_MESSAGES.length} (from ${new Set(CLIENT_MESSAGES.map((m) => m.client)).size} clients), other stacks' wordings: ${STACK_ENTRIES.length}, recognisers derived: ${CLIENT_PATTERNS.length}`,
);

function time(fn: (t: string) => unknown): number {
  for (const e of all) fn(e.text); // warm-up
  const rounds = 20;
  const t0 = performance.now();
  for (let i = 0; i < rounds; i++) for (const e of all) fn(e.text);
  return (performance.now() - t0) / (rounds * all.length);
}
const tOurs = time(decode);
const tRef = time(naive);
console.log(`decode time per text: ${(tOurs * 1000).toFixed(0)} µs`);
console.log(`reference time per text: ${(tRef * 1000).toFixed(0)} µs`);
console.log(`time ratio (decoder / reference): ${(tOurs / tRef).toFixed(2)}`);
