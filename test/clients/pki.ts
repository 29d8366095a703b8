/**
 * Test PKI for the client-message captures: small chains built in code with the test-chain
 * factory (test/pki/factory.ts), so each broken situation (expired, wrong name, CA:false
 * issuer, SHA-1, RSA-1024, name constraints ...) is one option away. RSA keys throughout.
 * Node-only test code: never imported by src/core/ outside tests.
 *
 *   const root = await issue({ cn: 'Root', ca: true }, now);
 *   const ica = await issue({ cn: 'ICA', ca: true, pathLen: 0, issuer: root }, now);   // root -> ica (pathlen:0)
 *   const ee = await issue({ cn: 'localhost', issuer: ica }, now);                      //   -> ee
 */
import '@abraham/reflection';
import { readFileSync } from 'node:fs';
import * as x509 from '@peculiar/x509';
import { ChainFactory, DAY, stamp } from '../pki/factory.ts';

export interface Issued {
  cert: x509.X509Certificate;
  pem: string;
  keyPem: string;
  /** The factory that holds this certificate and its key, and its name there. */
  factory: ChainFactory;
  name: string;
}

export interface CertSpec {
  cn: string;
  /** Issuer; omitted = self-signed. */
  issuer?: Issued;
  ca?: boolean;
  /** basicConstraints pathLen (CA only). */
  pathLen?: number;
  /** Leave basicConstraints out entirely. */
  noBasicConstraints?: boolean;
  /** Key usage flags (x509.KeyUsageFlags bits); undefined = a sensible default for the role, null = none. */
  keyUsage?: number | null;
  /** EKU OIDs; undefined = serverAuth for leaves, none for CAs. */
  eku?: string[] | null;
  /** SAN entries: 'DNS:x' or 'IP:1.2.3.4'; undefined = DNS:localhost + IP:127.0.0.1 for leaves. */
  san?: string[] | null;
  /** Permitted DNS subtrees (name constraints, critical). */
  permittedDns?: string[];
  /** AIA caIssuers URL (where a client may fetch this certificate's issuer). */
  caIssuersUrl?: string;
  notBefore?: number;
  notAfter?: number;
  rsaBits?: 1024 | 2048;
  hash?: 'SHA-1' | 'SHA-256';
}

/** KeyUsage bits in x509.KeyUsageFlags order, by their OpenSSL config names. */
const KU_NAMES: Array<[number, string]> = [
  [1, 'digitalSignature'],
  [2, 'nonRepudiation'],
  [4, 'keyEncipherment'],
  [8, 'dataEncipherment'],
  [16, 'keyAgreement'],
  [32, 'keyCertSign'],
  [64, 'cRLSign'],
  [128, 'encipherOnly'],
  [256, 'decipherOnly'],
];

/** Every factory made here; their temp folders go when the process ends. */
const factories: ChainFactory[] = [];
process.once('exit', () => factories.forEach((f) => f.dispose()));
let counter = 0;

export async function issue(spec: CertSpec, now: number): Promise<Issued> {
  const ca = spec.ca ?? false;
  const ext: string[] = [];
  if (!spec.noBasicConstraints)
    ext.push(`basicConstraints=critical,CA:${ca ? `TRUE${spec.pathLen === undefined ? '' : `,pathlen:${spec.pathLen}`}` : 'FALSE'}`);
  const ku = spec.keyUsage === undefined ? (ca ? 32 | 64 : 1 | 4) : spec.keyUsage;
  if (ku !== null)
    ext.push(
      `keyUsage=critical,${KU_NAMES.filter(([bit]) => ku & bit)
        .map(([, n]) => n)
        .join(',')}`,
    );
  const eku = spec.eku === undefined ? (ca ? null : ['1.3.6.1.5.5.7.3.1']) : spec.eku;
  if (eku) ext.push(`extendedKeyUsage=${eku.map((o) => ({ '1.3.6.1.5.5.7.3.1': 'serverAuth', '1.3.6.1.5.5.7.3.2': 'clientAuth' })[o] ?? o).join(',')}`);
  const san = spec.san === undefined ? (ca ? null : ['DNS:localhost', 'IP:127.0.0.1']) : spec.san;
  if (san) ext.push(`subjectAltName=${san.join(',')}`);
  if (spec.caIssuersUrl) ext.push(`authorityInfoAccess=caIssuers;URI:${spec.caIssuersUrl}`);
  if (spec.permittedDns) ext.push(`nameConstraints=critical,${spec.permittedDns.map((d) => `permitted;DNS:${d}`).join(',')}`);
  ext.push('subjectKeyIdentifier=hash');
  if (spec.issuer) ext.push('authorityKeyIdentifier=keyid');
  const f = spec.issuer?.factory ?? ChainFactory.create();
  if (!spec.issuer) factories.push(f);
  const name = `c${++counter}`;
  f.issue({
    name,
    subject: `/CN=${spec.cn}`,
    ...(spec.issuer ? { issuer: spec.issuer.name } : {}),
    key: spec.rsaBits === 1024 ? 'rsa1024' : 'rsa2048',
    md: spec.hash === 'SHA-1' ? 'sha1' : 'sha256',
    notBefore: stamp(spec.notBefore ?? now - DAY),
    notAfter: stamp(spec.notAfter ?? now + 30 * DAY),
    ext,
  });
  const pem = f.pem(name);
  return { cert: new x509.X509Certificate(pem), pem, keyPem: readFileSync(f.path(name, 'key'), 'utf8'), factory: f, name };
}

export { DAY };
