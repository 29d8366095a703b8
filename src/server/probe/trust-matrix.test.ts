import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { webcrypto } from 'node:crypto';
import { parseCertificate } from '../../core/x509/certificate.ts';
import { pemCertificates } from '../../core/formats/pem.ts';
import { olderStoresFinding, probeTrustStores } from './trust-matrix.ts';

const subtle = webcrypto.subtle as unknown as SubtleCrypto;

async function online(host: string) {
  const c = JSON.parse(readFileSync(resolve(import.meta.dirname, `../../../test/trust-stores/online/${host}.limbo.json`), 'utf8'));
  const certs = await Promise.all(
    [c.peer_certificate as string, ...(c.untrusted_intermediates as string[])].map((p) => parseCertificate(pemCertificates(p)[0], subtle)),
  );
  return { certs, at: Date.parse(c.validation_time as string) };
}

describe('the probe judges the presented chain per trust store version (committed data)', () => {
  it('stackoverflow.com: trusted everywhere today; certifi before ISRG Root X1 fails, and that is the outdated-store evidence', async () => {
    const { certs, at } = await online('stackoverflow.com');
    const stores = (await probeTrustStores(certs, 'stackoverflow.com', at, subtle))!;
    expect(stores.map((s) => [s.id, s.trusted, s.anchor, s.oldestTrusting, s.olderVersionsFail])).toEqual([
      ['certifi', true, 'ISRG Root X1', '2016.8.8', true],
      ['node', true, 'ISRG Root X1', '14.0.0', false],
      ['debian', true, 'ISRG Root X1', '11-20210119', false],
    ]);
    expect(olderStoresFinding(stores)).toEqual({
      kind: 'older-stores-fail',
      severity: 'info',
      items: [],
      message: 'clients with older trust stores fail: certifi 2016.8.2 and older fail: ISRG Root X1 reached certifi in 2016.8.8 (2016-08-08)',
      action:
        "A client that fails while newer ones connect has an outdated CA bundle: update it (pip install -U certifi, the OS's ca-certificates package, a newer Node.js). To reach clients that old anyway, serve a chain that ends at a root they hold (a cross-signed intermediate).",
    });
  });

  it('no leaf, no matrix', async () => {
    expect(await probeTrustStores([null], 'x.test', 0, subtle)).toBe(undefined);
  });
});
