import { webcrypto } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Certificate } from '../model.ts';
import { parseCertificate } from '../x509/certificate.ts';
import { issue, type Issued } from '../../../test/clients/pki.ts';
import { hostCheck } from './host-check.ts';

// root -> ee (CN=cn-only.example.test, no subjectAltName); root -> san (SAN DNS:www.example.test)
const NOW = Date.UTC(2026, 10, 26, 12, 0, 0);
const subtle = webcrypto.subtle as unknown as SubtleCrypto;
const parse = (i: Issued): Promise<Certificate> => parseCertificate(new Uint8Array(i.cert.rawData), subtle);
let root: Certificate, cnOnly: Certificate, san: Certificate;

beforeAll(async () => {
  const r = await issue({ cn: 'Certlab Host Root', ca: true }, NOW);
  [root, cnOnly, san] = await Promise.all([
    parse(r),
    issue({ cn: 'cn-only.example.test', issuer: r, san: null }, NOW).then(parse),
    issue({ cn: 'www.example.test', issuer: r, san: ['DNS:www.example.test'] }, NOW).then(parse),
  ]);
});

const brief = (c: Awaited<ReturnType<typeof hostCheck>>) => c.verdicts.map((v) => [v.client, v.nameMatches, v.connects]);

describe('hostCheck: each client with its own name rule', () => {
  it('a certificate with only a CN: the clients that fall back to the CN accept the name, the others refuse it', async () => {
    const c = await hostCheck({ peer: cnOnly, untrusted: [], anchors: [root], trust: '1 pasted root', host: 'cn-only.example.test', at: NOW, subtle });
    expect(brief(c)).toEqual([
      ['openssl', true, true],
      ['curl', true, true],
      ['python', true, true],
      ['node', true, true],
      ['java', true, true],
      ['go', false, false],
      ['rustls', false, false],
      ['dotnet', true, true],
      ['chrome', false, false],
      ['firefox', false, false],
    ]);
    expect([c.host, c.trust, c.anchors, c.verdicts.find((v) => v.client === 'go')?.namesCompared]).toEqual(['cn-only.example.test', '1 pasted root', 1, []]);
  });

  it('the SAN name matches for every client; the wrong host and a missing anchor are refused, each in its own words', async () => {
    const ok = await hostCheck({ peer: san, untrusted: [], anchors: [root], trust: 'pasted', host: 'WWW.example.test.', at: NOW, subtle });
    const wrong = await hostCheck({ peer: san, untrusted: [], anchors: [root], trust: 'pasted', host: 'api.example.test', at: NOW, subtle });
    const untrusted = await hostCheck({ peer: san, untrusted: [], anchors: [], trust: 'none', host: 'www.example.test', at: NOW, subtle });
    expect(ok.verdicts.every((v) => v.nameMatches && v.connects && v.code === 0)).toBe(true);
    expect(wrong.verdicts.map((v) => [v.nameMatches, v.connects, v.code])).toEqual(wrong.verdicts.map(() => [false, false, 62]));
    expect(untrusted.verdicts.map((v) => [v.client, v.nameMatches, v.connects, v.code])).toEqual(untrusted.verdicts.map((v) => [v.client, true, false, 20]));
    expect(wrong.verdicts.find((v) => v.client === 'go')?.message).toBe(
      'tls: failed to verify certificate: x509: certificate is valid for www.example.test, not api.example.test',
    );
  });
});
