/**
 * Issue 15, an independent audit of the expert review's list: the claims corrections.test.ts did
 * not yet keep, and the places where the old claim was still taught (the code-21 exercises, the
 * CN fallback, curl's --cacert in an exercise's answer). Positive: the corrected sentence, exactly
 * (white space folded). Negative: the old sentence is gone. The facts themselves are checked
 * against the real programs in audit-facts.test.ts and ssl-audit.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gradeDecode } from '../../src/core/course/exercises.ts';
import { decode } from '../../src/core/decoder/decode.ts';

const root = resolve(import.meta.dirname, '../..');
const fold = (s: string) => s.replace(/\s+/g, ' ');
const raw = (slug: string) => readFileSync(join(root, 'content/lessons', `${slug}.mdx`), 'utf8');
const lesson = (slug: string) => fold(raw(slug));
const LESSONS = readdirSync(join(root, 'content/lessons'))
  .filter((f) => f.endsWith('.mdx'))
  .map((f) => f.replace(/\.mdx$/, ''));
const lessonsWith = (needle: string) => LESSONS.filter((slug) => lesson(slug).includes(needle));

/** An exercise's attributes by id: message and solution. */
function exercise(slug: string, id: string): { message: string; solution: string } {
  const m = new RegExp(`<Exercise\\s+id="${id}"([\\s\\S]*?)^>`, 'm').exec(raw(slug));
  if (!m) throw new Error(`No exercise "${id}" in ${slug}`);
  return {
    message: /\bmessage="([^"]+)"/.exec(m[1]!)![1]!,
    solution: fold(/\bsolution="([^"]+)"/.exec(m[1]!)![1]!),
  };
}

/** A lesson's quiz questions (the `questions` prop is a plain array literal). */
function quiz(slug: string): { q: string; options: string[]; answer: number; why: string }[] {
  const source = raw(slug);
  const from = source.indexOf('questions={[') + 'questions={'.length;
  const end = source.indexOf(']}\n/>', from);
  return new Function(`return ${source.slice(from, end + 1)};`)() as { q: string; options: string[]; answer: number; why: string }[];
}

describe('High: code 21 / 20 at depth 0 is not taught as "the server forgot its intermediate"', () => {
  it("the exercises that show a code-21 message no longer answer 'the server' from the message alone", () => {
    const node = exercise('chain-of-trust', 'chain-of-trust-first-certificate');
    const sClient = exercise('reading-the-handshake', 'reading-the-handshake-verify-code');
    // The decoder, which grades them, blames neither side: a 'server' answer is marked wrong.
    for (const e of [node, sClient]) {
      expect(decode(e.message).liability).toBe('both');
      expect(gradeDecode(e.message, { code: 21, liability: 'both' })).toEqual({ ok: true, problems: [] });
      expect(gradeDecode(e.message, { code: 21, liability: 'server' }).ok).toBe(false);
    }
    expect(node.message).toContain('if the root CA is installed locally, try running Node.js with --use-system-ca');
    expect(node.solution).toContain('The message alone cannot say who must act: either side.');
    expect(node.solution).not.toContain("The server's operator fixes it with a complete fullchain.pem.");
    expect(sClient.solution).toContain("so either side may have to act. Entry 0's `i:` settles it");
    expect(sClient.solution).not.toContain("The server's operator must send the full chain.");
  });

  it("reading-the-handshake quotes the Node.js capture's own hint, which points at the client", () => {
    expect(lesson('reading-the-handshake')).toContain(
      'That is why Node.js, for the same vault, adds *if the root CA is installed locally, try running Node.js with --use-system-ca*',
    );
    expect(readFileSync(join(root, 'scripts/examples/out/why-it-breaks/unknown-ca.txt'), 'utf8')).toContain(
      'UNABLE_TO_VERIFY_LEAF_SIGNATURE unable to verify the first certificate; if the root CA is installed locally, try running Node.js with --use-system-ca',
    );
  });

  it("the error-decoder quiz answers code 21 with the discriminator, and 'always the server' is a wrong option", () => {
    const q = quiz('error-decoder').find((x) => x.q.includes('UNABLE_TO_VERIFY_LEAF_SIGNATURE'))!;
    expect(q.options[q.answer]).toBe(
      "Whether the leaf's issuer is a root: an intermediate means the server must send it, a root means the client must trust it",
    );
    expect(q.options.indexOf('Nothing: it is always the server')).not.toBe(q.answer);
  });

  it('"Verify return code: 0" checks no revocation either', () => {
    expect(lesson('reading-the-handshake')).toContain('and no revocation unless you ask for it.');
  });
});

describe('High: "works in Chrome, fails in Python" (chain-of-trust quiz)', () => {
  it('answers with the two causes, not with the server', () => {
    const q = quiz('chain-of-trust').find((x) => x.q.startsWith('Your service works in Chrome but Python says'))!;
    expect(q.options[q.answer]).toBe(
      "What the server sends, and whether its last issuer is a root: a missing intermediate is the server's fault, a company root that only the OS store has is ours",
    );
    expect(q.why).toContain('Two causes look alike');
  });
});

describe("Medium: curl's --cacert / CURL_CA_BUNDLE and the lab servers", () => {
  it("no lesson says curl's --cacert replaces the whole default store", () => {
    expect(lessonsWith("All but Node's replace the default store")).toEqual([]);
    expect(lesson('trust-stores')).toContain(
      "requests' and Go's replace the default store, and curl's replaces its CA file (Debian's curl still searches its CA directory, `/etc/ssl/certs`)",
    );
    expect(lesson('trust-stores')).toContain("curl: `--cacert`, `CURL_CA_BUNDLE` (the file only: Debian's curl keeps its CA directory)");
  });

  it('every lab s_server, in the lessons and the capture scripts, sends only its configured chain', () => {
    const dir = join(root, 'scripts/examples');
    const sources = [
      ...LESSONS.map((slug) => ({ name: slug, text: raw(slug) })),
      ...readdirSync(dir)
        .filter((f) => f.endsWith('.sh'))
        .map((f) => ({ name: f, text: readFileSync(join(dir, f), 'utf8') })),
    ];
    const starts = sources.flatMap((s) =>
      s.text
        .split('\n')
        .filter((l) => /^\s*(?:[\w=."$-]+\s+)*openssl s_server /.test(l))
        .map((l) => ({ name: s.name, line: l.trim() })),
    );
    expect(starts.length).toBeGreaterThan(15);
    expect(starts.filter((s) => !s.line.includes('-no-CAfile -no-CApath -no-CAstore'))).toEqual([]);
  });
});

describe('Low: the lessons agree on the CN fallback', () => {
  it("curl, Node.js, Python's ssl and Java fall back; requests (urllib3 2), Go and browsers refuse", () => {
    expect(lesson('why-it-breaks')).toContain(
      "curl, Node.js, Python's own `ssl` module and Java still fall back to the CN; `requests` (urllib3 2), Go (since 1.15) and browsers refuse the certificate.",
    );
    expect(lesson('making-certificates')).toContain(
      "Python's `requests` refuses with a hostname mismatch (urllib3 2 turns the fallback off; Python's own `ssl` module still falls back)",
    );
    expect(lessonsWith('OpenSSL-based clients (curl, Node.js) and Java still fall back')).toEqual([]);
    expect(lessonsWith('Go and Python refuse.')).toEqual([]);
    expect(lessonsWith('Python refuses with a hostname mismatch: it checks the SAN only.')).toEqual([]);
  });
});
