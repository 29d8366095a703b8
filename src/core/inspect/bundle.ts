/**
 * Bundle analysis for several certificates at once: which certificate issued which (by
 * name and key identifier, with the signature actually checked through WebCrypto), the
 * chain in the right order, and the findings a person needs: leaf missing, intermediate
 * missing (with the AIA URL that fetches it), wrong order, unrelated extras, root
 * included, duplicates, expired / not yet valid / soon-expiring members, bad signatures.
 * Flags follow what SSL Labs reports for served chains (ssllabs-api-docs-v3.md,
 * CertificateChain.issues: incomplete, unrelated, incorrect order, contains anchor).
 */
import type { Certificate, Subtle } from '../model.ts';
import { validityStatus } from '../x509/certificate.ts';
import { verifySignature, type SignatureCheck } from '../x509/signature-status.ts';
import { issuerCandidates, type KeyIdLink } from '../x509/issuer-link.ts';

export type FindingKind =
  | 'leaf-missing'
  | 'intermediate-missing'
  | 'wrong-order'
  | 'unrelated-certificate'
  | 'root-included'
  | 'root-not-included'
  | 'duplicate'
  | 'expired'
  | 'not-yet-valid'
  | 'expiring-soon'
  | 'bad-signature'
  | 'multiple-leaves'
  | 'trust-store'
  | 'key-matches'
  | 'key-mismatch'
  | 'partial-transcript'
  | 'revoked'
  | 'crl-signature'
  | 'crl-outdated';

export interface Finding {
  kind: FindingKind;
  severity: 'error' | 'warning' | 'info';
  /** Item indices of the certificates (or keys) concerned. */
  items: number[];
  message: string;
  /** What to do about it. */
  action: string;
  /** AIA caIssuers URL that fetches a missing intermediate. */
  url?: string;
  /** For wrong-order: the item indices in the right order. */
  rightOrder?: number[];
}

export interface BundleLink {
  child: number;
  parent: number;
  /** Issuer name of the child equals the subject of the parent (always true for a link). */
  byName: true;
  /** AKI of the child vs SKI of the parent. */
  byKeyId: KeyIdLink;
  /** 'not-checked' once the budget of signature checks is spent (huge bundles of look-alike names). */
  signature: SignatureCheck['status'] | 'not-checked';
}

/** At most this many issuer candidates are checked per certificate, and this many signatures in all. */
export const CANDIDATES_PER_CERT = 4;
export const SIGNATURE_BUDGET = 2000;
/** Longest chain followed (OpenSSL's default verify depth is 100). */
export const MAX_CHAIN = 100;

export interface BundleAnalysis {
  kind: 'chain' | 'trust-store' | 'single';
  /** Item indices from the leaf (or lowest certificate) up, in the order a server should send them. */
  chain: number[];
  links: BundleLink[];
  findings: Finding[];
}

export interface BundleMember {
  index: number;
  cert: Certificate;
}

const DAY = 86_400_000;
/** A member expiring within this many days gets a warning. */
export const SOON_DAYS = 30;

const label = (c: Certificate) => c.subject.oneline || c.subject.rfc4514 || '(empty subject)';

function validityFindings(members: BundleMember[], at: number): Finding[] {
  const out: Finding[] = [];
  for (const { index, cert } of members) {
    const v = validityStatus(cert.notBefore, cert.notAfter, at);
    if (v.state === 'expired') {
      out.push({
        kind: 'expired',
        severity: 'error',
        items: [index],
        message: `${label(cert)} ${v.text}`,
        action:
          cert.role === 'leaf' ? 'Renew the certificate and install the new one.' : 'Replace it with the current version of this CA certificate from the CA.',
      });
    } else if (v.state === 'not-yet-valid') {
      out.push({
        kind: 'not-yet-valid',
        severity: 'error',
        items: [index],
        message: `${label(cert)} is ${v.text}`,
        action: 'Check the clock of the machine that issued it, or wait until it becomes valid.',
      });
    } else if (cert.notAfter - at < SOON_DAYS * DAY) {
      out.push({
        kind: 'expiring-soon',
        severity: 'warning',
        items: [index],
        message: `${label(cert)} ${v.text}`,
        action: 'Renew it now; automate renewal (e.g. ACME) so it cannot lapse.',
      });
    }
  }
  return out;
}

