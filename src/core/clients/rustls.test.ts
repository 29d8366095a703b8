/**
 * rustls's own wordings, beyond the situations every client shares (render.test.ts): the names
 * webpki lists (IPv6 in its own short form, URIs, e-mail as Unsupported), EKU OIDs by their
 * arcs, a trust anchor's dates and pathLen ignored, the SHA-1 AlgorithmIdentifier's bytes.
 * Chains built in code (test/clients/pki.ts):
 *
 *   root "Certlab Test Root" -> ica "Certlab Test ICA" -> ee "localhost"
 *
 * The texts of the shared situations are compared with a real rustls client in
 * test/clients/real-clients.test.ts.
 */
import { webcrypto } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { issue, type CertSpec, type Issued } from '../../../test/clients/pki.ts';
import type { Certificate } from '../model.ts';
import type { ValidationFailure } from '../validate/failures.ts';
import { parseCertificate } from '../x509/certificate.ts';
import { RUSTLS_CLIENT } from './rustls.ts';

const NOW = Date.UTC(2026, 10, 26, 12, 0, 0);
const DAY = 86_400_000;
const subtle = webcrypto.subtle as unknown as SubtleCrypto;
const SUBJECTS = ['CN=localhost', 'CN=Certlab Test ICA', 'CN=Certlab Test Root'];

let root: Issued;
let ica: Issued;
const parse = async (i: Issued): Promise<Certificate> => parseCertificate(new Uint8Array(i.cert.rawData), subtle);
const leaf = async (spec: Partial<CertSpec> = {}) => parse(await issue({ cn: 'localhost', issuer: ica, ...spec }, NOW));
const at = (kind: string, depth: number, extra: object = {}) => ({ kind, depth, subject: '', sha256: '', ...extra }) as ValidationFailure;
const say = (failure: ValidationFailure | null, cert: Certificate, host = 'localhost') => {
  const r = RUSTLS_CLIENT.render(failure, { host, cert, chainSubjects: SUBJECTS, at: NOW });
  return [r.fails, r.message];
};

beforeAll(async () => {
  root = await issue({ cn: 'Certlab Test Root', ca: true }, NOW);
  ica = await issue({ cn: 'Certlab Test ICA', ca: true, issuer: root }, NOW);
});

describe('rustls renderer', () => {
  it('lists every SAN entry as webpki prints it: IPv6 short form, then "or" before the last', async () => {
    const ee = await leaf({ san: ['DNS:a.example', 'IP:2001:db8::1', 'IP:10.0.0.1'] });
    expect(say(at('HostnameMismatch', 0), ee)).toEqual([
      true,
      'invalid peer certificate: certificate not valid for name "localhost"; certificate is only valid for DnsName("a.example"), IpAddress(2001:db8::1) or IpAddress(10.0.0.1)',
    ]);
  });

  it('expired leaf and not-yet-valid leaf: UNIX seconds and the distance', async () => {
    const old = await leaf({ notBefore: NOW - 100 * DAY, notAfter: NOW - 10 * DAY });
    const young = await leaf({ notBefore: NOW + DAY, notAfter: NOW + 100 * DAY });
    expect([say(at('CertExpired', 0), old), say(at('CertNotYetValid', 0), young)]).toEqual([
      [
        true,
        'invalid peer certificate: certificate expired: verification time 1795694400 (UNIX), but certificate is not valid after 1794830400 (864000 seconds ago)',
      ],
      [
        true,
        'invalid peer certificate: certificate not valid yet: verification time 1795694400 (UNIX), but certificate is not valid before 1795780800 (86400 seconds in future)',
      ],
    ]);
  });

  it("ignores a trust anchor's dates and pathLen (a name and a key), which OpenSSL checks", async () => {
    const anchor = await parse(root);
    expect([say(at('CertExpired', 2), anchor), say(at('PathLengthExceeded', 2), anchor)].map(([fails]) => fails)).toEqual([false, false]);
  });

  it('names an EKU it does not know by its arcs', async () => {
    const ee = await leaf({ eku: ['1.3.6.1.5.5.7.3.3', '1.3.6.1.5.5.7.3.2'] });
    expect(say(at('InvalidPurpose', 0, { reason: 'extended-key-usage' }), ee)).toEqual([
      true,
      'invalid peer certificate: certificate does not allow extended key usage for server authentication, allows 1, 3, 6, 1, 5, 5, 7, 3, 3, client authentication',
    ]);
  });

  it('SHA-1 leaf: the AlgorithmIdentifier content bytes, then the ring provider list', async () => {
    const ee = await leaf({ hash: 'SHA-1' });
    expect(say(at('WeakSignatureDigest', 0), ee)[1]).toMatch(
      /^invalid peer certificate: UnsupportedSignatureAlgorithmContext \{ signature_algorithm_id: \[6, 9, 42, 134, 72, 134, 247, 13, 1, 1, 5, 5, 0\], supported_algorithms: \[0x06082a8648ce3d040302, .*, 0x06092a864886f70d01010d\] \}$/,
    );
  });

  it('an issuer that is not a CA, and a CA without keyCertSign (webpki ignores keyUsage)', async () => {
    const notCa = await parse(await issue({ cn: 'Certlab Test ICA', ca: false, keyUsage: 32 | 64, eku: null, san: null, issuer: root }, NOW));
    const noCertSign = await parse(await issue({ cn: 'Certlab Test ICA', ca: true, keyUsage: 1, issuer: root }, NOW));
    expect([say(at('InvalidCa', 1, { reason: 'basic-constraints-not-ca' }), notCa), say(at('IssuerKeyNoCertSign', 1), noCertSign)]).toEqual([
      [true, 'invalid peer certificate: Other(OtherError(EndEntityUsedAsCa))'],
      [false, ''],
    ]);
  });
});
