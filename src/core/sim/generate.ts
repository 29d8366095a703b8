/**
 * Turns a scenario into real certificates: fresh keys from WebCrypto, certificates built
 * and signed with @peculiar/x509. The DER is what `openssl verify` and every client see;
 * the user can download it. Crypto and time are injected (core rules).
 */
import '@abraham/reflection';
import * as x509 from '@peculiar/x509';
import type { Millis } from '../model.ts';
import { nameConstraintsDer } from './name-constraints-der.ts';
import { issuerFirstOrder, type CertificateSpec, type KeyType, type Scenario, type ScenarioTime, type SignatureHash } from './scenario.ts';

export interface GeneratedCertificate {
  id: string;
  spec: CertificateSpec;
  der: Uint8Array;
  pem: string;
  /** PKCS#8 private key, PEM. Test keys only: made fresh on each run, never put in a URL. */
  keyPem: string;
  /** AIA caIssuers URL written into this certificate, if any. */
  aiaUrl?: string;
}

export interface GeneratedPki {
  scenario: Scenario;
  /** The moment relative validity is counted from, and the validation time. */
  at: Millis;
  /** In scenario order. */
  certificates: GeneratedCertificate[];
  /** DER of what the server sends, in order. */
  serverChain: Uint8Array[];
  /** DER of the client's trust store. */
  trustAnchors: Uint8Array[];
  /** What an AIA fetch of each caIssuers URL would return (the issuer's DER). */
  aiaResponses: Record<string, Uint8Array>;
}

export interface GenerateOptions {
  crypto: Crypto;
  at: Millis;
}

export type GenerateError =
  | { kind: 'key-unsupported'; id: string; key: KeyType; cause: string; message: string }
  | { kind: 'sign-unsupported'; id: string; hash: SignatureHash; cause: string; message: string };

export type GenerateResult = { ok: true; pki: GeneratedPki } | { ok: false; error: GenerateError };

const DAY = 86_400_000;
export const AIA_BASE = 'http://pki.certlab.test/';

export function resolveTime(t: ScenarioTime, at: Millis): Millis {
  return typeof t === 'number' ? at + t * DAY : Date.parse(t);
}

interface KeyHolder {
  keys: CryptoKeyPair;
  key: KeyType;
  /** RSA keys are bound to one hash in WebCrypto: re-imported per signing hash. */
  rsaSigners: Map<SignatureHash, CryptoKey>;
}

