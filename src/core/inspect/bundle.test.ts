import { describe, expect, it, beforeAll } from 'vitest';
import { analyzeBundle, type BundleMember } from './bundle.ts';
import { parseCertificate } from '../x509/certificate.ts';
import { scanPem } from '../formats/pem.ts';
import { makeChain, type Chain } from '../../../test/fixtures/inspect/openssl-chain.ts';

// root (RSA) -> ica (P-384, pathlen:0, AIA caIssuers http://pki.example.test/root.der) -> ee (P-256, 90 days)
const subtle = globalThis.crypto.subtle;
const DAY = 86_400_000;
let chain: Chain;
let members: Record<'root' | 'ica' | 'ee', BundleMember['cert']>;

beforeAll(async () => {
  chain = makeChain();
  const p = async (pem: string) => parseCertificate(scanPem(pem).blocks[0].bytes, subtle);
  members = { root: await p(chain.pem.root), ica: await p(chain.pem.ica), ee: await p(chain.pem.ee) };
});

const bundle = (...names: ('root' | 'ica' | 'ee')[]) => names.map((n, index) => ({ index, cert: members[n] }));
const kinds = (findings: { kind: string; severity: string; items: number[] }[]) => findings.map((f) => [f.kind, f.severity, f.items]);

describe('analyzeBundle', () => {
  it('a correct fullchain.pem (leaf, intermediate) only notes that the root is left to the client', async () => {
    const a = await analyzeBundle(bundle('ee', 'ica'), subtle, members.ee.notBefore + DAY);
    expect([a.kind, a.chain, kinds(a.findings)]).toEqual(['chain', [0, 1], [['root-not-included', 'info', [1]]]]);
  });

  it('intermediate and root without a leaf: leaf missing', async () => {
    const a = await analyzeBundle(bundle('ica', 'root'), subtle, members.ee.notBefore + DAY);
    expect([a.chain, kinds(a.findings)]).toEqual([
      [0, 1],
      [
        ['leaf-missing', 'error', []],
        ['root-included', 'info', [1]],
      ],
    ]);
  });

  it('a leaf alone: its intermediate is missing, with the AIA URL', async () => {
    const a = await analyzeBundle(bundle('ee'), subtle, members.ee.notBefore + DAY);
    expect(a.findings.map((f) => [f.kind, f.severity, f.url])).toEqual([['intermediate-missing', 'warning', 'http://pki.example.test/ica.der']]);
    expect(a.kind).toBe('single');
  });

  it('judges every member at the given time: expiring soon, expired, not yet valid', async () => {
    const soon = await analyzeBundle(bundle('ee', 'ica'), subtle, members.ee.notAfter - 10 * DAY);
    expect(soon.findings[0]).toMatchObject({
      kind: 'expiring-soon',
      severity: 'warning',
      items: [0],
      message: `${members.ee.subject.oneline} expires in 10 days`,
    });
    const expired = await analyzeBundle(bundle('ee', 'ica'), subtle, members.ica.notAfter + 2 * DAY);
    expect(kinds(expired.findings)).toEqual([
      ['expired', 'error', [0]],
      ['expired', 'error', [1]],
      ['root-not-included', 'info', [1]],
    ]);
    const early = await analyzeBundle(bundle('ee', 'ica'), subtle, members.ee.notBefore - 3 * DAY);
    expect(early.findings.slice(0, 2).map((f) => f.message.replace(/^.*? is /, ''))).toEqual(['not valid for another 3 days', 'not valid for another 3 days']);
  });

  it('orders a shuffled bundle and marks each link by name, key id and signature', async () => {
    const a = await analyzeBundle(bundle('ica', 'root', 'ee'), subtle, members.ee.notBefore + DAY);
    expect(a.chain).toEqual([2, 0, 1]);
    expect(a.links.sort((x, y) => x.child - y.child)).toEqual([
      { child: 0, parent: 1, byName: true, byKeyId: 'match', signature: 'valid' },
      { child: 1, parent: 1, byName: true, byKeyId: 'match', signature: 'valid' },
      { child: 2, parent: 0, byName: true, byKeyId: 'match', signature: 'valid' },
    ]);
    expect(a.findings.find((f) => f.kind === 'wrong-order')?.rightOrder).toEqual([2, 0, 1]);
  });
});
