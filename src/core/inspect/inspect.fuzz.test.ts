/**
 * Property test: mutated real inputs (truncated, bytes flipped, lengths inflated, nested
 * deeply, garbage inserted) always give a result or a typed error — never an exception,
 * never an 'Internal' error. Seeds are made with openssl: root -> ica (pathlen:0) -> ee,
 * CSR, CRL, PKCS#7, PKCS#12 (modern and legacy), encrypted PKCS#8, s_client-like text.
 * Case counts add up to 10,400 per run; vitest's timeout bounds the time.
 */
import { describe, expect, it, beforeAll } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { inspect } from './inspect.ts';
import { decodeCertificate } from '../x509/certificate.ts';
import { DerError } from '../der/errors.ts';
import { makeChain, makeExtras, type Chain } from '../../../test/fixtures/inspect/openssl-chain.ts';

const subtle = globalThis.crypto.subtle;
const at = 1_800_000_000_000;
let chain: Chain;
let der: Record<string, Uint8Array>;
let pemText: string;

beforeAll(() => {
  chain = makeChain();
  makeExtras(chain);
  const b = (n: string) => new Uint8Array(readFileSync(chain.path(n)));
  const pemDer = (n: string) => {
    const t = readFileSync(chain.path(n), 'utf8');
    return new Uint8Array(Buffer.from(t.replace(/-----[^-]+-----|\s/g, ''), 'base64'));
  };
  der = {
    ee: b('ee.der'),
    csr: b('ee.csr.der'),
    crl: pemDer('ica.crl'),
    p7b: b('chain.p7b'),
    key: pemDer('ee.key'),
    encKey: pemDer('ee-enc.key'),
    spki: pemDer('ee-pub.pem'),
    rsa1: pemDer('root-pkcs1.key'),
    modern: b('modern.p12'),
    legacy: b('legacy.p12'),
  };
  pemText = [
    chain.pem.ee,
    chain.pem.ica,
    chain.pem.eeKey,
    readFileSync(chain.path('ee.csr'), 'utf8'),
    'Certificate chain\n 0 s:CN = x\n   i:CN = y\nVerify return code: 21 (unable to verify the first certificate)\n',
  ].join('');
});

/** A mutation of bytes, chosen by fast-check. */
const mutation = fc.oneof(
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('flip' as const), at: fc.nat(), xor: fc.integer({ min: 1, max: 255 }), count: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ op: fc.constant('inflate' as const), at: fc.nat(), len: fc.constantFrom(0x80, 0x81, 0x84, 0x85, 0x8f, 0xff) }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }) }),
  fc.record({ op: fc.constant('nest' as const), depth: fc.integer({ min: 1, max: 400 }), indefinite: fc.boolean() }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(src: Uint8Array, m: Mutation): Uint8Array {
  const b = Uint8Array.from(src);
  switch (m.op) {
    case 'truncate':
      return b.subarray(0, m.at % (b.length + 1));
    case 'flip':
      for (let i = 0; i < m.count; i++) b[(m.at + i * 7919) % b.length] ^= m.xor;
      return b;
    case 'inflate': {
      // overwrite a length byte (the one after an identifier) with a long or indefinite form
      const i = 1 + (m.at % (b.length - 1));
      const out = [...b.subarray(0, i), m.len, ...(m.len > 0x80 ? [0xff, 0xff, 0xff, 0xff].slice(0, m.len & 0x7f) : []), ...b.subarray(i + 1)];
      return Uint8Array.from(out);
    }
    case 'insert':
      return Uint8Array.from([...b.subarray(0, m.at % b.length), ...m.bytes, ...b.subarray(m.at % b.length)]);
    case 'nest': {
      const head: number[] = [];
      for (let d = 0; d < m.depth; d++) head.push(0x30, m.indefinite ? 0x80 : 0x84, ...(m.indefinite ? [] : [0, 0, 0, 0]));
      return Uint8Array.from([...head, ...b, ...(m.indefinite ? new Array(m.depth * 2).fill(0) : [])]);
    }
  }
}

/** The property: a result, and when it fails, a named error that is not 'Internal'. */
const outcomes = new Map<string, number>();
async function typedOutcome(input: string | Uint8Array, password?: string): Promise<void> {
  const r = await inspect(input, { subtle, at, password });
  expect(r.error?.kind).not.toBe('Internal');
  for (const it of r.items) if (it.kind === 'error') expect(it.error.kind).not.toBe('Internal');
  if (!r.ok) expect(r.error?.kind).toMatch(/^[A-Z][A-Za-z]+$/);
  const labels = [r.ok ? 'ok' : r.error!.kind, ...r.items.flatMap((it) => ('error' in it && it.error ? [`item:${it.error.kind}`] : []))];
  for (const l of labels) outcomes.set(l, (outcomes.get(l) ?? 0) + 1);
}

describe('fuzz: mutated inputs give a result or a typed error', () => {
  it('decodeCertificate throws only DerError (4,000 cases)', () => {
    fc.assert(
      fc.property(mutation, (m) => {
        try {
          decodeCertificate(mutate(der.ee, m));
        } catch (e) {
          if (!(e instanceof DerError)) throw e;
        }
      }),
      { numRuns: 4000, seed: 20261126 },
    );
  });

  it('inspect on mutated DER of every kind (4,000 cases)', async () => {
    const kinds = ['ee', 'csr', 'crl', 'p7b', 'key', 'encKey', 'spki', 'rsa1'];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...kinds), mutation, async (k, m) => typedOutcome(mutate(der[k], m), 'pw')),
      { numRuns: 4000, seed: 7 },
    );
  }, 120_000);

  it('inspect on mutated PEM and s_client text (2,000 cases)', async () => {
    const textMutation = fc.record({ at: fc.nat(), insert: fc.string({ maxLength: 12 }), cut: fc.nat({ max: 200 }) });
    await fc.assert(
      fc.asyncProperty(textMutation, async ({ at: pos, insert, cut }) => {
        const i = pos % pemText.length;
        await typedOutcome(pemText.slice(0, i) + insert + pemText.slice(i + cut));
      }),
      { numRuns: 2000, seed: 11 },
    );
  }, 120_000);

  it('inspect on mutated PKCS#12, modern and legacy, with the password (400 cases)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('modern', 'legacy'), mutation, async (k, m) => typedOutcome(mutate(der[k], m), 's3cret')),
      { numRuns: 400, seed: 3 },
    );
  }, 120_000);

  it('the mutations reach both readable results and each kind of typed error', () => {
    // seen in a run: ok 2595, MalformedDer 3516, item:NotBase64 1190, item:WrongPassword 100, UnknownFormat 284, ...
    expect([...outcomes.keys()]).toEqual(
      expect.arrayContaining(['ok', 'MalformedDer', 'UnknownFormat', 'item:NotBase64', 'item:PemUnterminated', 'item:WrongPassword']),
    );
    expect([...outcomes.values()].reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(6400);
  });
});
