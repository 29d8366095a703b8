import { beforeAll, describe, expect, it } from 'vitest';
import { JksError, readKeystore, type Keystore } from './jks.ts';
import { pemCertificates } from './pem.ts';
import { parsePrivateKey } from './keys.ts';
import { hasKeytool, makeJavaStores, STOREPASS, type JavaStores } from '../../../test/fixtures/inspect/java-keystores.ts';

// ca (RSA, self-signed) -> server (EC P-256); stores made by the real keytool (see the fixture)
const subtle = globalThis.crypto.subtle;
const HAVE = hasKeytool();
if (!HAVE) console.log('skipping the Java keystore tests: keytool is absent (Debian package openjdk-17-jdk-headless)');
let s: JavaStores;
const der = (name: string) => pemCertificates(s.text(name))[0];

/** The entries without dates and key bytes: alias, type, certificates as DER equality with the files. */
function view(k: Keystore) {
  return {
    type: k.type,
    version: k.version,
    integrity: k.integrity,
    entries: k.entries.map((e) =>
      e.type === 'private-key'
        ? { alias: e.alias, type: e.type, protection: e.protection, keyNotOpened: e.keyNotOpened, chain: e.chain.length, opened: e.pkcs8 !== undefined }
        : { alias: e.alias, type: e.type },
    ),
  };
}

describe.skipIf(!HAVE)('Java keystores written by keytool', () => {
  beforeAll(() => {
    s = makeJavaStores();
  });

  it('reads a JKS store with the password: integrity verified, the EC key decrypted, the chain and the trusted certificate intact', async () => {
    const k = await readKeystore(s.bytes('store.jks'), STOREPASS, subtle);
    expect(view(k)).toEqual({
      type: 'JKS',
      version: 2,
      integrity: 'verified',
      entries: [
        { alias: 'ca', type: 'trusted-certificate' },
        { alias: 'server', type: 'private-key', protection: 'Sun KeyProtector (SHA-1 keystream)', keyNotOpened: undefined, chain: 2, opened: true },
      ],
    });
    const [ca, server] = k.entries;
    expect(ca.type === 'trusted-certificate' && ca.certificate).toEqual(der('ca.pem'));
    expect(server.type === 'private-key' && [server.chain[0], server.chain[1]]).toEqual([der('server.pem'), der('ca.pem')]);
    const pkcs8 = server.type === 'private-key' ? server.pkcs8 : undefined;
    const key = await parsePrivateKey(pkcs8 ?? new Uint8Array(), 'pkcs8', subtle);
    expect([key.algorithm, key.bits]).toEqual(['EC', 256]);
  });

  it('reads everything but the key without a password, and names a wrong password without losing the rest', async () => {
    const none = await readKeystore(s.bytes('store.jks'), undefined, subtle);
    const wrong = await readKeystore(s.bytes('store.jks'), 'not-it', subtle);
    const entries = (keyNotOpened: string) => [
      { alias: 'ca', type: 'trusted-certificate' },
      { alias: 'server', type: 'private-key', protection: 'Sun KeyProtector (SHA-1 keystream)', keyNotOpened, chain: 2, opened: false },
    ];
    expect([view(none), view(wrong)]).toEqual([
      { type: 'JKS', version: 2, integrity: 'not-checked', entries: entries('no-password') },
      { type: 'JKS', version: 2, integrity: 'wrong-password', entries: entries('wrong-password') },
    ]);
  });

  it('reads a JCEKS store: entries and certificates, integrity verified, the 3DES-protected key listed but not decrypted', async () => {
    const k = await readKeystore(s.bytes('store.jceks'), STOREPASS, subtle);
    expect(view(k)).toEqual({
      type: 'JCEKS',
      version: 2,
      integrity: 'verified',
      entries: [
        { alias: 'ca', type: 'trusted-certificate' },
        { alias: 'server', type: 'private-key', protection: 'PBEWithMD5AndTripleDES', keyNotOpened: 'unsupported-protection', chain: 2, opened: false },
      ],
    });
  });

  it('names a file that is not a keystore and one cut short', async () => {
    const jks = s.bytes('store.jks');
    const fail = (b: Uint8Array) =>
      readKeystore(b, undefined, subtle).then(
        () => undefined,
        (e: unknown) => (e instanceof JksError ? e.failure : e),
      );
    expect(await fail(der('ca.pem'))).toEqual({ kind: 'NotAKeystore', detail: 'the file does not start with FE ED FE ED (JKS) or CE CE CE CE (JCEKS)' });
    expect(await fail(jks.subarray(0, 200))).toEqual({
      kind: 'TruncatedKeystore',
      offset: expect.any(Number) as number,
      needed: expect.any(Number) as number,
      detail: 'the certificate of ca',
    });
  });
});
