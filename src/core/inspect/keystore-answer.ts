/**
 * The question Java users ask most: "is this certificate, or a certificate on its path, in
 * this keystore / cacerts?" Given a path (the certificate first, then its issuers as far as
 * they are known) and the certificates of a store (from a JKS/JCEKS/PKCS#12 file or from
 * `keytool -list` text), the answer is one of:
 *
 *   yes: alias X is this certificate
 *   yes: alias X is the intermediate/root at depth N of its path
 *   yes: alias X issued the top of the path (its name, key id and signature agree)
 *   probably: alias X has the name of the top's issuer (a `keytool -list -v` listing: no key to check)
 *   cannot tell: the store is known only by fingerprints (short `keytool -list`) and none is on the path
 *   no:  nothing in this store is on its path; import <subject> with keytool -importcert ...
 *
 * Matching is by SHA-256 fingerprint (a listing without the certificates has only those);
 * the "issued the top" answer needs the store's certificate itself and checks its signature.
 */
import type { Certificate, Subtle } from '../model.ts';
import { keyIdsAgree, namesIssuer } from '../x509/issuer-link.ts';
import { verifySignature } from '../x509/signature.ts';

export interface StoreCertificate {
  alias: string;
  entryType: 'trusted-certificate' | 'private-key' | 'secret-key';
  /** Lower-case hex SHA-256 of the certificate's DER. */
  sha256: string;
  /** The certificate, when the store (not a fingerprint listing) holds it. */
  certificate?: Certificate;
  /** Its subject as `keytool -list -v` printed it ("CN=x, O=y"), when only a listing is known. */
  subject?: string;
}

export type KeystoreAnswer =
  | { kind: 'is-this-certificate'; alias: string; entryType: StoreCertificate['entryType'] }
  | { kind: 'on-path'; alias: string; entryType: StoreCertificate['entryType']; depth: number; role: 'intermediate' | 'root'; subject: string }
  | { kind: 'issued-top'; alias: string; entryType: StoreCertificate['entryType']; subject: string }
  | { kind: 'issuer-by-name'; alias: string; entryType: StoreCertificate['entryType']; subject: string }
  | { kind: 'cannot-tell'; fingerprintsOnly: number }
  | {
      kind: 'not-on-path';
      /** What to import: the top of the path when it is a root, else the top's issuer by name. */
      importSubject: string;
      /** True when that certificate is in the input (it can be imported as is). */
      haveIt: boolean;
      /** Where the issuer can be downloaded (the top's AIA caIssuers URL), when the input lacks it. */
      url?: string;
      command: string;
    };

/** A distinguished name's attributes, most specific first, compared loosely (keytool prints "CN=x, O=y"; RFC 4514 "CN=x,O=y"). */
function nameParts(dn: string): string[] {
  return dn
    .split(/,\s*(?=[A-Za-z][A-Za-z0-9.]*=)/)
    .map((p) => p.trim().toLowerCase().replace(/\s+/g, ' '))
    .filter(Boolean);
}
const sameParts = (a: string[], b: string[]) => a.length > 0 && a.length === b.length && a.every((x, i) => x === b[i]);

/** A short alias suggestion from a subject's CN (or O), lower case, dashes. */
export function aliasFor(cert: Certificate): string {
  const attr = (type: string) => cert.subject.rdns.flat().find((a) => a.type === type)?.value;
  const base = attr('CN') ?? attr('O') ?? 'issuer';
  return (
    base
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'issuer'
  );
}

/**
 * Answers the question for one path (certificate first) against one store. `storeFile` is what
 * the command calls the store (e.g. "cacerts" or the dropped file's name).
 */
