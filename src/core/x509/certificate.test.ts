import { describe, expect, it, beforeAll } from 'vitest';
import { X509Certificate } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { decodeCertificate, parseCertificate, validityStatus } from './certificate.ts';
import { pemCertificates, scanPem } from '../formats/pem.ts';
import { DerError } from '../der/errors.ts';
import { extensionText } from '../inspect/describe.ts';
import { execFileSync } from 'node:child_process';
import { makeChain, openssl, type Chain } from '../../../test/fixtures/inspect/openssl-chain.ts';
import { LIMBO_DIR } from '../../../test/conformance/limbo-runner.ts';

const subtle = globalThis.crypto.subtle;
const der = (pem: string) => scanPem(pem).blocks[0].bytes;

/** Reads a value from `openssl x509 -noout <flag>` output (`name=value`). */
function x509Field(chain: Chain, file: string, flag: string, nameopt = 'RFC2253'): string {
  const out = openssl(['x509', '-in', file, '-noout', flag, '-nameopt', nameopt], chain.dir).toString().trim();
  return out.slice(out.indexOf('=') + 1);
}
const opensslDate = (s: string) => Date.parse(s.replace(' GMT', 'Z').replace(/^(\w+)\s+(\d+) (\S+) (\d+)Z$/, '$1 $2 $4 $3Z'));

// root (RSA 2048) -> ica (P-384, pathlen:0, name constraints) -> ee (P-256, SAN of every kind); ed (Ed25519, self-signed leaf)
let chain: Chain;
beforeAll(() => {
  chain = makeChain();
});

