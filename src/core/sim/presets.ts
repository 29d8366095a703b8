/**
 * The simulator's failure modes. Each mode edits the healthy base scenario; modes combine
 * (they are applied in the order of FAILURE_MODES, whatever order they were clicked in).
 * Each mode states what `openssl verify` (OpenSSL 3.0, `-purpose sslserver -verify_hostname`,
 * `-auth_level 2` as Debian's s_client runs) answers for that mode alone;
 * test/sim/openssl-agreement.test.ts checks every claim against the real openssl.
 *
 *   base:  root (self-signed, trusted) -> ica (CA, pathlen:0) -> leaf (shop.certlab.test)
 *          the server sends [leaf, ica]; the client trusts [root] and asks for shop.certlab.test.
 */
import type { CertificateSpec, KeyType, Scenario } from './scenario.ts';

export const BASE_HOST = 'shop.certlab.test';

export function baseScenario(): Scenario {
  return {
    version: 1,
    title: 'A healthy chain',
    host: BASE_HOST,
    certificates: [
      {
        id: 'root',
        issuer: 'root',
        subject: { country: 'US', organization: 'Certlab Demo', commonName: 'Certlab Demo Root CA' },
        validity: { notBefore: -365, notAfter: 3650 },
        basicConstraints: { ca: true },
        keyUsage: ['keyCertSign', 'cRLSign'],
      },
      {
        id: 'ica',
        issuer: 'root',
        subject: { country: 'US', organization: 'Certlab Demo', commonName: 'Certlab Demo Issuing CA 1' },
        validity: { notBefore: -180, notAfter: 1825 },
        basicConstraints: { ca: true, pathLen: 0 },
        keyUsage: ['digitalSignature', 'keyCertSign', 'cRLSign'],
        extendedKeyUsage: ['serverAuth', 'clientAuth'],
      },
      {
        id: 'leaf',
        issuer: 'ica',
        subject: { commonName: BASE_HOST },
        subjectAltNames: [BASE_HOST],
        validity: { notBefore: -30, notAfter: 60 },
        basicConstraints: { ca: false },
        keyUsage: ['digitalSignature'],
        extendedKeyUsage: ['serverAuth'],
      },
    ],
    serverSends: ['leaf', 'ica'],
    trustStore: ['root'],
  };
}

/** What openssl verify answers for a mode alone: its code and the depth it names. */
export interface OpensslClaim {
  code: number;
  name: string;
  depth: number;
}

export interface FailureMode {
  id: string;
  label: string;
  /** One sentence: what is wrong in this setup. */
  summary: string;
  /** openssl verify's answer; code 0 = OpenSSL accepts it (other clients may not). Clients that
   *  stop at the first error (curl, Python) report this one. */
  openssl: OpensslClaim;
  /** The "Verify return code" `openssl s_client` prints. s_client (like Node) lets verification
   *  go on after an error and keeps the last one: leaf only gives 21, not 20. */
  sClient: number;
  /** For modes that fail in the handshake rather than in chain verification. */
  handshake?: { alert: string; note: string };
  apply(s: Scenario): void;
}

const OK: OpensslClaim = { code: 0, name: 'X509_V_OK', depth: 0 };

function cert(s: Scenario, id: string): CertificateSpec {
  const c = s.certificates.find((x) => x.id === id);
  if (!c) throw new Error(`scenario has no certificate '${id}'`);
  return c;
}

/** The server's own certificate id: the first one it sends. */
function leafId(s: Scenario): string {
  return s.serverSends[0] ?? 'leaf';
}

/** Intermediates on the leaf's issuer path, leaf side first (root excluded). */
function intermediates(s: Scenario): string[] {
  const out: string[] = [];
  let cur = cert(s, leafId(s));
  while (cur.issuer !== cur.id) {
    const up = cert(s, cur.issuer);
    if (up.issuer === up.id) break;
    out.push(up.id);
    cur = up;
  }
  return out;
}

/** Put a new CA between `child` and its issuer. */
function insertAbove(s: Scenario, childId: string, spec: CertificateSpec): void {
  const child = cert(s, childId);
  spec.issuer = child.issuer;
  child.issuer = spec.id;
  s.certificates.splice(s.certificates.indexOf(child), 0, spec);
}

