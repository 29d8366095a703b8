import { describe, expect, it, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { inspect, inspectFiles } from '../inspect/inspect.ts';
import { makeChain, makeExtras, openssl, type Chain } from '../../../test/fixtures/inspect/openssl-chain.ts';

// root -> ica (pathlen:0) -> ee, made with openssl; conversions compared byte for byte with openssl's own
const subtle = globalThis.crypto.subtle;
let chain: Chain;
const at = 1_800_000_000_000;
beforeAll(() => {
  chain = makeChain();
  makeExtras(chain);
});

describe('conversions', () => {
  it('PEM → DER and DER → PEM give what openssl x509 gives, with the command', async () => {
    const fromPem = await inspectFiles([{ name: 'ee.pem', data: chain.pem.ee }], { subtle, at });
    const der = fromPem.conversions.find((c) => c.id === 'der-0')!;
    expect([der.filename, der.command]).toEqual(['ee.der', 'openssl x509 -in ee.pem -outform DER -out ee.der']);
    expect(Buffer.from(der.bytes!)).toEqual(readFileSync(chain.path('ee.der')));
    const fromDer = await inspectFiles([{ name: 'ee.der', data: new Uint8Array(readFileSync(chain.path('ee.der'))) }], { subtle, at });
    const pem = fromDer.conversions.find((c) => c.id === 'pem-0')!;
    expect([pem.filename, pem.command]).toEqual(['ee.pem', 'openssl x509 -inform DER -in ee.der -out ee.pem']);
    expect(pem.text).toBe(openssl(['x509', '-inform', 'DER', '-in', 'ee.der'], chain.dir).toString());
  });

  it('names the block of a multi-certificate file, since openssl x509 reads only the first', async () => {
    const r = await inspectFiles([{ name: 'bundle.pem', data: chain.pem.ee + chain.pem.ica }], { subtle, at });
    expect(r.conversions.find((c) => c.id === 'der-1')?.command).toBe(
      '# save block [1] as cert-1.pem, then:\nopenssl x509 -in cert-1.pem -outform DER -out cert-1.der',
    );
  });

  it('builds fullchain.pem in the right order from a shuffled bundle with the root', async () => {
    const r = await inspect(chain.pem.root + chain.pem.ica + chain.pem.ee, { subtle, at });
    const f = r.conversions.find((c) => c.id === 'fullchain')!;
    expect([f.text, f.command]).toEqual([chain.pem.ee + chain.pem.ica, 'cat cert.pem intermediate.pem > fullchain.pem']);
  });

  it('turns a .p7b into the PEM that openssl pkcs7 -print_certs holds', async () => {
    const r = await inspectFiles([{ name: 'chain.p7b', data: new Uint8Array(readFileSync(chain.path('chain.p7b'))) }], { subtle, at });
    const p = r.conversions.find((c) => c.id === 'p7b-pem')!;
    expect([p.text, p.command]).toEqual([chain.pem.ee + chain.pem.ica, 'openssl pkcs7 -in chain.p7b -inform DER -print_certs -out chain.pem']);
  });

  it('rewrites a PKCS#1 key as the PKCS#8 openssl pkey writes', async () => {
    const r = await inspectFiles([{ name: 'root-pkcs1.key', data: readFileSync(chain.path('root-pkcs1.key'), 'utf8') }], { subtle, at });
    const k = r.conversions.find((c) => c.id === 'key-0')!;
    expect([k.text, k.command, k.containsPrivateKey]).toEqual([
      openssl(['pkey', '-in', 'root-pkcs1.key'], chain.dir).toString(),
      'openssl pkey -in root-pkcs1.key -out root-pkcs1-pkcs8.key',
      true,
    ]);
  });
});