describe('parseCertificate on certificates made by openssl', () => {
  it('reads every field of the leaf as openssl x509 -text does', async () => {
    const c = await parseCertificate(der(chain.pem.ee), subtle);
    expect(c.version).toBe(3);
    expect(c.serialHex).toBe(x509Field(chain, 'ee.pem', '-serial').toLowerCase());
    expect(c.sha256).toBe(
      openssl(['x509', '-in', 'ee.pem', '-noout', '-fingerprint', '-sha256'], chain.dir).toString().trim().split('=')[1].replace(/:/g, '').toLowerCase(),
    );
    expect(c.sha1).toBe(
      openssl(['x509', '-in', 'ee.pem', '-noout', '-fingerprint', '-sha1'], chain.dir).toString().trim().split('=')[1].replace(/:/g, '').toLowerCase(),
    );
    expect(c.subject.rfc4514).toBe('CN=www.example.test,UID=42+OU=Web,O=Certlab \\"Quoted\\" \\+ Co,L=Test\\, City,ST=Test State,C=US');
    expect(c.subject.rfc4514).toBe(x509Field(chain, 'ee.pem', '-subject'));
    expect(c.subject.oneline).toBe('C=US, ST=Test State, L=Test, City, O=Certlab "Quoted" + Co, OU=Web + UID=42, CN=www.example.test');
    expect(c.subject.oneline).toBe(x509Field(chain, 'ee.pem', '-subject', 'utf8,sep_comma_plus_space'));
    expect(c.issuer.oneline).toBe('DC=test, DC=example, O=Certlab Test, CN=Certlab Issuing CA 1 ÄÖ');
    expect(c.notBefore).toBe(opensslDate(x509Field(chain, 'ee.pem', '-startdate')));
    expect(c.notAfter).toBe(opensslDate(x509Field(chain, 'ee.pem', '-enddate')));
    expect(c.notAfter - c.notBefore).toBe(90 * 86_400_000);
    expect(c.signatureAlgorithm).toEqual({ oid: '1.2.840.10045.4.3.2', name: 'ecdsa-with-SHA256' });
    expect({ ...c.publicKey, spki: undefined }).toEqual({
      algorithm: 'EC',
      algorithmOid: '1.2.840.10045.2.1',
      bits: 256,
      curve: 'P-256',
      spki: undefined,
      spkiSha256: openssl(['dgst', '-sha256', '-r'], chain.dir, openssl(['pkey', '-in', 'ee.key', '-pubout', '-outform', 'DER'], chain.dir))
        .toString()
        .split(' ')[0],
    });
    expect(c.basicConstraints).toEqual({ ca: false });
    expect(c.keyUsage).toEqual(['digitalSignature']);
    expect(c.extKeyUsage).toEqual(['1.3.6.1.5.5.7.3.1', '1.3.6.1.5.5.7.3.2']);
    expect(c.subjectAltNames?.map((g) => (g.type === 'dirName' ? { type: 'dirName', value: g.value.rfc4514 } : g))).toEqual([
      { type: 'dns', value: 'www.example.test' },
      { type: 'dns', value: '*.api.example.test' },
      { type: 'ip', value: '10.1.2.3' },
      { type: 'ip', value: '2001:db8::1' },
      { type: 'email', value: 'admin@example.test' },
      { type: 'uri', value: 'https://example.test/id' },
      { type: 'registeredId', value: '1.2.3.4' },
      { type: 'otherName', oid: '1.3.6.1.4.1.311.20.2.3', valueHex: '0c11' + '75736572406578616d706c652e74657374' },
      { type: 'dirName', value: 'O=Dir Org,C=DE' },
    ]);
    const ext = openssl(['x509', '-in', 'ee.pem', '-noout', '-ext', 'subjectKeyIdentifier,authorityKeyIdentifier'], chain.dir).toString();
    const ids = [...ext.matchAll(/^\s+((?:[0-9A-F]{2}:)+[0-9A-F]{2})$/gm)].map((m) => m[1].replace(/:/g, '').toLowerCase());
    expect([c.subjectKeyId, c.authorityKeyId]).toEqual(ids);
    expect(c.aia).toEqual({ caIssuers: ['http://pki.example.test/ica.der'], ocsp: ['http://ocsp.example.test'] });
    expect(c.crlDistributionPoints).toEqual(['http://crl.example.test/ica.crl']);
    expect(c.policies).toEqual(['2.23.140.1.2.1', '1.3.6.1.4.1.99999.1']);
    expect(c.extensions.find((e) => e.name === 'certificatePolicies')?.decoded).toEqual({
      kind: 'certificatePolicies',
      policies: [
        { oid: '2.23.140.1.2.1', name: 'CA/B Forum Domain Validated', cps: [], userNotices: [] },
        { oid: '1.3.6.1.4.1.99999.1', name: '1.3.6.1.4.1.99999.1', cps: ['https://example.test/cps'], userNotices: [] },
      ],
    });
    expect(c.extensions.map((e) => [e.name, e.critical])).toEqual([
      ['basicConstraints', true],
      ['keyUsage', true],
      ['extKeyUsage', false],
      ['subjectKeyIdentifier', false],
      ['authorityKeyIdentifier', false],
      ['subjectAltName', false],
      ['authorityInfoAccess', false],
      ['cRLDistributionPoints', false],
      ['certificatePolicies', false],
    ]);
    expect([c.selfIssued, c.role]).toEqual([false, 'leaf']);
  });

  it('reads the intermediate: pathlen 0, name constraints with IP masks, UTF-8 names', async () => {
    const c = await parseCertificate(der(chain.pem.ica), subtle);
    expect(c.basicConstraints).toEqual({ ca: true, pathLen: 0 });
    expect(c.keyUsage).toEqual(['keyCertSign', 'cRLSign']);
    expect(c.nameConstraints).toEqual({
      permitted: [
        { type: 'dns', value: 'example.test' },
        { type: 'ip', value: '10.0.0.0', mask: '8' },
      ],
      excluded: [],
    });
    expect(c.subject.rfc4514).toBe('CN=Certlab Issuing CA 1 ÄÖ,O=Certlab Test,DC=example,DC=test');
    expect(c.publicKey.curve).toBe('P-384');
    expect(c.publicKey.bits).toBe(384);
    expect(c.signatureAlgorithm.name).toBe('sha384WithRSAEncryption');
    expect(c.role).toBe('intermediate');
    expect(c.issuer.canonical).toBe('2.5.4.6=us,2.5.4.10=certlab test,2.5.4.11=roots,2.5.4.3=certlab root r1');
  });

  it('reads the RSA root and the Ed25519 self-signed leaf', async () => {
    const root = await parseCertificate(der(chain.pem.root), subtle);
    expect([root.role, root.selfIssued, root.publicKey.algorithm, root.publicKey.bits, root.publicKey.exponent]).toEqual(['root', true, 'RSA', 2048, '65537']);
    expect(root.signatureAlgorithm.name).toBe('sha256WithRSAEncryption');
    const ed = await parseCertificate(der(chain.pem.ed), subtle);
    expect([ed.role, ed.selfIssued, ed.publicKey.algorithm, ed.publicKey.bits, ed.signatureAlgorithm.name]).toEqual(['leaf', true, 'Ed25519', 256, 'ED25519']);
  });
});

