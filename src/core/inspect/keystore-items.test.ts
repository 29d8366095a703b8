import { beforeAll, describe, expect, it } from 'vitest';
import { inspectFiles, type InspectFile, type InspectResult } from './inspect.ts';
import { hasKeytool, makeJavaStores, STOREPASS, type JavaStores } from '../../../test/fixtures/inspect/java-keystores.ts';

// ca (RSA, self-signed) -> server (EC P-256); store.jks: trusted "ca" + key entry "server" [server, ca]; other.jks: an unrelated root
const subtle = globalThis.crypto.subtle;
const HAVE = hasKeytool();
if (!HAVE) console.log('skipping the keystore inspection tests: keytool is absent (Debian package openjdk-17-jdk-headless)');
let s: JavaStores;
const at = Date.now();
const run = (files: InspectFile[], password?: string) => inspectFiles(files, { subtle, at, ...(password !== undefined ? { password } : {}) });

/** [kind, alias, what] per item. */
const view = (r: InspectResult) =>
  r.items.map((it) => [
    it.kind,
    it.source.friendlyName,
    it.kind === 'certificate'
      ? it.certificate.subject.oneline
      : it.kind === 'keystore'
        ? `${it.keystore.type} ${it.keystore.integrity}${it.error ? ` ${it.error.kind}` : ''}`
        : it.kind === 'private-key'
          ? `${it.privateKey.algorithm} ${it.privateKey.bits}`
          : it.kind === 'error'
            ? it.error.kind
            : '',
  ]);

describe.skipIf(!HAVE)('keystores in an inspection', () => {
  beforeAll(() => {
    s = makeJavaStores();
  });

  it('lists a JKS store by alias: with the password the key is opened; without it, everything else is read and the password asked for', async () => {
    const file = () => [{ name: 'store.jks', data: s.bytes('store.jks') }];
    const open = await run(file(), STOREPASS);
    const locked = await run(file());
    const wrong = await run(file(), 'nope');
    const CA = 'O=certlab, CN=Keytool Test CA';
    expect(view(open)).toEqual([
      ['keystore', undefined, 'JKS verified'],
      ['certificate', 'ca', CA],
      ['private-key', 'server', 'EC 256'],
      ['certificate', 'server', 'CN=server.example.test'],
      ['certificate', 'server', CA],
    ]);
    expect([open.needsPassword, locked.needsPassword, wrong.needsPassword]).toEqual([false, true, true]);
    expect(view(locked)).toEqual([
      ['keystore', undefined, 'JKS not-checked'],
      ['certificate', 'ca', CA],
      ['certificate', 'server', 'CN=server.example.test'],
      ['certificate', 'server', CA],
    ]);
    expect(view(wrong)).toEqual([
      ['keystore', undefined, 'JKS wrong-password WrongKeystorePassword'],
      ['certificate', 'ca', CA],
      ['certificate', 'server', 'CN=server.example.test'],
      ['certificate', 'server', CA],
    ]);
  });

  it('answers whether a certificate is in a keystore, from the store file and from keytool -list -v text', async () => {
    const server = { name: 'server.pem', data: s.text('server.pem') };
    const inStore = await run([server, { name: 'store.jks', data: s.bytes('store.jks') }], STOREPASS);
    const inListing = await run([server, { name: 'list.txt', data: s.keytool(['-list', '-v', '-keystore', 'store.jks']) }]);
    const notIn = await run([server, { name: 'other.jks', data: s.bytes('other.jks') }], STOREPASS);
    expect([inStore.keystoreAnswers, inListing.keystoreAnswers, notIn.keystoreAnswers]).toEqual([
      [
        {
          store: 1,
          storeName: 'store.jks',
          certificate: 0,
          answer: { kind: 'is-this-certificate', alias: 'server', entryType: 'private-key' },
          text: 'Yes: alias "server" in store.jks is this certificate (the chain of a private key entry, not a trusted entry).',
        },
      ],
      [
        {
          store: 1,
          storeName: 'list.txt',
          certificate: 0,
          answer: { kind: 'is-this-certificate', alias: 'server', entryType: 'private-key' },
          text: 'Yes: alias "server" in list.txt is this certificate (the chain of a private key entry, not a trusted entry).',
        },
      ],
      [
        {
          store: 1,
          storeName: 'other.jks',
          certificate: 0,
          answer: {
            kind: 'not-on-path',
            importSubject: 'O=certlab, CN=Keytool Test CA',
            haveIt: false,
            command: 'keytool -importcert -alias issuer -file issuer.pem -keystore other.jks',
          },
          text: 'No: nothing in other.jks is on its path. Import the issuer O=certlab, CN=Keytool Test CA (ask the certificate authority for it) with: keytool -importcert -alias issuer -file issuer.pem -keystore other.jks',
        },
      ],
    ]);
  });

  it('answers "probably" from a -list -v listing that names the issuer, and "cannot tell" from a short listing', async () => {
    const server = { name: 'server.pem', data: s.text('server.pem') };
    const named = await run([server, { name: 'ca-list.txt', data: s.keytool(['-list', '-v', '-keystore', 'ca.jks']) }]);
    const short = await run([server, { name: 'other-list.txt', data: s.keytool(['-list', '-keystore', 'other.jks']) }]);
    expect([named.keystoreAnswers?.map((q) => q.answer), short.keystoreAnswers?.map((q) => q.answer)]).toEqual([
      [{ kind: 'issuer-by-name', alias: 'ca', entryType: 'private-key', subject: 'CN=Keytool Test CA, O=certlab' }],
      [{ kind: 'cannot-tell', fingerprintsOnly: 1 }],
    ]);
  });

  it('finds the trusted CA of a store for a certificate it issued (a cacerts-like store of trusted entries)', async () => {
    const server = { name: 'server.pem', data: s.text('server.pem') };
    const trust = { name: 'trust.txt', data: s.keytool(['-list', '-rfc', '-keystore', 'store.jks']).replace(/Alias name: server[\s\S]*$/, '') };
    const r = await run([server, trust]);
    expect(r.keystoreAnswers?.map((q) => q.answer)).toEqual([
      { kind: 'issued-top', alias: 'ca', entryType: 'trusted-certificate', subject: 'O=certlab, CN=Keytool Test CA' },
    ]);
  });

  it('opens the PKCS12 keystore keytool writes by default, with its store password, every certificate named by its alias', async () => {
    const r = await run([{ name: 'store.p12', data: s.bytes('store.p12') }], STOREPASS);
    // keytool names a key entry's chain certificates by their subject, and trusted entries by alias
    expect(view(r).map(([kind, alias]) => [kind, alias])).toEqual([
      ['pkcs12', undefined],
      ['private-key', 'server'],
      ['certificate', 'server'],
      ['certificate', 'CN=Keytool Test CA,O=certlab'],
      ['certificate', 'ca'],
    ]);
  });

  it('reads keytool -list -rfc text: each certificate named by its alias, nothing left over', async () => {
    const r = await run([{ name: 'list.txt', data: s.keytool(['-list', '-rfc', '-keystore', 'store.jks']) }]);
    expect(view(r)).toEqual([
      ['keystore', undefined, 'keytool -list listing'],
      ['certificate', 'ca', 'O=certlab, CN=Keytool Test CA'],
      ['certificate', 'server', 'CN=server.example.test'],
      ['certificate', 'server', 'O=certlab, CN=Keytool Test CA'],
    ]);
  });
});