export async function keystoreAnswer(path: Certificate[], store: StoreCertificate[], storeFile: string, subtle: Subtle): Promise<KeystoreAnswer> {
  // trusted entries first: they are what Java trusts; a key entry's chain only says what it presents
  const ordered = [...store.filter((s) => s.entryType === 'trusted-certificate'), ...store.filter((s) => s.entryType !== 'trusted-certificate')];
  for (let depth = 0; depth < path.length; depth++) {
    const hit = ordered.find((s) => s.sha256 === path[depth].sha256);
    if (!hit) continue;
    if (depth === 0) return { kind: 'is-this-certificate', alias: hit.alias, entryType: hit.entryType };
    const c = path[depth];
    return { kind: 'on-path', alias: hit.alias, entryType: hit.entryType, depth, role: c.selfIssued ? 'root' : 'intermediate', subject: c.subject.oneline };
  }
  const top = path[path.length - 1];
  if (!top.selfIssued) {
    for (const s of ordered) {
      const c = s.certificate;
      if (!c || !namesIssuer(c, top) || !keyIdsAgree(top, c)) continue;
      if ((await verifySignature(top, c, subtle)).ok) return { kind: 'issued-top', alias: s.alias, entryType: s.entryType, subject: c.subject.oneline };
    }
  }
  if (!top.selfIssued) {
    const want = nameParts(top.issuer.rfc4514);
    const named = ordered.find((s) => !s.certificate && s.subject !== undefined && sameParts(nameParts(s.subject), want));
    if (named) return { kind: 'issuer-by-name', alias: named.alias, entryType: named.entryType, subject: named.subject ?? '' };
  }
  const blind = store.filter((s) => !s.certificate && s.subject === undefined).length;
  if (blind) return { kind: 'cannot-tell', fingerprintsOnly: blind };
  const haveIt = top.selfIssued;
  const url = haveIt ? undefined : top.aia?.caIssuers[0];
  const alias = haveIt ? aliasFor(top) : 'issuer';
  const file = haveIt ? `${alias}.pem` : 'issuer.pem';
  return {
    kind: 'not-on-path',
    importSubject: haveIt ? top.subject.oneline : top.issuer.oneline,
    haveIt,
    ...(url ? { url } : {}),
    command: `keytool -importcert -alias ${alias} -file ${file} -keystore ${storeFile}`,
  };
}

const ENTRY: Record<StoreCertificate['entryType'], string> = {
  'trusted-certificate': 'a trusted certificate entry',
  'private-key': 'the chain of a private key entry, not a trusted entry',
  'secret-key': 'a secret key entry',
};

/** The answer as one sentence (what the inspector and the CLI print). */
export function keystoreAnswerText(a: KeystoreAnswer, storeName: string): string {
  switch (a.kind) {
    case 'is-this-certificate':
      return `Yes: alias "${a.alias}" in ${storeName} is this certificate (${ENTRY[a.entryType]}).`;
    case 'on-path':
      return `Yes: alias "${a.alias}" in ${storeName} is the ${a.role} on its path (depth ${a.depth}, ${a.subject}; ${ENTRY[a.entryType]}).`;
    case 'issued-top':
      return `Yes: alias "${a.alias}" in ${storeName} issued the top of its path (${a.subject}; name, key id and signature agree; ${ENTRY[a.entryType]}).`;
    case 'issuer-by-name':
      return `Probably: alias "${a.alias}" in ${storeName} has the name of the issuer of its path's top (${a.subject}; ${ENTRY[a.entryType]}). A listing carries no keys, so the signature was not checked: paste keytool -list -rfc output, or the store itself, to be sure.`;
    case 'cannot-tell':
      return `Cannot tell: ${storeName} lists ${a.fingerprintsOnly} certificate${a.fingerprintsOnly === 1 ? '' : 's'} by fingerprint only, and none is on its path; the issuer may still be among them. Paste keytool -list -v (names) or -list -rfc (certificates) output instead.`;
    case 'not-on-path':
      return `No: nothing in ${storeName} is on its path. Import the ${a.haveIt ? 'root' : 'issuer'} ${a.importSubject}${a.haveIt ? ' (it is in your input)' : a.url ? ` (download it from ${a.url})` : ' (ask the certificate authority for it)'} with: ${a.command}`;
  }
}