describe('real certificates', () => {
  it('parses the whole Debian CA bundle and agrees with node:crypto on each certificate', async () => {
    const all = pemCertificates(readFileSync('/etc/ssl/certs/ca-certificates.crt', 'utf8'));
    expect(all.length).toBeGreaterThan(100);
    const disagreements: string[] = [];
    for (const d of all) {
      const c = await parseCertificate(d, subtle);
      const n = new X509Certificate(d);
      const details = n.publicKey.asymmetricKeyDetails ?? {};
      const mine = [c.sha256, c.serialHex, c.notBefore, c.notAfter, c.publicKey.bits, c.role];
      const native = [
        n.fingerprint256.replace(/:/g, '').toLowerCase(),
        n.serialNumber
          .toLowerCase()
          .replace(/^(00)+(?=.)/, '')
          .replace(/^(.(..)*)$/, '0$1'),
        n.validFromDate.getTime(),
        n.validToDate.getTime(),
        details.modulusLength ?? { prime256v1: 256, secp384r1: 384, secp521r1: 521 }[details.namedCurve ?? ''],
        n.ca ? 'root' : 'leaf',
      ];
      if (JSON.stringify(mine) !== JSON.stringify(native)) disagreements.push(`${c.subject.oneline}: ${JSON.stringify(mine)} vs ${JSON.stringify(native)}`);
    }
    expect(disagreements).toEqual([]);
  });

  it('parses every chain of the x509-limbo online cases', async () => {
    const dir = `${LIMBO_DIR}/online`;
    let count = 0;
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.limbo.json'))) {
      const tc = JSON.parse(readFileSync(`${dir}/${f}`, 'utf8'));
      for (const pem of [tc.peer_certificate, ...tc.untrusted_intermediates, ...tc.trusted_certs]) {
        const c = await parseCertificate(der(pem), subtle);
        const n = new X509Certificate(der(pem));
        expect(c.sha256).toBe(n.fingerprint256.replace(/:/g, '').toLowerCase());
        count++;
      }
      const peer = decodeCertificate(der(tc.peer_certificate));
      expect(peer.role).toBe('leaf');
      expect(peer.subjectAltNames?.length).toBeGreaterThan(0);
    }
    expect(count).toBeGreaterThan(28);
  });
});

