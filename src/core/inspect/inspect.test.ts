import { describe, expect, it, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { inspect, inspectFiles, type InspectResult } from './inspect.ts';
import { encodeBase64 } from '../der/base64.ts';
import { toHex } from '../der/hex.ts';
import { hasKeytool, hasNss, makeChain, makeExtras, makeJavaP12, makeNssP12, openssl, type Chain } from '../../../test/fixtures/inspect/openssl-chain.ts';
import { captureShowcerts } from '../../../test/fixtures/inspect/s-client-capture.ts';
import { LIMBO_DIR } from '../../../test/conformance/limbo-runner.ts';

// root (RSA) -> ica (P-384, pathlen:0) -> ee (P-256); ica-rekeyed: same name as ica, new key; ed: Ed25519 self-signed leaf
const subtle = globalThis.crypto.subtle;
let chain: Chain;
let at: number;
const text = (name: string) => readFileSync(chain.path(name), 'utf8');
const bytes = (name: string) => new Uint8Array(readFileSync(chain.path(name)));
const run = (input: string | Uint8Array, password?: string) => inspect(input, { subtle, at, password });

/** Compact view: [kind, format, label/parent, what] per item. */
function kinds(r: InspectResult) {
  return r.items.map((it) => {
    const what =
      it.kind === 'certificate'
        ? it.certificate.subject.oneline.split(', ').pop()
        : it.kind === 'private-key'
          ? `${it.privateKey.format} ${it.privateKey.algorithm} ${it.privateKey.bits}`
          : it.kind === 'public-key'
            ? `${it.publicKey.algorithm} ${it.publicKey.bits}`
            : it.kind === 'error'
              ? it.error.kind
              : it.kind === 'encrypted-private-key'
                ? `${it.encryption.scheme}${it.error ? ' ' + it.error.kind : ''}`
                : it.kind === 'pkcs12'
                  ? it.error
                    ? it.error.kind
                    : `legacy=${it.pkcs12?.legacy}`
                  : it.kind === 'csr'
                    ? it.csr.subject.oneline.split(', ').pop()
                    : it.kind === 'crl'
                      ? `revoked=${it.crl.revoked.length}`
                      : it.kind === 'pkcs7'
                        ? `certs=${it.pkcs7.certificates}`
                        : '';
    return [it.kind, it.source.format, it.source.parent ?? it.source.label ?? null, what];
  });
}
const findingKinds = (r: InspectResult) => r.findings.map((f) => [f.kind, f.severity, f.items]);

beforeAll(() => {
  chain = makeChain();
  makeExtras(chain);
  at = Date.now();
});

describe('inspect finds every object', () => {
  it('reads PEM of every label, the key and the chain, and matches the key to the leaf', async () => {
    const r = await run(
      [text('ee.pem'), text('ica.pem'), text('ee.key'), text('ee.csr'), text('ee-pub.pem'), text('ica.crl'), text('root-rsapub.pem')].join('\n'),
    );
    expect(r.ok).toBe(true);
    expect(kinds(r)).toEqual([
      ['certificate', 'pem', 'CERTIFICATE', 'CN=www.example.test'],
      ['certificate', 'pem', 'CERTIFICATE', 'CN=Certlab Issuing CA 1 ÄÖ'],
      ['private-key', 'pem', 'PRIVATE KEY', 'PKCS#8 EC 256'],
      ['csr', 'pem', 'CERTIFICATE REQUEST', 'CN=www.example.test'],
      ['public-key', 'pem', 'PUBLIC KEY', 'EC 256'],
      ['crl', 'pem', 'X509 CRL', 'revoked=1'],
      ['public-key', 'pem', 'RSA PUBLIC KEY', 'RSA 2048'],
    ]);
    expect(r.matches).toEqual([
      { item: 2, certificates: [0], csrs: [3], privateKeys: [] },
      { item: 3, certificates: [0], csrs: [], privateKeys: [2] },
      { item: 4, certificates: [0], csrs: [3], privateKeys: [2] },
      { item: 6, certificates: [], csrs: [], privateKeys: [] },
    ]);
    expect(findingKinds(r)).toEqual([
      ['root-not-included', 'info', [1]],
      ['crl-signature', 'info', [5, 1]],
      ['revoked', 'error', [0, 5]],
      ['key-matches', 'info', [2, 0]],
    ]);
    expect(r.findings[2].message).toMatch(
      /^C=US, .*CN=www\.example\.test was revoked on \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \(keyCompromise\) according to this CRL$/,
    );
    const csr = r.items[3];
    expect(csr.kind === 'csr' && csr.csr.signature).toEqual({ status: 'valid' });
    const crl = r.items[5];
    expect(crl.kind === 'crl' && crl.crl.revoked.map((e) => [e.serialHex, e.reason])).toEqual([
      [openssl(['x509', '-in', 'ee.pem', '-noout', '-serial'], chain.dir).toString().trim().split('=')[1].toLowerCase(), 'keyCompromise'],
    ]);
    expect(crl.kind === 'crl' && crl.crl.crlNumber).toBe('1000');
  });

  it('reads raw DER of a certificate and a CSR, bare base64, hex, and a TRUSTED CERTIFICATE', async () => {
    expect(kinds(await run(bytes('ee.der')))).toEqual([['certificate', 'der', null, 'CN=www.example.test']]);
    expect(kinds(await run(bytes('ee.csr.der')))).toEqual([['csr', 'der', null, 'CN=www.example.test']]);
    expect(kinds(await run(encodeBase64(bytes('ee.der')).replace(/(.{76})/g, '$1\n')))).toEqual([['certificate', 'base64', null, 'CN=www.example.test']]);
    expect(kinds(await run(toHex(bytes('ee.der'))))).toEqual([['certificate', 'hex', null, 'CN=www.example.test']]);
    expect(kinds(await run(text('root-trusted.pem')))).toEqual([['certificate', 'pem', 'TRUSTED CERTIFICATE', 'CN=Certlab Root R1']]);
  });

  it('reads private keys in PKCS#1, SEC1, encrypted PKCS#8 (AES and 3DES) and traditional encrypted PEM', async () => {
    expect(kinds(await run(text('root-pkcs1.key') + text('ee-sec1.key')))).toEqual([
      ['private-key', 'pem', 'RSA PRIVATE KEY', 'PKCS#1 RSA 2048'],
      ['private-key', 'pem', 'EC PRIVATE KEY', 'SEC1 EC 256'],
    ]);
    const locked = await run(text('ee-enc.key'));
    expect([kinds(locked), locked.needsPassword]).toEqual([
      [['encrypted-private-key', 'pem', 'ENCRYPTED PRIVATE KEY', 'PBES2 (PBKDF2 hmacWithSHA256, aes-256-cbc)']],
      true,
    ]);
    const wrong = await run(text('ee-enc.key'), 'nope');
    expect(kinds(wrong)).toEqual([['encrypted-private-key', 'pem', 'ENCRYPTED PRIVATE KEY', 'PBES2 (PBKDF2 hmacWithSHA256, aes-256-cbc) WrongPassword']]);
    const open = await run(text('ee-enc.key') + text('ee-enc-3des.key') + text('root-trad-enc.key') + text('ee.pem'), 'pw');
    expect(kinds(open)).toEqual([
      ['private-key', 'pem', 'ENCRYPTED PRIVATE KEY', 'PKCS#8 EC 256'],
      ['private-key', 'pem', 'ENCRYPTED PRIVATE KEY', 'PKCS#8 EC 256'],
      ['private-key', 'pem', 'RSA PRIVATE KEY', 'PKCS#1 RSA 2048'],
      ['certificate', 'pem', 'CERTIFICATE', 'CN=www.example.test'],
    ]);
    expect(open.items.map((i) => i.source.encryption)).toEqual([
      'PBES2 (PBKDF2 hmacWithSHA256, aes-256-cbc)',
      'pbeWithSHA1And3-KeyTripleDES-CBC',
      'OpenSSL PEM encryption (AES-128-CBC, MD5 key derivation)',
      undefined,
    ]);
    expect(findingKinds(open)).toEqual([
      ['intermediate-missing', 'warning', [3]],
      ['key-matches', 'info', [0, 3]],
      ['key-matches', 'info', [1, 3]],
      ['key-mismatch', 'error', [2]],
    ]);
  });

  it('opens PKCS#12 made with and without -legacy, and names a wrong or missing password', async () => {
    for (const [file, legacy] of [
      ['modern.p12', false],
      ['legacy.p12', true],
    ] as const) {
      const r = await inspectFiles([{ name: file, data: bytes(file) }], { subtle, at, password: 's3cret' });
      expect(kinds(r)).toEqual([
        ['pkcs12', 'der', null, `legacy=${legacy}`],
        ['certificate', 'pkcs12', 0, 'CN=www.example.test'],
        ['certificate', 'pkcs12', 0, 'CN=Certlab Issuing CA 1 ÄÖ'],
        ['private-key', 'pkcs12', 0, 'PKCS#8 EC 256'],
      ]);
      expect(r.bundle?.chain).toEqual([1, 2]);
      expect(r.conversions.map((c) => [c.filename, c.command, c.containsPrivateKey])).toEqual([
        [
          `${file.replace('.p12', '')}.key`,
          `openssl pkcs12 -in ${file}${legacy ? ' -legacy' : ''} -nocerts -nodes | openssl pkey -out ${file.replace('.p12', '')}.key`,
          true,
        ],
        [
          `${file.replace('.p12', '')}-cert.pem`,
          `openssl pkcs12 -in ${file}${legacy ? ' -legacy' : ''} -clcerts -nokeys -out ${file.replace('.p12', '')}-cert.pem`,
          false,
        ],
        [
          `${file.replace('.p12', '')}-chain.pem`,
          `openssl pkcs12 -in ${file}${legacy ? ' -legacy' : ''} -cacerts -nokeys -out ${file.replace('.p12', '')}-chain.pem`,
          false,
        ],
        ['fullchain.pem', 'cat cert.pem intermediate.pem > fullchain.pem', false],
      ]);
      // the extracted key is exactly what openssl extracts
      const key = r.conversions[0].text!;
      const viaOpenssl = openssl(['pkcs12', '-in', file, ...(legacy ? ['-legacy'] : []), '-nocerts', '-nodes', '-passin', 'pass:s3cret'], chain.dir);
      expect(key).toBe(openssl(['pkey'], chain.dir, viaOpenssl).toString());
      const wrong = await run(bytes(file), 'guess');
      expect(wrong.items.map((i) => i.kind === 'pkcs12' && i.error?.message)).toEqual([
        `wrong password for this .p12/.pfx (MAC check failed (${legacy ? 'sha1' : 'sha256'}, 2048 iterations))`,
      ]);
      const none = await run(bytes(file));
      expect([none.items.map((i) => i.kind === 'pkcs12' && i.error?.kind), none.needsPassword]).toEqual([['PasswordRequired'], true]);
    }
  });

  it('opens the .p12 files Java keytool writes: current, legacy (100,000 iterations) and a trust store', async ({ skip }) => {
    skip(!hasKeytool(), 'keytool is absent here (Debian package openjdk-17-jdk-headless)');
    makeJavaP12(chain);
    const got = [];
    for (const file of ['java.p12', 'java-legacy.p12', 'java-trust.p12']) {
      const r = await run(bytes(file), 's3cret');
      const p12 = r.items[0].kind === 'pkcs12' ? r.items[0].pkcs12 : undefined;
      got.push([file, p12?.mac, p12?.legacy, kinds(r).slice(1)]);
    }
    expect(got).toEqual([
      [
        'java.p12',
        { algorithm: 'sha256', iterations: 10000 },
        false,
        [
          ['private-key', 'pkcs12', 0, 'PKCS#8 EC 256'],
          ['certificate', 'pkcs12', 0, 'CN=java.example.test'],
        ],
      ],
      [
        'java-legacy.p12',
        { algorithm: 'sha1', iterations: 100000 },
        true,
        [
          ['private-key', 'pkcs12', 0, 'PKCS#8 RSA 2048'],
          ['certificate', 'pkcs12', 0, 'CN=java-legacy.example.test'],
        ],
      ],
      ['java-trust.p12', { algorithm: 'sha256', iterations: 10000 }, false, [['certificate', 'pkcs12', 0, 'CN=Certlab Root R1']]],
    ]);
    const keyOf = await inspect(bytes('java.p12'), { subtle, at: Date.now() + 60_000, password: 's3cret' }); // made after `at`
    expect(keyOf.items[1].source.friendlyName).toBe('web');
    expect(findingKinds(keyOf)).toEqual([['key-matches', 'info', [1, 2]]]);
  });

  it('opens a .p12 exported by NSS pk12util (BER constructed OCTET STRINGs, 600,000 iterations)', async ({ skip }) => {
    skip(!hasNss(), 'pk12util is absent here (Debian package libnss3-tools)');
    makeNssP12(chain);
    const r = await run(bytes('nss.p12'), 's3cret');
    const p12 = r.items[0].kind === 'pkcs12' ? r.items[0].pkcs12 : undefined;
    expect([p12?.mac, p12?.encryption.map((e) => e.scheme), kinds(r).slice(1)]).toEqual([
      { algorithm: 'sha256', iterations: 600000 },
      ['PBES2 (PBKDF2 hmacWithSHA256, aes-128-cbc)', 'PBES2 (PBKDF2 hmacWithSHA256, aes-256-cbc)'],
      [
        ['private-key', 'pkcs12', 0, 'PKCS#8 EC 256'],
        ['certificate', 'pkcs12', 0, 'CN=Certlab Issuing CA 1 ÄÖ'],
        ['certificate', 'pkcs12', 0, 'CN=www.example.test'],
      ],
    ]);
    expect(r.bundle?.chain).toEqual([3, 2]); // NSS puts the CA first; the chain is still leaf first
    expect(findingKinds(r)).toEqual([
      ['root-not-included', 'info', [2]],
      ['key-matches', 'info', [1, 3]],
    ]); // no wrong-order inside a .p12
  });

  it('reads PKCS#7 bundles in DER and PEM, with their CRLs', async () => {
    expect(kinds(await run(bytes('chain.p7b')))).toEqual([
      ['pkcs7', 'der', null, 'certs=2'],
      ['certificate', 'pkcs7', 0, 'CN=www.example.test'],
      ['certificate', 'pkcs7', 0, 'CN=Certlab Issuing CA 1 ÄÖ'],
    ]);
    expect(kinds(await run(text('chain-crl.p7b.pem')))).toEqual([
      ['pkcs7', 'pem', 'PKCS7', 'certs=1'],
      ['certificate', 'pkcs7', 0, 'CN=Certlab Issuing CA 1 ÄÖ'],
      ['crl', 'pkcs7', 0, 'revoked=1'],
    ]);
  });

  it('reads real openssl s_client -showcerts output: chain lines, verify code, protocol', async () => {
    const out = await captureShowcerts(chain, ['-cert', 'ee.pem', '-key', 'ee.key', '-cert_chain', 'ica.pem'], ['-servername', 'www.example.test', '-tls1_2']);
    const r = await run(out);
    expect(kinds(r)).toEqual([
      ['s-client', 's_client', null, ''],
      ['certificate', 'pem', 0, 'CN=www.example.test'],
      ['certificate', 'pem', 0, 'CN=Certlab Issuing CA 1 ÄÖ'],
    ]);
    const t = r.items[0].kind === 's-client' ? r.items[0].sClient : undefined;
    expect(
      t && { ...t, chain: t.chain.map((c) => [c.depth, c.subject.split(', ').pop(), c.issuer.split(', ').pop(), c.publicKey, c.signatureAlgorithm]) },
    ).toEqual({
      chain: [
        [0, 'CN = www.example.test', 'CN = Certlab Issuing CA 1 \\C3\\84\\C3\\96', 'id-ecPublicKey, 256 (bit)', 'ecdsa-with-SHA256'],
        [1, 'CN = Certlab Issuing CA 1 \\C3\\84\\C3\\96', 'CN = Certlab Root R1', 'id-ecPublicKey, 384 (bit)', 'RSA-SHA384'],
      ],
      showcerts: true,
      // no -CAfile: the root is unknown (20); s_client's callback goes on and also reports the IPv6 SAN outside ica's name constraints (47)
      verifyReturnCode: { code: 47, text: 'permitted subtree violation' },
      verification: 'permitted subtree violation',
      verifyErrors: [
        {
          depth: 1,
          code: 20,
          text: 'unable to get local issuer certificate',
          subject: 'DC = test, DC = example, O = Certlab Test, CN = Certlab Issuing CA 1 \\C3\\84\\C3\\96',
        },
        {
          depth: 0,
          code: 47,
          text: 'permitted subtree violation',
          subject: 'C = US, ST = Test State, L = "Test, City", O = "Certlab \\"Quoted\\" + Co", OU = Web + UID = 42, CN = www.example.test',
        },
      ],
      protocol: 'TLSv1.2',
      cipher: 'ECDHE-ECDSA-AES256-GCM-SHA384',
      serverTempKey: 'X25519, 253 bits',
      peerSignatureType: 'ECDSA',
      handshakeBytesRead: t?.handshakeBytesRead,
    });
    expect(t?.handshakeBytesRead).toBeGreaterThan(1000);
    expect(r.bundle?.chain).toEqual([1, 2]);
  });
});

describe('certificates embedded in other text', () => {
  it('reads PEM inside JSON strings (a real x509-limbo case file)', async () => {
    const json = readFileSync(`${LIMBO_DIR}/online/docs.python.org.limbo.json`, 'utf8');
    const tc = JSON.parse(json);
    const r = await run(json);
    expect(r.items.map((i) => i.kind)).toEqual(new Array(1 + tc.untrusted_intermediates.length + tc.trusted_certs.length).fill('certificate'));
  });

  it('reads the base64 *-data fields of a kubeconfig', async () => {
    const b64 = (t: string) => Buffer.from(t).toString('base64');
    const kubeconfig = [
      'apiVersion: v1',
      'clusters:',
      '- cluster:',
      `    certificate-authority-data: ${b64(chain.pem.root)}`,
      '    server: https://127.0.0.1:6443',
      'users:',
      '- name: admin',
      '  user:',
      `    client-certificate-data: ${b64(chain.pem.ee)}`,
      `    client-key-data: ${b64(chain.pem.eeKey)}`,
      '',
    ].join('\n');
    const r = await run(kubeconfig);
    expect(kinds(r)).toEqual([
      ['certificate', 'pem', 'CERTIFICATE', 'CN=Certlab Root R1'],
      ['certificate', 'pem', 'CERTIFICATE', 'CN=www.example.test'],
      ['private-key', 'pem', 'PRIVATE KEY', 'PKCS#8 EC 256'],
    ]);
    expect(r.matches[0]).toEqual({ item: 2, certificates: [1], csrs: [], privateKeys: [] });
  });
});

describe('s_client without -showcerts, verified against the root', () => {
  it('reads the chain lines and the one server certificate, verify code 0 over TLS 1.3', async () => {
    const out = await captureShowcerts(
      chain,
      ['-cert', 'ee.pem', '-key', 'ee.key', '-cert_chain', 'ica.pem'],
      ['-CAfile', 'root.pem', '-verify_hostname', 'www.example.test', '-tls1_3'],
      false,
    );
    const r = await run(out);
    expect(kinds(r)).toEqual([
      ['s-client', 's_client', null, ''],
      ['certificate', 'pem', 0, 'CN=www.example.test'],
    ]);
    const t = r.items[0].kind === 's-client' ? r.items[0].sClient : undefined;
    expect([t?.chain.length, t?.showcerts, t?.protocol, t?.cipher, t?.verification, t?.verifyReturnCode]).toEqual([
      2,
      false,
      'TLSv1.3',
      'TLS_AES_256_GCM_SHA384',
      'permitted subtree violation',
      { code: 47, text: 'permitted subtree violation' },
    ]);
    expect(r.findings.map((f) => [f.kind, f.message])).toEqual([
      ['partial-transcript', 'the server sent 2 certificates, but s_client printed only 1 (it was run without -showcerts)'],
    ]);
  });
});

describe('bundle findings', () => {
  it('finds wrong order, root included, duplicates and unrelated extras', async () => {
    const r = await run([text('root.pem'), text('ica.pem'), text('ee.pem'), text('ica.pem'), text('ed.pem')].join(''));
    expect(r.bundle?.chain).toEqual([2, 1, 0]);
    expect(findingKinds(r)).toEqual([
      ['duplicate', 'warning', [1, 3]],
      ['expiring-soon', 'warning', [4]],
      ['multiple-leaves', 'warning', [2, 4]],
      ['root-included', 'info', [0]],
      ['wrong-order', 'warning', [2, 1, 0]],
    ]);
    expect(r.bundle?.links.filter((l) => l.child !== l.parent)).toEqual([
      { child: 1, parent: 0, byName: true, byKeyId: 'match', signature: 'valid' },
      { child: 2, parent: 1, byName: true, byKeyId: 'match', signature: 'valid' },
    ]);
    expect(r.conversions.find((c) => c.id === 'fullchain')?.text).toBe(text('ee.pem') + text('ica.pem'));
  });

  it('names a missing intermediate with its AIA URL, and an issuer whose key did not sign', async () => {
    const missing = await run(text('ee.pem') + text('root.pem'));
    expect(missing.findings.map((f) => [f.kind, f.url])).toEqual([
      ['intermediate-missing', 'http://pki.example.test/ica.der'],
      ['unrelated-certificate', undefined],
    ]);
    const rekeyed = await run(text('ee.pem') + text('ica-rekeyed.pem'));
    expect(findingKinds(rekeyed)).toEqual([
      ['bad-signature', 'error', [0, 1]],
      ['intermediate-missing', 'error', [0]],
      ['unrelated-certificate', 'warning', [1]],
    ]);
    expect(rekeyed.bundle?.links).toEqual([{ child: 0, parent: 1, byName: true, byKeyId: 'mismatch', signature: 'invalid' }]);
  });

  it('checks a CRL against the certificates next to it: signer, freshness', async () => {
    const r = await inspect(text('ica-rekeyed.pem') + text('ica.crl'), { subtle, at: at + 8 * 86_400_000 });
    expect(findingKinds(r).filter(([k]) => String(k).startsWith('crl'))).toEqual([
      ['crl-signature', 'error', [1, 0]],
      ['crl-outdated', 'warning', [1]],
    ]);
  });

  it('judges validity against the given time', async () => {
    const later = await inspect(text('ee.pem') + text('ica.pem'), { subtle, at: at + 100 * 86_400_000 });
    expect(later.findings.map((f) => [f.kind, f.message.replace(/^.*?(expired \d+ days ago)$/, '$1')])).toEqual([
      ['expired', 'expired 10 days ago'],
      ['root-not-included', later.findings[1].message],
    ]);
    const item = later.items[0];
    expect(item.kind === 'certificate' && item.validity).toEqual({ state: 'expired', days: 10, text: 'expired 10 days ago' });
  });

  it('recognises a trust store', async () => {
    const bundle = readFileSync('/etc/ssl/certs/ca-certificates.crt', 'utf8');
    const r = await run(bundle);
    expect(r.bundle?.kind).toBe('trust-store');
    expect(r.items.map((i) => i.kind)).toEqual(new Array(bundle.split('-----BEGIN CERTIFICATE-----').length - 1).fill('certificate'));
    expect(r.items.length).toBeGreaterThan(100);
  });
});

describe('pathological inputs stay linear (the test timeout is the bound)', () => {
  it('300,000 BEGIN lines without END: the first 100 problems, then one summary', async () => {
    const r = await run('-----BEGIN CERTIFICATE-----\n'.repeat(300_000));
    expect([r.items.length, r.items[99].kind === 'error' && r.items[99].error.kind, r.items[100].kind === 'error' && r.items[100].error.message]).toEqual([
      101,
      'PemUnterminated',
      '299900 more broken PEM blocks after the first 100 were not listed',
    ]);
  });

  it('2,000 different certificates with the same name: signature checks stop at the budget', async () => {
    const lines = chain.pem.ed.trimEnd().split('\n');
    const k = lines.length - 2; // a base64 line inside the signature
    const certs = Array.from({ length: 2000 }, (_, i) => {
      const l = [...lines];
      l[k] = l[k].slice(0, 4) + (i % 64).toString(36).padStart(2, '0') + (Math.floor(i / 64) % 36).toString(36) + l[k].slice(7);
      return l.join('\n') + '\n';
    });
    const r = await run(certs.join(''));
    const links = r.bundle?.links ?? [];
    expect([r.bundle?.kind, links.length, links.filter((l) => l.signature !== 'not-checked').length]).toEqual(['trust-store', 2000 * 4, 2000]);
  });
});

describe('typed errors', () => {
  it('says what was received and expected', async () => {
    const cut = text('ee.pem').split('\n');
    const broken = [...cut.slice(0, 6), cut[6].slice(0, 10) + '*' + cut[6].slice(11), ...cut.slice(7)].join('\n');
    expect((await run(broken)).error).toEqual({
      kind: 'NotBase64',
      message: 'line 7 is not base64 ("*" at column 11, inside the CERTIFICATE block)',
      received: '"*" at line 7, column 11',
      expected: 'only A-Z a-z 0-9 + / and = padding between the BEGIN and END lines',
      action: 'Copy the block again from its source; an editor or chat tool may have changed or cut characters.',
      line: 7,
      label: 'CERTIFICATE',
    });
    expect((await run('')).error?.kind).toBe('EmptyInput');
    expect((await run('just some words\n')).error).toMatchObject({ kind: 'UnknownFormat', received: 'text of 1 line starting "just some words"' });
    expect((await run(bytes('ee.der').subarray(0, 300))).error).toMatchObject({ kind: 'MalformedDer', received: '296 bytes of contents' });
    expect((await inspect('x'.repeat(2000), { subtle, at, maxBytes: 1000 })).error).toMatchObject({
      kind: 'InputTooLarge',
      received: '2000 bytes',
      expected: 'at most 1000 bytes',
    });
    expect((await run('-----BEGIN DH PARAMETERS-----\nMAA=\n-----END DH PARAMETERS-----\n')).error?.kind).toBe('UnsupportedPemLabel');
    expect((await run('-----BEGIN CERTIFICATE-----\nMIIB\n')).error?.kind).toBe('PemUnterminated');
  });
});
