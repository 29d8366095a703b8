/**
 * A test PKI made with the openssl command line in a temporary folder:
 *
 *   root "Probe Test Root" -> ica1 "Probe Test ICA 1" -> ica2 "Probe Test ICA 2" (pathlen:0) -> leaf
 *   other "Unrelated Test CA" (self-signed, has nothing to do with the chain)
 *
 * The leaf names probe.test, localhost and 127.0.0.1 / ::1. P-256 keys keep it fast.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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
  root: TestCert;
  ica1: TestCert;
  ica2: TestCert;
  leaf: TestCert;
  other: TestCert;
  cleanup: () => void;
}

function openssl(args: string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

export function pemToDer(pem: string): Uint8Array {
  const b64 = pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
  return new Uint8Array(Buffer.from(b64, 'base64'));
}

function load(dir: string, name: string): TestCert {
  const certPath = join(dir, `${name}.pem`);
  const keyPath = join(dir, `${name}.key`);
  const pem = readFileSync(certPath, 'utf8');
  return { name, certPath, keyPath, pem, keyPem: readFileSync(keyPath, 'utf8'), der: pemToDer(pem) };
}

function selfSigned(dir: string, name: string, cn: string): void {
  writeFileSync(join(dir, `${name}.ext`), 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\n');
  openssl(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.pem`,
    '-subj', `/O=certlab tests/CN=${cn}`, '-days', '120', '-extensions', 'v3', '-config', writeConfig(dir, name)], dir);
}

function writeConfig(dir: string, name: string): string {
  const path = join(dir, `${name}.cnf`);
  writeFileSync(path, `[req]\ndistinguished_name=dn\n[dn]\n[v3]\n${readFileSync(join(dir, `${name}.ext`), 'utf8')}`);
  return path;
}

function issued(dir: string, name: string, cn: string, issuer: string, ext: string): void {
  writeFileSync(join(dir, `${name}.ext`), ext);
  openssl(['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/O=certlab tests/CN=${cn}`], dir);
  openssl(['x509', '-req', '-in', `${name}.csr`, '-CA', `${issuer}.pem`, '-CAkey', `${issuer}.key`, '-CAcreateserial', '-out', `${name}.pem`, '-days', '90', '-extfile', `${name}.ext`], dir);
}

export function makeTestPki(): TestPki {
  const dir = mkdtempSync(join(tmpdir(), 'certlab-probe-'));
  const ca = (pathLen?: number) =>
    `basicConstraints=critical,CA:TRUE${pathLen === undefined ? '' : `,pathlen:${pathLen}`}\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n`;
  selfSigned(dir, 'root', 'Probe Test Root');
  selfSigned(dir, 'other', 'Unrelated Test CA');
  issued(dir, 'ica1', 'Probe Test ICA 1', 'root', ca());
  issued(dir, 'ica2', 'Probe Test ICA 2', 'ica1', ca(0));
  issued(dir, 'leaf', 'probe.test', 'ica2',
    'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=DNS:probe.test,DNS:localhost,IP:127.0.0.1,IP:::1\nauthorityKeyIdentifier=keyid\n');
  return {
    dir,
    root: load(dir, 'root'),
    ica1: load(dir, 'ica1'),
    ica2: load(dir, 'ica2'),
    leaf: load(dir, 'leaf'),
    other: load(dir, 'other'),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export interface LeafOptions {
  cn?: string;
  /** subjectAltName value, e.g. 'DNS:other.test'. */
  san?: string;
  /** caIssuers URL written into the leaf's AIA extension. */
  aiaUrl?: string;
  /** notAfter yesterday (openssl x509 -days -1). */
  expired?: boolean;
  /** Self-signed instead of issued by ica2. */
  selfSigned?: boolean;
  /** RSA 2048 key instead of EC P-256. */
  rsa?: boolean;
}

/** Another leaf for one scenario: issued by ica2 unless self-signed. */
export function issueLeaf(pki: TestPki, name: string, o: LeafOptions = {}): TestCert {
  const ext = [
    'basicConstraints=critical,CA:FALSE',
    'keyUsage=critical,digitalSignature',
    'extendedKeyUsage=serverAuth',
    `subjectAltName=${o.san ?? 'DNS:probe.test,DNS:localhost,IP:127.0.0.1,IP:::1'}`,
    ...(o.aiaUrl ? [`authorityInfoAccess=caIssuers;URI:${o.aiaUrl}`] : []),
  ].join('\n') + '\n';
  const cn = o.cn ?? 'probe.test';
  const key = o.rsa ? ['-newkey', 'rsa:2048'] : ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256'];
  if (o.selfSigned) {
    writeFileSync(join(pki.dir, `${name}.ext`), ext);
    openssl(['req', '-x509', ...key, '-nodes', '-keyout', `${name}.key`, '-out', `${name}.pem`,
      '-subj', `/O=certlab tests/CN=${cn}`, '-days', '90', '-extensions', 'v3', '-config', writeConfig(pki.dir, name)], pki.dir);
  } else {
    writeFileSync(join(pki.dir, `${name}.ext`), ext);
    openssl(['req', '-new', ...key, '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/O=certlab tests/CN=${cn}`], pki.dir);
    openssl(['x509', '-req', '-in', `${name}.csr`, '-CA', 'ica2.pem', '-CAkey', 'ica2.key', '-CAcreateserial', '-out', `${name}.pem`, '-days', o.expired ? '-1' : '90', '-extfile', `${name}.ext`], pki.dir);
  }
  return load(pki.dir, name);
}
