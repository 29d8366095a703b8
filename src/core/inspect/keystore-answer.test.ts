import { beforeAll, describe, expect, it } from 'vitest';
import type { Certificate } from '../model.ts';
import { keystoreAnswer, keystoreAnswerText, type StoreCertificate } from './keystore-answer.ts';
import { parseCertificate } from '../x509/certificate.ts';
import { pemCertificates } from '../formats/pem.ts';
import { makeChain } from '../../../test/fixtures/inspect/openssl-chain.ts';

// root (RSA) -> ica (P-384, AIA caIssuers http://pki.example.test/root.der) -> ee (P-256); ed: an unrelated self-signed leaf
const subtle = globalThis.crypto.subtle;
let root: Certificate, ica: Certificate, ee: Certificate, ed: Certificate;
const entry = (alias: string, c: Certificate, entryType: StoreCertificate['entryType'] = 'trusted-certificate', withCert = true): StoreCertificate => ({
  alias,
  entryType,
  sha256: c.sha256,
  ...(withCert ? { certificate: c } : {}),
});

describe('is this certificate, or one on its path, in this keystore?', () => {
  beforeAll(async () => {
    const chain = makeChain();
    [root, ica, ee, ed] = await Promise.all(['root', 'ica', 'ee', 'ed'].map((n) => parseCertificate(pemCertificates(chain.pem[n as 'root'])[0], subtle)));
  });

  it('finds the certificate itself, preferring a trusted entry to a key entry', async () => {
    const a = await keystoreAnswer([ee, ica], [entry('web', ee, 'private-key'), entry('web-trusted', ee)], 'keystore.jks', subtle);
    expect(a).toEqual({ kind: 'is-this-certificate', alias: 'web-trusted', entryType: 'trusted-certificate' });
    expect(keystoreAnswerText(a, 'keystore.jks')).toBe('Yes: alias "web-trusted" in keystore.jks is this certificate (a trusted certificate entry).');
  });

  it('finds the root and an intermediate on the path, by fingerprint alone (as a keytool -list listing gives it)', async () => {
    const root2 = await keystoreAnswer([ee, ica, root], [entry('other', ed), entry('certlab-root', root, 'trusted-certificate', false)], 'cacerts', subtle);
    const mid = await keystoreAnswer([ee, ica], [entry('issuing', ica, 'trusted-certificate', false)], 'cacerts', subtle);
    expect([root2, mid]).toEqual([
      { kind: 'on-path', alias: 'certlab-root', entryType: 'trusted-certificate', depth: 2, role: 'root', subject: root.subject.oneline },
      { kind: 'on-path', alias: 'issuing', entryType: 'trusted-certificate', depth: 1, role: 'intermediate', subject: ica.subject.oneline },
    ]);
    expect(keystoreAnswerText(root2, 'cacerts')).toBe(
      `Yes: alias "certlab-root" in cacerts is the root on its path (depth 2, ${root.subject.oneline}; a trusted certificate entry).`,
    );
  });

  it('finds the root that issued the top of a path that stops below it (signature checked)', async () => {
    const a = await keystoreAnswer([ee, ica], [entry('other', ed), entry('certlabroot', root)], 'cacerts', subtle);
    expect(a).toEqual({ kind: 'issued-top', alias: 'certlabroot', entryType: 'trusted-certificate', subject: root.subject.oneline });
  });

  it('says no and names what to import: the issuer by name and its AIA URL, or the root that is in the input', async () => {
    const store = [entry('other', ed)];
    const noRoot = await keystoreAnswer([ee, ica], store, 'cacerts', subtle);
    const withRoot = await keystoreAnswer([ee, ica, root], store, 'truststore.jks', subtle);
    expect([noRoot, withRoot]).toEqual([
      {
        kind: 'not-on-path',
        importSubject: root.subject.oneline,
        haveIt: false,
        url: 'http://pki.example.test/root.der',
        command: 'keytool -importcert -alias issuer -file issuer.pem -keystore cacerts',
      },
      {
        kind: 'not-on-path',
        importSubject: root.subject.oneline,
        haveIt: true,
        command: 'keytool -importcert -alias certlab-root-r1 -file certlab-root-r1.pem -keystore truststore.jks',
      },
    ]);
    expect(keystoreAnswerText(noRoot, 'cacerts')).toBe(
      `No: nothing in cacerts is on its path. Import the issuer ${root.subject.oneline} (download it from http://pki.example.test/root.der) with: keytool -importcert -alias issuer -file issuer.pem -keystore cacerts`,
    );
  });

  it('from a keytool -list -v listing (names, no keys): the issuer by name is a "probably"; from a short listing (fingerprints only): cannot tell', async () => {
    const byName = await keystoreAnswer(
      [ee, ica],
      [{ alias: 'certlabroot', entryType: 'trusted-certificate', sha256: root.sha256, subject: 'CN=Certlab Root R1, OU=Roots, O=Certlab Test, C=US' }],
      'cacerts',
      subtle,
    );
    const blind = await keystoreAnswer([ee, ica], [{ alias: 'certlabroot', entryType: 'trusted-certificate', sha256: root.sha256 }], 'cacerts', subtle);
    expect([byName, blind]).toEqual([
      { kind: 'issuer-by-name', alias: 'certlabroot', entryType: 'trusted-certificate', subject: 'CN=Certlab Root R1, OU=Roots, O=Certlab Test, C=US' },
      { kind: 'cannot-tell', fingerprintsOnly: 1 },
    ]);
    expect(keystoreAnswerText(blind, 'cacerts')).toBe(
      'Cannot tell: cacerts lists 1 certificate by fingerprint only, and none is on its path; the issuer may still be among them. Paste keytool -list -v (names) or -list -rfc (certificates) output instead.',
    );
  });
});