async function findLinks(members: BundleMember[], subtle: Subtle): Promise<BundleLink[]> {
  const candidates = issuerCandidates(members, (m) => m.cert);
  let budget = SIGNATURE_BUDGET;
  const pairs = members.flatMap((c) =>
    candidates(c.cert)
      .slice(0, CANDIDATES_PER_CERT)
      .map(({ item: p, byKeyId }) => ({ c, p, byKeyId, check: budget-- > 0 })),
  );
  // every candidate's signature is checked (within the budget), all at once
  return Promise.all(
    pairs.map(async ({ c, p, byKeyId, check }): Promise<BundleLink> => {
      const signature = check
        ? (await verifySignature(subtle, c.cert.tbs, c.cert.signatureAlgorithm, c.cert.signature, p.cert.publicKey)).status
        : 'not-checked';
      return { child: c.index, parent: p.index, byName: true, byKeyId, signature };
    }),
  );
}

/** Prefers a verified parent, then one whose key id matches, then any by name. */
function bestParent(byChild: Map<number, BundleLink[]>, child: number): BundleLink | undefined {
  const cands = (byChild.get(child) ?? []).filter((l) => l.parent !== child);
  const score = (l: BundleLink) =>
    (l.signature === 'valid' ? 4 : l.signature === 'unsupported' || l.signature === 'not-checked' ? 2 : 0) +
    (l.byKeyId === 'match' ? 1 : l.byKeyId === 'absent' ? 0.5 : 0);
  return cands.sort((a, b) => score(b) - score(a))[0];
}