describe('cross-check with openssl x509 on the real limbo chains', () => {
  const OPENSSL_EXT: Record<string, string> = {
    'X509v3 Key Usage': 'keyUsage',
    'X509v3 Basic Constraints': 'basicConstraints',
    'Authority Information Access': 'authorityInfoAccess',
    'X509v3 Subject Alternative Name': 'subjectAltName',
    'X509v3 Extended Key Usage': 'extKeyUsage',
    'X509v3 CRL Distribution Points': 'cRLDistributionPoints',
    'X509v3 Subject Key Identifier': 'subjectKeyIdentifier',
  };
  /** `openssl x509 -noout -ext ...` output as { name: [critical, value lines] }. */
  function opensslExt(pem: string): Record<string, [boolean, string]> {
    const out = execFileSync(
      'openssl',
      ['x509', '-noout', '-ext', 'subjectAltName,keyUsage,basicConstraints,authorityInfoAccess,extendedKeyUsage,crlDistributionPoints,subjectKeyIdentifier'],
      { input: pem },
    ).toString();
    const res: Record<string, [boolean, string]> = {};
    let cur: string | undefined;
    for (const line of out.split('\n')) {
      const head = /^(\S.*?): ?(critical)?\s*$/.exec(line);
      if (head && OPENSSL_EXT[head[1]]) {
        cur = OPENSSL_EXT[head[1]];
        res[cur] = [head[2] === 'critical', ''];
      } else if (cur && line.trim() && line.trim() !== 'Full Name:') {
        res[cur][1] += (res[cur][1] ? ', ' : '') + line.trim();
      }
    }
    return res;
  }
  it('names, critical flags and extension values agree on every certificate', async () => {
    const dir = `${LIMBO_DIR}/online`;
    const diffs: string[] = [];
    let compared = 0;
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.limbo.json'))) {
      const tc = JSON.parse(readFileSync(`${dir}/${f}`, 'utf8'));
      for (const pem of [tc.peer_certificate, ...tc.untrusted_intermediates]) {
        const c = decodeCertificate(der(pem));
        const subject = execFileSync('openssl', ['x509', '-noout', '-subject', '-nameopt', 'RFC2253'], { input: pem }).toString().trim().slice(8);
        if (/^[\x20-\x7e]*$/.test(subject) && subject !== c.subject.rfc4514) diffs.push(`${f} subject: ${subject} vs ${c.subject.rfc4514}`);
        const theirs = opensslExt(pem);
        const mine: Record<string, [boolean, string]> = {};
        for (const e of c.extensions) {
          if (!Object.values(OPENSSL_EXT).includes(e.name)) continue;
          const lines = extensionText(e).map((l) => (e.name === 'extKeyUsage' ? l.replace(/ \(\w+\)$/, '') : l));
          mine[e.name] = [e.critical, lines.join(', ')];
        }
        if (JSON.stringify(mine, Object.keys(mine).sort()) !== JSON.stringify(theirs, Object.keys(mine).sort())) {
          diffs.push(`${f} ${c.subject.oneline}: ${JSON.stringify(mine)} vs ${JSON.stringify(theirs)}`);
        }
        compared++;
      }
    }
    expect(diffs).toEqual([]);
    expect(compared).toBeGreaterThan(25);
  });
});

describe('malformed certificates fail with a typed DerError', () => {
  const errorOf = (bytes: Uint8Array) => {
    try {
      decodeCertificate(bytes);
    } catch (e) {
      return e instanceof DerError ? { kind: e.kind, offset: e.offset } : e;
    }
    return 'no error';
  };
  it('names truncation, trailing data and BER lengths', () => {
    const good = der(chain.pem.ee);
    expect(errorOf(good.subarray(0, 100))).toEqual({ kind: 'Truncated', offset: 0 });
    const trailing = new Uint8Array([...good, 0x05, 0x00]);
    expect(errorOf(trailing)).toEqual({ kind: 'TrailingData', offset: good.length });
    expect(errorOf(new Uint8Array([0x30, 0x80, 0x00, 0x00]))).toEqual({ kind: 'IndefiniteLength', offset: 1 });
    expect(errorOf(new Uint8Array([0x30, 0x81, 0x02, 0x05, 0x00]))).toEqual({ kind: 'NonMinimalLength', offset: 1 });
    expect(errorOf(new Uint8Array([0x02, 0x01, 0x00]))).toEqual({ kind: 'UnexpectedTag', offset: 0 });
    expect(errorOf(new Uint8Array([]))).toEqual({ kind: 'UnexpectedTag', offset: 0 });
  });
  it('refuses nesting deeper than the limit', () => {
    const depth = 200;
    const bytes = new Uint8Array(depth * 2);
    for (let i = 0; i < depth; i++) {
      bytes[i * 2] = 0x30;
      bytes[i * 2 + 1] = 0x80;
    }
    // BER reader: indefinite lengths nest until the limit
    expect(errorOf(bytes)).toEqual({ kind: 'IndefiniteLength', offset: 1 });
  });
});

describe('validityStatus', () => {
  const day = 86_400_000;
  it('says expires in / expired ago / not yet valid against an explicit time', () => {
    expect(validityStatus(0, 10 * day, 3 * day)).toEqual({ state: 'valid', days: 7, text: 'expires in 7 days' });
    expect(validityStatus(0, 10 * day, 11 * day)).toEqual({ state: 'expired', days: 1, text: 'expired 1 day ago' });
    expect(validityStatus(5 * day, 10 * day, 2 * day)).toEqual({ state: 'not-yet-valid', days: 3, text: 'not valid for another 3 days' });
  });
});