/** Edit the leaf's issuer when it is an intermediate; no-op when the leaf is self-signed. */
function onFirstIntermediate(s: Scenario, edit: (ica: CertificateSpec) => void): void {
  const id = intermediates(s)[0];
  if (id) edit(cert(s, id));
}

function resend(s: Scenario): void {
  s.serverSends = [leafId(s), ...intermediates(s)];
}

export const FAILURE_MODES: readonly FailureMode[] = [
  {
    id: 'wrong-order',
    label: 'Wrong order',
    summary: 'Two intermediates, sent root side first. TLS 1.3 allows any order after the leaf; OpenSSL and modern clients sort it out.',
    openssl: OK,
    sClient: 0,
    apply(s) {
      if (intermediates(s).length < 2) {
        insertAbove(s, intermediates(s).at(-1) ?? leafId(s), {
          id: 'policy-ca',
          issuer: '',
          subject: { country: 'US', organization: 'Certlab Demo', commonName: 'Certlab Demo Policy CA' },
          validity: { notBefore: -300, notAfter: 3000 },
          basicConstraints: { ca: true, pathLen: 1 },
          keyUsage: ['keyCertSign', 'cRLSign'],
        });
      }
      s.serverSends = [leafId(s), ...intermediates(s).reverse()];
    },
  },
  {
    id: 'path-length-exceeded',
    label: 'Path length exceeded',
    summary: 'A team CA was added below the issuing CA, whose pathlen:0 says no CA may follow it.',
    openssl: { code: 25, name: 'X509_V_ERR_PATH_LENGTH_EXCEEDED', depth: 2 },
    sClient: 25,
    apply(s) {
      insertAbove(s, leafId(s), {
        id: 'team-ca',
        issuer: '',
        subject: { country: 'US', organization: 'Certlab Demo', commonName: 'Certlab Demo Team CA' },
        validity: { notBefore: -90, notAfter: 900 },
        basicConstraints: { ca: true },
        keyUsage: ['keyCertSign', 'cRLSign'],
      });
      resend(s);
    },
  },
  {
    id: 'leaf-only',
    label: 'Server sends leaf only',
    summary:
      'The server sends its own certificate without the intermediate; only clients that fetch it via AIA (Chrome) or already hold it (Firefox) can build the chain.',
    openssl: { code: 20, name: 'X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY', depth: 0 },
    sClient: 21,
    apply(s) {
      s.serverSends = [leafId(s)];
    },
  },
  {
    id: 'extra-unrelated',
    label: 'Extra unrelated certificate',
    summary: 'The server also sends a certificate from another hierarchy. Clients ignore it, but it costs bytes and confuses people.',
    openssl: OK,
    sClient: 0,
    apply(s) {
      s.certificates.push({
        id: 'unrelated',
        issuer: 'unrelated',
        subject: { organization: 'Some Other CA', commonName: 'Unrelated Old CA' },
        validity: { notBefore: -800, notAfter: 1000 },
        basicConstraints: { ca: true },
        keyUsage: ['keyCertSign', 'cRLSign'],
      });
      s.serverSends.push('unrelated');
    },
  },
  {
    id: 'root-included',
    label: 'Root included',
    summary: 'The server also sends the root. Harmless for clients that trust it, wasted bytes for everyone; it never makes an untrusted root trusted.',
    openssl: OK,
    sClient: 0,
    apply(s) {
      const path = [leafId(s), ...intermediates(s)];
      const root = cert(s, path.at(-1)!).issuer;
      if (!s.serverSends.includes(root)) s.serverSends.push(root);
    },
  },
  {
    id: 'expired-leaf',
    label: 'Expired leaf',
    summary: 'The server certificate expired 3 days ago.',
    openssl: { code: 10, name: 'X509_V_ERR_CERT_HAS_EXPIRED', depth: 0 },
    sClient: 10,
    apply(s) {
      cert(s, leafId(s)).validity = { notBefore: -93, notAfter: -3 };
    },
  },
  {
    id: 'expired-intermediate',
    label: 'Expired intermediate',
    summary: 'The issuing CA expired yesterday, although the leaf itself is still within its dates.',
    openssl: { code: 10, name: 'X509_V_ERR_CERT_HAS_EXPIRED', depth: 1 },
    sClient: 10,
    apply(s) {
      onFirstIntermediate(s, (ica) => {
        ica.validity = { notBefore: -1000, notAfter: -1 };
      });
    },
  },
  {
    id: 'not-yet-valid-leaf',
    label: 'Not-yet-valid leaf',
    summary: 'The server certificate starts tomorrow (issued ahead, or the client clock is behind).',
    openssl: { code: 9, name: 'X509_V_ERR_CERT_NOT_YET_VALID', depth: 0 },
    sClient: 9,
    apply(s) {
      cert(s, leafId(s)).validity = { notBefore: 1, notAfter: 91 };
    },
  },
  {
    id: 'wrong-host',
    label: 'Wrong host name',
    summary: 'The client asks for api.certlab.test; the certificate names only shop.certlab.test.',
    openssl: { code: 62, name: 'X509_V_ERR_HOSTNAME_MISMATCH', depth: 0 },
    sClient: 62,
    apply(s) {
      s.host = 'api.certlab.test';
    },
  },
  {
    id: 'san-missing',
    label: 'SAN missing (CN only)',
    summary: 'The name is only in the subject CN, with no subjectAltName. OpenSSL-based clients and Java still accept it; Go and browsers do not.',
    openssl: OK,
    sClient: 0,
    apply(s) {
      delete cert(s, leafId(s)).subjectAltNames;
    },
  },
  {
    id: 'wildcard-too-deep',
    label: 'Wildcard too deep',
    summary: 'The certificate is for *.certlab.test; the client asks for eu.shop.certlab.test. A wildcard covers exactly one label.',
    openssl: { code: 62, name: 'X509_V_ERR_HOSTNAME_MISMATCH', depth: 0 },
    sClient: 62,
    apply(s) {
      const leaf = cert(s, leafId(s));
      leaf.subject = { commonName: '*.certlab.test' };
      leaf.subjectAltNames = ['*.certlab.test'];
      s.host = 'eu.shop.certlab.test';
    },
  },
  {
    id: 'private-ca',
    label: "Private CA not in the client's store",
    summary: 'The chain is complete but ends at a company root the client was never given.',
    openssl: { code: 20, name: 'X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY', depth: 1 },
    sClient: 20,
    apply(s) {
      s.certificates.forEach((c) => {
        if (c.issuer === c.id && c.id !== 'unrelated') {
          c.subject = { ...c.subject, organization: 'Example Corp', commonName: 'Example Corp Internal Root CA' };
        }
      });
      s.trustStore = [];
    },
  },
  {
    id: 'intermediate-not-ca',
    label: 'Intermediate without CA:TRUE',
    summary: 'The certificate that signed the leaf says CA:FALSE: it may not issue certificates.',
    openssl: { code: 79, name: 'X509_V_ERR_INVALID_CA', depth: 1 },
    sClient: 26,
    apply(s) {
      onFirstIntermediate(s, (ica) => {
        ica.basicConstraints = { ca: false };
      });
    },
  },
  {
    id: 'client-auth-eku',
    label: 'Server certificate with clientAuth-only EKU',
    summary: 'The server certificate was issued for client authentication only (EKU clientAuth), not for a TLS server.',
    openssl: { code: 26, name: 'X509_V_ERR_INVALID_PURPOSE', depth: 0 },
    sClient: 26,
    apply(s) {
      cert(s, leafId(s)).extendedKeyUsage = ['clientAuth'];
    },
  },
  {
    id: 'rsa-1024',
    label: 'RSA-1024 key',
    summary: "The server key is RSA with 1024 bits, below OpenSSL security level 2 (Debian's default).",
    openssl: { code: 66, name: 'X509_V_ERR_EE_KEY_TOO_SMALL', depth: 0 },
    sClient: 66,
    apply(s) {
      const leaf = cert(s, leafId(s));
      leaf.key = 'RSA-1024';
      leaf.keyUsage = ['digitalSignature', 'keyEncipherment'];
    },
  },
  {
    id: 'sha1-signature',
    label: 'SHA-1 signature',
    summary: 'The intermediate signed the server certificate with SHA-1, which OpenSSL 3, Go and browsers refuse.',
    openssl: { code: 68, name: 'X509_V_ERR_CA_MD_TOO_WEAK', depth: 0 },
    sClient: 68,
    apply(s) {
      cert(s, leafId(s)).signatureHash = 'SHA-1';
    },
  },
  {
    id: 'name-constraints',
    label: 'Name constraints violated',
    summary: 'The issuing CA may only issue for corp.example (name constraints); the leaf is for shop.certlab.test.',
    openssl: { code: 47, name: 'X509_V_ERR_PERMITTED_VIOLATION', depth: 0 },
    sClient: 47,
    apply(s) {
      onFirstIntermediate(s, (ica) => {
        ica.nameConstraints = { permitted: ['corp.example'] };
      });
    },
  },
  {
    id: 'self-signed-leaf',
    label: 'Self-signed leaf',
    summary: 'The server uses a certificate it signed itself, which no client trusts.',
    openssl: { code: 18, name: 'X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT', depth: 0 },
    sClient: 18,
    apply(s) {
      const leaf = cert(s, leafId(s));
      leaf.issuer = leaf.id;
      leaf.basicConstraints = { ca: true };
      leaf.keyUsage = ['digitalSignature', 'keyCertSign'];
      s.serverSends = [leaf.id];
    },
  },
  {
    id: 'client-cert-required',
    label: 'Client certificate required',
    summary: 'The server demands a client certificate (mutual TLS) and the client sends none. The chain is fine; the handshake fails.',
    openssl: OK,
    sClient: 0,
    handshake: {
      alert: 'certificate required',
      note: 'TLS 1.3 alert 116 (certificate_required), sent by the server after the client finished without a certificate; TLS 1.2 servers send handshake_failure (40).',
    },
    apply(s) {
      s.clientCertRequired = true;
    },
  },
];