export async function analyzeBundle(input: BundleMember[], subtle: Subtle, at: number): Promise<BundleAnalysis> {
  const findings: Finding[] = [];
  const seen = new Map<string, number>();
  const members: BundleMember[] = [];
  for (const m of input) {
    const first = seen.get(m.cert.sha256);
    if (first !== undefined) {
      findings.push({
        kind: 'duplicate',
        severity: 'warning',
        items: [first, m.index],
        message: `${label(m.cert)} appears more than once`,
        action: 'Remove the extra copy; clients ignore it, but it wastes bytes in every handshake.',
      });
    } else {
      seen.set(m.cert.sha256, m.index);
      members.push(m);
    }
  }
  const links = await findLinks(members, subtle);
  findings.push(...validityFindings(members, at));
  const byIndex = new Map(members.map((m) => [m.index, m.cert]));

  if (members.length > 2 && members.every((m) => m.cert.selfIssued)) {
    findings.unshift({
      kind: 'trust-store',
      severity: 'info',
      items: members.map((m) => m.index),
      message: `${members.length} self-signed root certificates: this is a trust store (CA bundle), not a server chain`,
      action: 'Use it as a CA file (e.g. `curl --cacert`, `SSL_CERT_FILE`); do not send it from a server.',
    });
    return { kind: 'trust-store', chain: [], links, findings };
  }

  const leaves = members.filter((m) => m.cert.role === 'leaf');
  const issuers = new Set(links.filter((l) => l.child !== l.parent).map((l) => l.parent));
  const issuesOthers = (i: number) => issuers.has(i);
  let start: BundleMember | undefined = leaves[0];
  if (!start) {
    start = members.find((m) => !issuesOthers(m.index)) ?? members[0];
    if (members.length > 0) {
      findings.push({
        kind: 'leaf-missing',
        severity: members.length > 1 ? 'error' : 'info',
        items: [],
        message: 'there is no leaf (end-entity) certificate, only CA certificates',
        action: 'Put the server certificate first, followed by its intermediates (fullchain.pem).',
      });
    }
  }
  if (leaves.length > 1) {
    findings.push({
      kind: 'multiple-leaves',
      severity: 'warning',
      items: leaves.map((l) => l.index),
      message: `${leaves.length} leaf certificates; a server presents exactly one`,
      action: `Keep the one for this server (${label(leaves[0].cert)} is used below) and remove the others.`,
    });
  }
  if (!start) return { kind: 'single', chain: [], links, findings };

  const chain = [start.index];
  const byChild = new Map<number, BundleLink[]>();
  for (const l of links) {
    const list = byChild.get(l.child);
    if (list) list.push(l);
    else byChild.set(l.child, [l]);
  }
  const inChain = new Set(chain);
  while (chain.length < MAX_CHAIN) {
    const cur = chain[chain.length - 1];
    const best = bestParent(byChild, cur);
    if (!best || inChain.has(best.parent)) break;
    if (best.signature === 'invalid') {
      findings.push({
        kind: 'bad-signature',
        severity: 'error',
        items: [cur, best.parent],
        message: `${label(byIndex.get(cur)!)} names ${label(byIndex.get(best.parent)!)} as its issuer, but that certificate's key did not sign it`,
        action:
          'The bundle holds a different certificate with the same name (often an old or re-keyed intermediate); get the right one from the AIA URL or the CA.',
      });
      break;
    }
    chain.push(best.parent);
    inChain.add(best.parent);
  }

  const top = byIndex.get(chain[chain.length - 1])!;
  const topIndex = chain[chain.length - 1];
  if (top.selfIssued) {
    if (chain.length > 1) {
      findings.push({
        kind: 'root-included',
        severity: 'info',
        items: [topIndex],
        message: `the root ${label(top)} is included`,
        action: 'Servers need not send the root: clients use their own copy from the trust store. Removing it saves a few hundred bytes per handshake.',
      });
    }
  } else if (top.role === 'leaf' || !top.basicConstraints?.ca) {
    findings.push({
      kind: 'intermediate-missing',
      severity: members.length > 1 ? 'error' : 'warning',
      items: [topIndex],
      message: `the issuer of ${label(top)} (${top.issuer.oneline}) is not in the bundle`,
      action: top.aia?.caIssuers[0]
        ? `Download the intermediate from ${top.aia.caIssuers[0]} (DER; convert with \`openssl x509 -inform DER -in ica.cer -out ica.pem\`) and append it after the certificate.`
        : 'Get the intermediate certificate from your CA and append it after the certificate.',
      url: top.aia?.caIssuers[0],
    });
  } else {
    findings.push({
      kind: 'root-not-included',
      severity: 'info',
      items: [topIndex],
      message: `the chain ends at ${label(top)}, issued by ${top.issuer.oneline}, which is expected to be a root in the client's trust store`,
      action: top.aia?.caIssuers[0]
        ? `If clients still fail, the issuer may be another intermediate: check ${top.aia.caIssuers[0]}.`
        : 'Nothing to do if that issuer is a trusted root.',
      url: top.aia?.caIssuers[0],
    });
  }

  const otherLeaves = new Set(leaves.slice(1).map((l) => l.index));
  const order = members.map((m) => m.index);
  const positions = chain.map((i) => order.indexOf(i));
  const inOrder = positions.every((p, k) => (k === 0 ? p === 0 : p > positions[k - 1]));
  if (!inOrder && chain.length > 1) {
    findings.push({
      kind: 'wrong-order',
      severity: 'warning',
      items: chain,
      rightOrder: chain,
      message: 'the certificates are not in order (leaf first, then each issuer)',
      action:
        'Reorder the file: leaf, then the intermediate that signed it, and so on (see fullchain.pem below). Strict clients (Java, older OpenSSL) reject other orders.',
    });
  }
  for (const m of members) {
    if (inChain.has(m.index) || otherLeaves.has(m.index)) continue;
    findings.push({
      kind: 'unrelated-certificate',
      severity: 'warning',
      items: [m.index],
      message: `${label(m.cert)} is not part of the chain of ${label(start.cert)}`,
      action: 'Remove it from the bundle; extra certificates slow the handshake and confuse some clients.',
    });
  }
  return { kind: members.length === 1 ? 'single' : 'chain', chain, links, findings };
}
