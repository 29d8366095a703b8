/**
 * Test PKI for the client-message captures: builds small chains in code with
 * @peculiar/x509 over WebCrypto (node:crypto's webcrypto), so each broken situation
 * (expired, wrong name, CA:false issuer, SHA-1, RSA-1024, name constraints ...) is one
 * option away. Node-only test code: never imported by src/core/.
 */
import '@abraham/reflection';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

const DAY = 86_400_000;

export interface Issued {
  cert: x509.X509Certificate;
  keys: CryptoKeyPair;
  pem: string;
  keyPem: string;
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
  /** Key usage flags; undefined = a sensible default for the role, null = none. */
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
  rsaBits?: number;
  hash?: 'SHA-1' | 'SHA-256';
}

function pemOf(label: string, der: ArrayBuffer): string {
  const b64 = Buffer.from(der).toString('base64').replace(/.{64}/g, '$&\n').replace(/\n$/, '');
  return `-----BEGIN ${label}-----\n${b64}\n-----END ${label}-----\n`;
}

/** DER of NameConstraints { permittedSubtrees [0] { GeneralSubtree { dNSName [2] } ... } }. */
function nameConstraintsDer(permittedDns: string[]): Uint8Array {
  const tlv = (tag: number, body: Uint8Array): Uint8Array => {
    const len = body.length < 128 ? [body.length] : [0x81, body.length];
    return Uint8Array.from([tag, ...len, ...body]);
  };
  const subtrees = permittedDns.map((d) => tlv(0x30, tlv(0x82, new TextEncoder().encode(d))));
  const joined = Uint8Array.from(subtrees.flatMap((s) => [...s]));
  return tlv(0x30, tlv(0xa0, joined));
}

export async function issue(spec: CertSpec, now: number): Promise<Issued> {
  const hash = spec.hash ?? 'SHA-256';
  const alg = { name: 'RSASSA-PKCS1-v1_5', hash, publicExponent: new Uint8Array([1, 0, 1]), modulusLength: spec.rsaBits ?? 2048 };
  const keys = (await webcrypto.subtle.generateKey(alg, true, ['sign', 'verify'])) as CryptoKeyPair;
  const ca = spec.ca ?? false;
  const exts: x509.Extension[] = [];
  if (!spec.noBasicConstraints) exts.push(new x509.BasicConstraintsExtension(ca, ca ? spec.pathLen : undefined, true));
  const ku = spec.keyUsage === undefined
    ? (ca ? x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign : x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment)
    : spec.keyUsage;
  if (ku !== null) exts.push(new x509.KeyUsagesExtension(ku, true));
  const eku = spec.eku === undefined ? (ca ? null : ['1.3.6.1.5.5.7.3.1']) : spec.eku;
  if (eku) exts.push(new x509.ExtendedKeyUsageExtension(eku, false));
  const san = spec.san === undefined ? (ca ? null : ['DNS:localhost', 'IP:127.0.0.1']) : spec.san;
  if (san) {
    exts.push(new x509.SubjectAlternativeNameExtension(san.map((s) => {
      const [type, value] = [s.slice(0, s.indexOf(':')), s.slice(s.indexOf(':') + 1)];
      return { type: type === 'IP' ? 'ip' : 'dns', value } as x509.JsonGeneralName;
    })));
  }
  if (spec.caIssuersUrl) exts.push(new x509.AuthorityInfoAccessExtension({ caIssuers: spec.caIssuersUrl }));
  if (spec.permittedDns) exts.push(new x509.Extension('2.5.29.30', true, nameConstraintsDer(spec.permittedDns) as BufferSource));
  exts.push(await x509.SubjectKeyIdentifierExtension.create(keys.publicKey));
  if (spec.issuer) exts.push(await x509.AuthorityKeyIdentifierExtension.create(spec.issuer.keys.publicKey));
  const common = {
    serialNumber: Buffer.from(webcrypto.getRandomValues(new Uint8Array(8))).toString('hex').replace(/^[89a-f]/, '1'),
    notBefore: new Date(spec.notBefore ?? now - DAY),
    notAfter: new Date(spec.notAfter ?? now + 30 * DAY),
    extensions: exts,
    signingAlgorithm: { name: 'RSASSA-PKCS1-v1_5', hash },
  };
  // WebCrypto binds an RSA key to one hash: re-import the issuer's key for this certificate's hash
  const signingKey = spec.issuer
    ? await webcrypto.subtle.importKey('pkcs8', await webcrypto.subtle.exportKey('pkcs8', spec.issuer.keys.privateKey),
      { name: 'RSASSA-PKCS1-v1_5', hash }, false, ['sign']) as unknown as CryptoKey
    : undefined;
  const cert = spec.issuer && signingKey
    ? await x509.X509CertificateGenerator.create({
      ...common, subject: `CN=${spec.cn}`, issuer: spec.issuer.cert.subject,
      publicKey: keys.publicKey, signingKey,
    })
    : await x509.X509CertificateGenerator.createSelfSigned({ ...common, name: `CN=${spec.cn}`, keys });
  const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey);
  return { cert, keys, pem: cert.toString('pem') + '\n', keyPem: pemOf('PRIVATE KEY', pkcs8) };
}

export { DAY };