export type FailureModeId = (typeof FAILURE_MODES)[number]['id'];

/** The order the toggles are shown in (the order of the issue that asked for them): what the
 *  server sends, then dates, names, trust, CA markings, purpose, crypto, client certificates. */
export const MODE_DISPLAY_ORDER: readonly string[] = [
  'leaf-only',
  'wrong-order',
  'extra-unrelated',
  'root-included',
  'expired-leaf',
  'expired-intermediate',
  'not-yet-valid-leaf',
  'wrong-host',
  'san-missing',
  'wildcard-too-deep',
  'self-signed-leaf',
  'private-ca',
  'intermediate-not-ca',
  'path-length-exceeded',
  'client-auth-eku',
  'rsa-1024',
  'sha1-signature',
  'name-constraints',
  'client-cert-required',
];

/** FAILURE_MODES in display order. */
export function modesForDisplay(): FailureMode[] {
  return MODE_DISPLAY_ORDER.map((id) => findMode(id)!);
}

export function findMode(id: string): FailureMode | undefined {
  return FAILURE_MODES.find((m) => m.id === id);
}

/** Build the scenario for a set of modes (order-independent). Unknown ids are listed, not thrown.
 *  `key` sets every certificate's key type first (the RSA-1024 mode still weakens the leaf). */
export function scenarioForModes(ids: readonly string[], opts: { key?: KeyType } = {}): { scenario: Scenario; unknown: string[] } {
  const s = baseScenario();
  if (opts.key && opts.key !== 'P-256') {
    for (const c of s.certificates) {
      c.key = opts.key;
      // RSA key exchange in TLS 1.2 needs keyEncipherment on an RSA server certificate.
      if (opts.key.startsWith('RSA') && c.id === 'leaf') c.keyUsage = ['digitalSignature', 'keyEncipherment'];
    }
  }
  const unknown = ids.filter((id) => !findMode(id));
  const chosen = FAILURE_MODES.filter((m) => ids.includes(m.id));
  for (const m of chosen) m.apply(s);
  if (chosen.length > 0) s.title = chosen.map((m) => m.label).join(' + ');
  return { scenario: s, unknown };
}