function keyAlgorithm(key: KeyType): RsaHashedKeyGenParams | EcKeyGenParams {
  switch (key) {
    case 'P-256':
      return { name: 'ECDSA', namedCurve: 'P-256' };
    case 'P-384':
      return { name: 'ECDSA', namedCurve: 'P-384' };
    case 'RSA-2048':
      return { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' };
    case 'RSA-1024':
      return { name: 'RSASSA-PKCS1-v1_5', modulusLength: 1024, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' };
  }
}

async function signingKey(crypto: Crypto, holder: KeyHolder, hash: SignatureHash): Promise<{ key: CryptoKey; algorithm: Algorithm | EcdsaParams }> {
  if (holder.key.startsWith('P-')) return { key: holder.keys.privateKey, algorithm: { name: 'ECDSA', hash } as EcdsaParams };
  let key = holder.rsaSigners.get(hash);
  if (!key) {
    const pkcs8 = await crypto.subtle.exportKey('pkcs8', holder.keys.privateKey);
    key = await crypto.subtle.importKey('pkcs8', pkcs8, { name: 'RSASSA-PKCS1-v1_5', hash }, false, ['sign']);
    holder.rsaSigners.set(hash, key);
  }
  return { key, algorithm: { name: 'RSASSA-PKCS1-v1_5', hash } as RsaHashedImportParams };
}

/**
 * The subject as an x509 Name. Values go in as typed strings ({ utf8String }), not plain
 * strings: @peculiar/x509 re-parses plain string values and loses quotes and backslashes.
 */
function subjectName(spec: CertificateSpec): x509.Name {
  const s = spec.subject;
  const name: x509.JsonNameParams = [];
  if (s.country) name.push({ C: [{ printableString: s.country }] });
  if (s.organization) name.push({ O: [{ utf8String: s.organization }] });
  if (s.organizationalUnit) name.push({ OU: [{ utf8String: s.organizationalUnit }] });
  if (s.commonName) name.push({ CN: [{ utf8String: s.commonName }] });
  return new x509.Name(name);
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

function keyUsageBits(flags: readonly string[]): number {
  return flags.reduce((bits, f) => bits | (x509.KeyUsageFlags[f as keyof typeof x509.KeyUsageFlags] ?? 0), 0);
}

const EKU_OIDS: Record<string, string> = {
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
  codeSigning: '1.3.6.1.5.5.7.3.3',
  emailProtection: '1.3.6.1.5.5.7.3.4',
  timeStamping: '1.3.6.1.5.5.7.3.8',
  OCSPSigning: '1.3.6.1.5.5.7.3.9',
};

function serialHex(crypto: Crypto): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[0] = (bytes[0]! & 0x7f) | 0x10; // positive, full length
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function toPem(bytes: ArrayBuffer | Uint8Array, tag: string): string {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let bin = '';
  for (const b of view) bin += String.fromCharCode(b);
  const b64 = btoa(bin).replace(/.{1,64}/g, '$&\n');
  return `-----BEGIN ${tag}-----\n${b64}-----END ${tag}-----\n`;
}

/** Generate every certificate of the scenario (issuers first) and assemble what each side holds. */
export async function generatePki(scenario: Scenario, opts: GenerateOptions): Promise<GenerateResult> {
  const { crypto, at } = opts;
  const holders = new Map<string, KeyHolder>();
  const made = new Map<string, GeneratedCertificate>();
  for (const spec of issuerFirstOrder(scenario.certificates)) {
    const key = spec.key ?? 'P-256';
    let keys: CryptoKeyPair;
    try {
      keys = (await crypto.subtle.generateKey(keyAlgorithm(key), true, ['sign', 'verify'])) as CryptoKeyPair;
    } catch (e) {
      return {
        ok: false,
        error: {
          kind: 'key-unsupported',
          id: spec.id,
          key,
          cause: String(e),
          message: `This browser's WebCrypto refused to make a ${key} key for '${spec.id}' (${String(e)}). Choose another key type.`,
        },
      };
    }
    const holder: KeyHolder = { keys, key, rsaSigners: new Map() };
    holders.set(spec.id, holder);
    const selfSigned = spec.issuer === spec.id;
    const issuerHolder = selfSigned ? holder : holders.get(spec.issuer)!;
    const issuerSpec = selfSigned ? spec : made.get(spec.issuer)!.spec;
    const hash = spec.signatureHash ?? 'SHA-256';
    let signer: Awaited<ReturnType<typeof signingKey>>;
    try {
      signer = await signingKey(crypto, issuerHolder, hash);
    } catch (e) {
      return {
        ok: false,
        error: {
          kind: 'sign-unsupported',
          id: spec.id,
          hash,
          cause: String(e),
          message: `This browser's WebCrypto refused to sign '${spec.id}' with ${hash} (${String(e)}). Choose another hash.`,
        },
      };
    }
    const extensions: x509.Extension[] = [];
    if (spec.basicConstraints) {
      extensions.push(new x509.BasicConstraintsExtension(spec.basicConstraints.ca, spec.basicConstraints.pathLen, true));
    }
    if (spec.keyUsage) extensions.push(new x509.KeyUsagesExtension(keyUsageBits(spec.keyUsage), true));
    if (spec.extendedKeyUsage)
      extensions.push(
        new x509.ExtendedKeyUsageExtension(
          spec.extendedKeyUsage.map((e) => EKU_OIDS[e]!),
          false,
        ),
      );
    if (spec.subjectAltNames) {
      extensions.push(
        new x509.SubjectAlternativeNameExtension(
          spec.subjectAltNames.map((n) => ({ type: IPV4.test(n) || n.includes(':') ? ('ip' as const) : ('dns' as const), value: n })),
        ),
      );
    }
    if (spec.nameConstraints) {
      extensions.push(new x509.Extension('2.5.29.30', true, nameConstraintsDer(spec.nameConstraints.permitted ?? [], spec.nameConstraints.excluded ?? [])));
    }
    extensions.push(await x509.SubjectKeyIdentifierExtension.create(keys.publicKey, false, crypto));
    let aiaUrl: string | undefined;
    if (!selfSigned) {
      extensions.push(await x509.AuthorityKeyIdentifierExtension.create(issuerHolder.keys.publicKey, false, crypto));
      if (spec.aia !== false) {
        aiaUrl = `${AIA_BASE}${spec.issuer}.cer`;
        extensions.push(new x509.AuthorityInfoAccessExtension({ caIssuers: new x509.GeneralName('url', aiaUrl) }));
      }
    }
    try {
      const cert = await x509.X509CertificateGenerator.create(
        {
          serialNumber: serialHex(crypto),
          subject: subjectName(spec),
          issuer: subjectName(issuerSpec),
          notBefore: new Date(resolveTime(spec.validity.notBefore, at)),
          notAfter: new Date(resolveTime(spec.validity.notAfter, at)),
          publicKey: keys.publicKey,
          signingKey: signer.key,
          signingAlgorithm: signer.algorithm,
          extensions,
        },
        crypto,
      );
      const der = new Uint8Array(cert.rawData);
      const pkcs8 = await crypto.subtle.exportKey('pkcs8', keys.privateKey);
      made.set(spec.id, { id: spec.id, spec, der, pem: toPem(der, 'CERTIFICATE'), keyPem: toPem(pkcs8, 'PRIVATE KEY'), ...(aiaUrl ? { aiaUrl } : {}) });
    } catch (e) {
      return {
        ok: false,
        error: {
          kind: 'sign-unsupported',
          id: spec.id,
          hash,
          cause: String(e),
          message: `Signing '${spec.id}' with ${hash} failed (${String(e)}). Choose another hash or key type.`,
        },
      };
    }
  }
  const certificates = scenario.certificates.map((c) => made.get(c.id)!);
  const aiaResponses: Record<string, Uint8Array> = {};
  for (const c of certificates) if (c.aiaUrl) aiaResponses[c.aiaUrl] = made.get(c.spec.issuer)!.der;
  return {
    ok: true,
    pki: {
      scenario,
      at,
      certificates,
      serverChain: scenario.serverSends.map((id) => made.get(id)!.der),
      trustAnchors: scenario.trustStore.map((id) => made.get(id)!.der),
      aiaResponses,
    },
  };
}
