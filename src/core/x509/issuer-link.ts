/**
 * Which certificate may have issued which: the one linker that the path builder
 * (src/core/validate/path-builder.ts, through mayHaveIssued) and the bundle analysis
 * (src/core/inspect/bundle.ts) share. A parent is a candidate when its subject equals the
 * child's issuer name (canonical form); the authority key id then tells candidates apart.
 * Signatures are checked by the callers.
 */
import type { Certificate } from '../model.ts';

/** The child's AKI key id against the parent's SKI; 'absent' when either is missing. */
export type KeyIdLink = 'match' | 'mismatch' | 'absent';

export function namesIssuer(parent: Certificate, child: Certificate): boolean {
  return parent.subject.canonical === child.issuer.canonical;
}

export function keyIdLink(child: Certificate, parent: Certificate): KeyIdLink {
  if (!child.authorityKeyId || !parent.subjectKeyId) return 'absent';
  return child.authorityKeyId === parent.subjectKeyId ? 'match' : 'mismatch';
}

interface AkiParts {
  keyId?: string;
  issuer?: { type: string; value?: unknown }[];
  serialHex?: string;
}

function akiParts(cert: Certificate): AkiParts | undefined {
  const d = cert.extensions.find((e) => e.oid === '2.5.29.35')?.decoded as { kind?: string; value?: AkiParts } | undefined;
  return d?.kind === 'authorityKeyIdentifier' ? d.value : undefined;
}

/**
 * AKI does not contradict `issuer` (X509_check_akid): key id against its SKI, and when the AKI
 * names the issuer's issuer and serial, those too.
 */
export function keyIdsAgree(cert: Certificate, issuer: Certificate): boolean {
  if (keyIdLink(cert, issuer) === 'mismatch') return false;
  const aki = akiParts(cert);
  if (aki?.serialHex !== undefined && aki.serialHex !== issuer.serialHex) return false;
  const dirNames = (aki?.issuer ?? []).filter((g) => g.type === 'dirName');
  if (dirNames.length && !dirNames.some((g) => (g.value as { canonical?: string })?.canonical === issuer.issuer.canonical)) return false;
  return true;
}

/**
 * Candidate issuers of a certificate among `pool`, by name, best key-id link first
 * (match, then absent, then mismatch; pool order within each).
 */
export function issuerCandidates<T>(pool: readonly T[], certOf: (t: T) => Certificate): (child: Certificate) => { item: T; byKeyId: KeyIdLink }[] {
  const bySubject = new Map<string, T[]>();
  for (const t of pool) {
    const key = certOf(t).subject.canonical;
    const list = bySubject.get(key);
    if (list) list.push(t);
    else bySubject.set(key, [t]);
  }
  const rank: Record<KeyIdLink, number> = { match: 0, absent: 1, mismatch: 2 };
  return (child) =>
    (bySubject.get(child.issuer.canonical) ?? [])
      .map((item) => ({ item, byKeyId: keyIdLink(child, certOf(item)) }))
      .sort((a, b) => rank[a.byKeyId] - rank[b.byKeyId]);
}
