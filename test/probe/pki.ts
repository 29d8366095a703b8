/**
 * The probe's test PKI, built with the test-chain factory (test/pki/factory.ts) in a
 * temporary folder, valid from now:
 *
 *   root "Probe Test Root" -> ica1 "Probe Test ICA 1" -> ica2 "Probe Test ICA 2" (pathlen:0) -> leaf
 *   other "Unrelated Test CA" (self-signed, has nothing to do with the chain)
 *
 * The leaf names probe.test, localhost and 127.0.0.1 / ::1. P-256 keys keep it fast.
 */
import { readFileSync } from 'node:fs';
import { ChainFactory, DAY, pemToDer, stamp } from '../pki/factory.ts';

export { pemToDer };

export interface TestCert {
  name: string;
  certPath: string;
  keyPath: string;
  pem: string;
  keyPem: string;
  /** DER bytes of the certificate. */
  der: Uint8Array;
}

export interface TestPki {
  dir: string;
  /** The factory that issued the chain (issueLeaf adds to it). */
  factory: ChainFactory;
  root: TestCert;
  ica1: TestCert;
  ica2: TestCert;
  leaf: TestCert;
  other: TestCert;
  cleanup: () => void;
}

function load(f: ChainFactory, name: string): TestCert {
  const pem = f.pem(name);
  const keyPath = f.path(name, 'key');
  return { name, certPath: f.path(name), keyPath, pem, keyPem: readFileSync(keyPath, 'utf8'), der: pemToDer(pem) };
}

const subject = (cn: string) => `/O=certlab tests/CN=${cn}`;
/** notBefore now, notAfter `days` from now (negative: already expired). */
const validFor = (days: number) => {
  const now = Date.now();
  return { notBefore: stamp(now), notAfter: stamp(now + days * DAY) };
};
const SELF_SIGNED_CA = ['basicConstraints=critical,CA:TRUE', 'keyUsage=critical,keyCertSign,cRLSign', 'subjectKeyIdentifier=hash'];
const ca = (pathLen?: number) => [
  `basicConstraints=critical,CA:TRUE${pathLen === undefined ? '' : `,pathlen:${pathLen}`}`,
  'keyUsage=critical,keyCertSign,cRLSign',
  'subjectKeyIdentifier=hash',
  'authorityKeyIdentifier=keyid',
];
const SERVER_LEAF = ['basicConstraints=critical,CA:FALSE', 'keyUsage=critical,digitalSignature', 'extendedKeyUsage=serverAuth'];
const LEAF_SAN = 'DNS:probe.test,DNS:localhost,IP:127.0.0.1,IP:::1';

export function makeTestPki(): TestPki {
  const f = ChainFactory.create();
  f.issue({ name: 'root', subject: subject('Probe Test Root'), ext: SELF_SIGNED_CA, ...validFor(120) });
  f.issue({ name: 'other', subject: subject('Unrelated Test CA'), ext: SELF_SIGNED_CA, ...validFor(120) });
  f.issue({ name: 'ica1', subject: subject('Probe Test ICA 1'), issuer: 'root', ext: ca(), ...validFor(90) });
  f.issue({ name: 'ica2', subject: subject('Probe Test ICA 2'), issuer: 'ica1', ext: ca(0), ...validFor(90) });
  f.issue({
    name: 'leaf',
    subject: subject('probe.test'),
    issuer: 'ica2',
    ...validFor(90),
    ext: [...SERVER_LEAF, `subjectAltName=${LEAF_SAN}`, 'authorityKeyIdentifier=keyid', 'subjectKeyIdentifier=hash'],
  });
  return {
    dir: f.dir,
    factory: f,
    root: load(f, 'root'),
    ica1: load(f, 'ica1'),
    ica2: load(f, 'ica2'),
    leaf: load(f, 'leaf'),
    other: load(f, 'other'),
    cleanup: () => f.dispose(),
  };
}

export interface LeafOptions {
  cn?: string;
  /** subjectAltName value, e.g. 'DNS:other.test'. */
  san?: string;
  /** caIssuers URL written into the leaf's AIA extension. */
  aiaUrl?: string;
  /** notAfter yesterday (valid from now to a day ago). */
  expired?: boolean;
  /** Self-signed instead of issued by ica2. */
  selfSigned?: boolean;
  /** RSA 2048 key instead of EC P-256. */
  rsa?: boolean;
}

/** Another leaf for one scenario: issued by ica2 unless self-signed. */
export function issueLeaf(pki: TestPki, name: string, o: LeafOptions = {}): TestCert {
  pki.factory.issue({
    name,
    subject: subject(o.cn ?? 'probe.test'),
    ...(o.selfSigned ? {} : { issuer: 'ica2' }),
    key: o.rsa ? 'rsa2048' : 'ec256',
    ...validFor(o.expired ? -1 : 90),
    ext: [
      ...SERVER_LEAF,
      `subjectAltName=${o.san ?? LEAF_SAN}`,
      ...(o.aiaUrl ? [`authorityInfoAccess=caIssuers;URI:${o.aiaUrl}`] : []),
      'subjectKeyIdentifier=hash',
      ...(o.selfSigned ? [] : ['authorityKeyIdentifier=keyid']),
    ],
  });
  return load(pki.factory, name);
}
