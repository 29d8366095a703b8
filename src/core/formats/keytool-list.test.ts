import { beforeAll, describe, expect, it } from 'vitest';
import { looksLikeKeytoolList, parseKeytoolList } from './keytool-list.ts';
import { scanPem } from './pem.ts';
import { hasKeytool, makeJavaStores, type JavaStores } from '../../../test/fixtures/inspect/java-keystores.ts';

// store.jks: trusted "ca" (RSA, self-signed) and private key "server" with chain [server, ca]; outputs captured from the real keytool
const subtle = globalThis.crypto.subtle;
const HAVE = hasKeytool();
if (!HAVE) console.log('skipping the keytool -list tests: keytool is absent (Debian package openjdk-17-jdk-headless)');
let s: JavaStores;
const sha256 = async (der: Uint8Array) => Buffer.from(await subtle.digest('SHA-256', der as Uint8Array<ArrayBuffer>)).toString('hex');

describe.skipIf(!HAVE)('keytool -list output', () => {
  beforeAll(() => {
    s = makeJavaStores();
  });

  it('reads -list -v: aliases, entry types, owners and issuers, SHA-256 fingerprints equal to the certificates', async () => {
    const text = s.keytool(['-list', '-v', '-keystore', 'store.jks']);
    const ca = scanPem(s.text('ca.pem')).blocks[0].bytes;
    const server = scanPem(s.text('server.pem')).blocks[0].bytes;
    const l = parseKeytoolList(text);
    expect(looksLikeKeytoolList(text)).toBe(true);
    expect({
      style: l.style,
      storeType: l.storeType,
      declaredEntries: l.declaredEntries,
      integrityNotVerified: l.integrityNotVerified,
      entries: l.entries.map((e) => ({
        alias: e.alias,
        entryType: e.entryType,
        chainLength: e.chainLength,
        certs: e.certificates.map((c) => [c.owner, c.issuer, c.sha256]),
      })),
    }).toEqual({
      style: 'verbose',
      storeType: 'JKS',
      declaredEntries: 2,
      integrityNotVerified: false,
      entries: [
        {
          alias: 'ca',
          entryType: 'trustedCertEntry',
          chainLength: undefined,
          certs: [['CN=Keytool Test CA, O=certlab', 'CN=Keytool Test CA, O=certlab', await sha256(ca)]],
        },
        {
          alias: 'server',
          entryType: 'PrivateKeyEntry',
          chainLength: 2,
          certs: [
            ['CN=server.example.test', 'CN=Keytool Test CA, O=certlab', await sha256(server)],
            ['CN=Keytool Test CA, O=certlab', 'CN=Keytool Test CA, O=certlab', await sha256(ca)],
          ],
        },
      ],
    });
  });

  it('reads -list -rfc: each PEM block belongs to its alias (by its BEGIN line)', () => {
    const text = s.keytool(['-list', '-rfc', '-keystore', 'store.jks']);
    const l = parseKeytoolList(text);
    const blocks = scanPem(text).blocks.map((b) => b.beginLine);
    expect([l.style, l.entries.map((e) => [e.alias, e.entryType, e.certificates.map((c) => c.pemLine)])]).toEqual([
      'rfc',
      [
        ['ca', 'trustedCertEntry', [blocks[0]]],
        ['server', 'PrivateKeyEntry', [blocks[1], blocks[2]]],
      ],
    ]);
  });

  it('reads the short -list: alias, date, type and the SHA-256 fingerprint', async () => {
    const text = s.keytool(['-list', '-keystore', 'store.jks']);
    const l = parseKeytoolList(text);
    const ca = scanPem(s.text('ca.pem')).blocks[0].bytes;
    expect([l.style, l.entries.map((e) => [e.alias, e.entryType, e.certificates.map((c) => c.sha256)])]).toEqual([
      'short',
      [
        ['ca', 'trustedCertEntry', [await sha256(ca)]],
        ['server', 'PrivateKeyEntry', [expect.stringMatching(/^[0-9a-f]{64}$/) as string]],
      ],
    ]);
  });
});

describe('keytool -list text without keytool', () => {
  it('is not confused with other text', () => {
    expect([
      looksLikeKeytoolList('Alias name: x'),
      looksLikeKeytoolList('-----BEGIN CERTIFICATE-----'),
      looksLikeKeytoolList('Keystore type: JKS\nYour keystore contains 0 entries\n'),
    ]).toEqual([false, false, true]);
  });
});
