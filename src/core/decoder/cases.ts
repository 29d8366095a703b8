/**
 * From the cause a message names to the case at hand: texts several causes print are ranked
 * by what the text shows (depth, issuer names, expired roots), given at most three candidates
 * each with its tell, and decided outright by evidence (s_client / curl -v / probe) when given.
 * Liability follows the case: a proxy's or private root missing from a client is the client's
 * to fix; a public site without its intermediate is the server's.
 */
import type { CauseId } from '../causes/cause-id.ts';
import { CAUSES, type Liability } from '../causes/causes.ts';
import { LEAF_ISSUER_UNKNOWN_ACTIONS } from '../codes/verify-annotations.ts';
import type { Target } from './context.ts';
import type { Candidate, CaseId, Confidence, EvidenceNeeded } from './decode.ts';
import type { Evidence } from './evidence.ts';
import { expiredRoot, inspectionProduct, looksLikeRoot, mentionsProxy } from './signals.ts';
import { sClient, tellFor } from './tells.ts';

export interface CaseInput {
  text: string;
  /** The cause the most telling message names; null when the text names none (a wrapper only). */
  cause: CauseId | null;
  /** Other causes the same message is printed for. */
  alternatives: CauseId[];
  /** Short OpenSSL name of the verify code found (UNABLE_TO_GET_ISSUER_CERT_LOCALLY, ...). */
  code: string | null;
  depth: number | null;
  /** The message belongs to one cause only. */
  definite: boolean;
  evidence: Evidence[];
  target: Target | null;
}

export interface Reading {
  cause: CauseId | null;
  case: CaseId | null;
  confidence: Confidence;
  candidates: Candidate[];
  evidenceNeeded: EvidenceNeeded | null;
  evidenceFinding: { kind: Evidence['kind']; finding: string } | null;
  explanation?: string;
  /** The verify code found still describes the case (e.g. 20 read as a proxy). */
  keepsCode: boolean;
  /** Who acts when the text cannot say it (the case's own liability otherwise). */
  liability?: Liability;
  /** What each side does when the text cannot say who acts (the case's own actions otherwise). */
  actions?: { server: string; client: string };
  /** The first sentence people read, when the cause's title would claim more than the text shows. */
  headline?: string;
}

const CASE_LIABILITY: Record<CaseId, Liability> = {
  'missing-intermediate': 'server',
  'tls-inspection': 'client',
  'private-ca': 'client',
  'outdated-client-store': 'client',
};

const CASE_ACTIONS: Record<CaseId, { server: string; client: string }> = {
  'missing-intermediate': CAUSES['incomplete-chain'].actions,
  'tls-inspection': {
    server: 'Nothing to change on the server: a TLS-inspecting proxy or security product between this client and the server replaces the certificate.',
    client:
      "Get the inspection product's root certificate from your IT department and add it to the trust store this client uses (update-ca-certificates, NODE_EXTRA_CA_CERTS, REQUESTS_CA_BUNDLE / pip --cert, keytool -importcert, git http.sslCAInfo), or use the OS store (--use-system-ca, uv --native-tls). Never turn verification off.",
  },
  'private-ca': {
    server: 'For an internal service this is expected: hand your CA certificate to the clients (and serve any intermediate you have).',
    client:
      "Add your organisation's root CA certificate to the trust store this client uses (update-ca-certificates, --cacert, NODE_EXTRA_CA_CERTS, REQUESTS_CA_BUNDLE, keytool -importcert).",
  },
  'outdated-client-store': CAUSES['outdated-client-store'].actions,
};

/** Code 21, or 20 at depth 0, without evidence (issue 15): neither side is blamed; the leaf's issuer decides. */
const LEAF_ISSUER_UNKNOWN: { liability: Liability; actions: { server: string; client: string }; headline: string } = {
  liability: 'both',
  actions: LEAF_ISSUER_UNKNOWN_ACTIONS,
  headline: "The server does not send its intermediate, or this client lacks a private root that signs directly: the leaf's issuer decides",
};

/**
 * What a case adds to its cause's title, for text people read (the CLI's human output); JSON
 * keeps the id. null: the cause's title already says it.
 */
export const CASE_WORDS: Record<CaseId, string | null> = {
  'missing-intermediate': null,
  'tls-inspection': "a TLS-inspecting proxy on the client's network replaces the certificate",
  'private-ca': 'a private CA the client does not trust yet',
  'outdated-client-store': null,
};

export const caseLiability = (c: CaseId | null): Liability | undefined => (c ? CASE_LIABILITY[c] : undefined);
export const caseActions = (c: CaseId | null): { server: string; client: string } | undefined => (c ? CASE_ACTIONS[c] : undefined);

const CHAIN: ReadonlySet<CauseId> = new Set(['unknown-ca', 'incomplete-chain', 'outdated-client-store', 'self-signed']);

const WHY: Partial<Record<CauseId, string>> = {
  'unknown-ca': 'the chain ends at a CA this client does not trust: a TLS-inspecting proxy, or a private CA',
  'incomplete-chain': 'the server may not send its intermediate certificate',
  'outdated-client-store': "this client's CA bundle may be missing or too old for the root",
  'self-signed': 'the certificate may be signed by its own key',
  expired: 'a certificate in the chain may have expired',
  'not-yet-valid': "the client's clock may be behind the certificate's start date",
};

interface Pick {
  cause: CauseId;
  case: CaseId | null;
  why?: string;
}

function candidate(p: Pick, target: Target | null): Candidate {
  return {
    cause: p.cause,
    case: p.case,
    liability: (p.case ? CASE_LIABILITY[p.case] : undefined) ?? CAUSES[p.cause].liability,
    code: null,
    name: null,
    why: p.why ?? WHY[p.cause] ?? `the same text is also printed when: ${CAUSES[p.cause].title.toLowerCase()}`,
    tell: tellFor(p.cause, p.case, target),
  };
}

function needFor(causes: CauseId[], target: Target | null): EvidenceNeeded {
  if (causes.some((c) => CHAIN.has(c)) || causes.includes('expired'))
    return {
      what: 'The chain the server sends, as this machine sees it (who issued each certificate, whether the intermediate is sent, whether a proxy re-signed it). Paste the whole output.',
      command: sClient(target, ' -showcerts'),
    };
  if (causes.includes('not-yet-valid'))
    return { what: "The client's clock and the certificate's dates.", command: `date -u; ${sClient(target)} 2>/dev/null | openssl x509 -noout -dates` };
  if (causes.includes('hostname-mismatch'))
    return { what: 'The names the certificate is valid for.', command: `${sClient(target)} 2>/dev/null | openssl x509 -noout -subject -ext subjectAltName` };
  if (causes.includes('client-cert-required') || causes.includes('protocol-mismatch'))
    return {
      what: 'How far the handshake gets: the protocol offered and whether the server asks for a client certificate.',
      command: `${sClient(target)} 2>&1 | grep -E 'Protocol|Cipher|Acceptable client certificate|alert|error'`,
    };
  return { what: 'What the server sends and what this machine makes of it.', command: sClient(target, ' -showcerts') };
}

const PUBLIC_ROOT =
  /ISRG Root|DigiCert|USERTrust|GlobalSign|Amazon Root|GTS Root|Starfield|Go Daddy|Entrust|Sectigo|COMODO|QuoVadis|Certum|Microsoft RSA Root|SSL\.com|Baltimore|DST Root|AddTrust|VeriSign|thawte|GeoTrust|Buypass|HARICA|Actalis|T-TeleSec|SwissSign/i;

/** What the evidence decides, or null when it does not bear on the text's causes. */
function fromEvidence(ev: Evidence): { pick: Pick; finding: string } | null {
  const names = [...ev.chain.flatMap((c) => [c.subject, c.issuer]), ...ev.verifyErrors.map((e) => e.text)].join('\n');
  const product = inspectionProduct(names);
  if (product)
    return {
      pick: { cause: 'unknown-ca', case: 'tls-inspection', why: `the chain is issued by ${product}, a TLS-inspecting product` },
      finding: `The certificates were issued by ${product}: a TLS-inspecting proxy or security product re-signs this connection.`,
    };
  const top = ev.chain.at(-1);
  const old = expiredRoot(ev.chain.map((c) => `${c.subject}\n${c.issuer}`).join('\n'));
  const expiredTop = ev.chain.find((c) => c.expired && c.depth > 0 && (c.subject === c.issuer || looksLikeRoot(c.subject)));
  if (expiredTop || (old && ev.verifyErrors.some((e) => e.code === 10 || /expired/i.test(e.text))))
    return {
      pick: { cause: 'outdated-client-store', case: 'outdated-client-store', why: 'the expired certificate is a root at the top of the chain' },
      finding: `The expired certificate is a root (${expiredTop?.subject ?? old}): the client's store is out of date, the server's own certificate is fine.`,
    };
  const leaf = ev.chain.find((c) => c.depth === 0);
  if (leaf?.expired)
    return {
      pick: { cause: 'expired', case: null, why: "the server's own certificate has expired" },
      finding: `The server's certificate (${leaf.subject}) has expired.`,
    };
  if (ev.chain.length === 1 && leaf && ev.kind !== 'curl -v' && !(ev.kind === 'in the text' && ev.verifiedOk)) {
    if (leaf.subject && leaf.subject === leaf.issuer)
      return {
        pick: { cause: 'self-signed', case: null, why: 'the only certificate is its own issuer' },
        finding: `The server sends one self-signed certificate (${leaf.subject}).`,
      };
    if (looksLikeRoot(leaf.issuer)) {
      if (PUBLIC_ROOT.test(leaf.issuer))
        return {
          pick: { cause: 'incomplete-chain', case: 'missing-intermediate', why: 'only the leaf is sent' },
          finding: `Only the server's certificate is sent; its issuer is "${leaf.issuer}".`,
        };
      return {
        pick: { cause: 'unknown-ca', case: 'private-ca', why: 'a private root signs the server certificate directly' },
        finding: `Only the server's certificate is sent, issued directly by the root "${leaf.issuer}", which this client does not hold: add that root to the client's store.`,
      };
    }
    return {
      pick: { cause: 'incomplete-chain', case: 'missing-intermediate', why: 'only the leaf is sent and its issuer is an intermediate' },
      finding: `The server sends only its own certificate; its issuer "${leaf.issuer}" is an intermediate CA the server must send too.`,
    };
  }
  if (
    ev.chain.length >= 2 &&
    top &&
    (ev.verifyErrors.some((e) => [2, 19, 20].includes(e.code)) || (ev.kind === 'in the text' && ev.verifyErrors.length === 0 && !ev.verifiedOk))
  ) {
    if (PUBLIC_ROOT.test(top.issuer) || PUBLIC_ROOT.test(top.subject))
      return {
        pick: { cause: 'outdated-client-store', case: 'outdated-client-store', why: 'the chain leads to a public root this client lacks' },
        finding: `The chain is complete and leads to "${top.issuer}", a public root this client's store lacks.`,
      };
    return {
      pick: { cause: 'unknown-ca', case: 'private-ca', why: 'the chain leads to a root this client lacks' },
      finding: `The chain is complete and leads to "${top.issuer}", a root this client's store lacks.`,
    };
  }
  if (ev.verifiedOk && ev.verifyErrors.length === 0 && ev.kind !== 'in the text')
    return {
      pick: { cause: 'outdated-client-store', case: 'outdated-client-store', why: "the chain verifies with this machine's OpenSSL store" },
      finding: "The chain verifies with this machine's OpenSSL store: the failing client uses a different, older or emptier store.",
    };
  if (ev.kind === 'curl -v' && leaf) {
    if (looksLikeRoot(leaf.issuer) && !PUBLIC_ROOT.test(leaf.issuer))
      return {
        pick: { cause: 'unknown-ca', case: 'private-ca', why: 'a private root issues the server certificate' },
        finding: `The server certificate is issued by the root "${leaf.issuer}", which this client does not hold.`,
      };
  }
  return null;
}

/** localhost, a private or link-local address, or an internal-looking name. */
function privateTarget(t: Target | null): boolean {
  if (!t) return false;
  const h = t.host;
  return (
    /^(?:localhost|127\.|10\.|192\.168\.|172\.(?:1[6-9]|2\d|3[01])\.|169\.254\.|\[(?:::1|fe80:|fc|fd))/i.test(h) ||
    /\.(?:local|lan|internal|home|corp|intranet|localdomain|test)$/i.test(h) ||
    !h.includes('.')
  );
}

export function judgeCase(input: CaseInput): Reading {
  const { text, target } = input;
  const alts = input.alternatives.filter((a) => a !== input.cause);
  const all: CauseId[] = input.cause ? [input.cause, ...alts] : [...alts];
  const chainish = all.some((c) => CHAIN.has(c));
  const dateish = all.includes('expired');

  // 1. evidence decides
  for (const ev of input.evidence) {
    if (input.cause && !chainish && !dateish && input.definite) break;
    const r = fromEvidence(ev);
    if (!r) continue;
    return {
      cause: r.pick.cause,
      case: r.pick.case,
      confidence: 'high',
      candidates: [candidate(r.pick, target)],
      evidenceNeeded: null,
      evidenceFinding: { kind: ev.kind, finding: r.finding },
      keepsCode: r.pick.cause === input.cause,
      explanation: r.finding,
    };
  }
  const evidenceFinding = input.evidence[0]
    ? { kind: input.evidence[0].kind, finding: 'The evidence was read but does not decide between the candidates.' }
    : null;

  // 2. what the text shows
  // names only matter where the causes they tell apart are in play
  const product = chainish || dateish || !input.cause ? inspectionProduct(text) : null;
  const old = chainish || dateish ? expiredRoot(text) : null;
  let picks: Pick[];
  let confidence: Confidence;
  let leafIssuerUnknown = false;
  if (old && (chainish || dateish)) {
    picks = [
      {
        cause: 'outdated-client-store',
        case: 'outdated-client-store',
        why: `the text names ${old}: the expired certificate is a root in the client's own store`,
      },
      { cause: 'expired', case: null },
    ];
    confidence = 'medium';
  } else if (product && (chainish || !input.cause)) {
    picks = [
      { cause: 'unknown-ca', case: 'tls-inspection', why: `the text names ${product}, a TLS-inspecting product` },
      ...all.filter((c) => c !== 'unknown-ca').map((c) => ({ cause: c, case: null })),
    ];
    confidence = 'medium';
  } else if (input.code === 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY' && input.depth === 0) {
    picks = [
      {
        cause: 'incomplete-chain',
        case: 'missing-intermediate',
        why: "at depth 0 the issuer of the server's own certificate is missing: most often the server does not send its intermediate",
      },
      { cause: 'unknown-ca', case: 'tls-inspection', why: 'a TLS-inspecting proxy whose root this client lacks gives the same error' },
      {
        cause: 'unknown-ca',
        case: 'private-ca',
        why: "a private root that signs server certificates directly (two-tier CA) gives the same error, and is the client's to add",
      },
    ];
    confidence = 'ambiguous';
    leafIssuerUnknown = true;
  } else if (input.code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE') {
    picks = [
      {
        cause: 'incomplete-chain',
        case: 'missing-intermediate',
        why: "the issuer of the server's own certificate was neither sent nor found: most often the server does not send its intermediate",
      },
      {
        cause: 'unknown-ca',
        case: 'private-ca',
        why: 'a private root that signs server certificates directly (two-tier CA), missing from this client, gives the same error',
      },
      { cause: 'unknown-ca', case: 'tls-inspection', why: 'a TLS-inspecting proxy that sends only its leaf gives the same error' },
    ];
    confidence = 'medium';
    leafIssuerUnknown = true;
  } else if (input.code === 'SELF_SIGNED_CERT_IN_CHAIN') {
    picks = [
      {
        cause: 'unknown-ca',
        case: mentionsProxy(text) ? 'tls-inspection' : null,
        why: "the chain ends at a root this client does not trust: a TLS-inspecting proxy's or a private CA's",
      },
      { cause: 'self-signed', case: null },
    ];
    confidence = 'medium';
  } else if (input.cause === null) {
    picks = all.map((c) => ({ cause: c, case: null }));
    if (mentionsProxy(text) && all.includes('unknown-ca')) picks.sort((a, b) => (b.cause === 'unknown-ca' ? 1 : 0) - (a.cause === 'unknown-ca' ? 1 : 0));
    confidence = 'ambiguous';
  } else {
    picks = all.map((c) => ({ cause: c, case: null }));
    if (mentionsProxy(text) && all.includes('unknown-ca')) {
      picks.sort((a, b) => (b.cause === 'unknown-ca' ? 1 : 0) - (a.cause === 'unknown-ca' ? 1 : 0));
      picks[0] = { cause: 'unknown-ca', case: 'tls-inspection', why: 'the text mentions a proxy, firewall or antivirus on the way' };
    }
    confidence = alts.length ? 'ambiguous' : input.definite ? 'high' : 'medium';
    // an expired certificate is the server's unless it is an old root in the client's store
    if (input.cause === 'expired' && input.depth !== 0 && !alts.includes('outdated-client-store')) {
      picks.push({
        cause: 'outdated-client-store',
        case: 'outdated-client-store',
        why: "if the expired certificate is a root (DST Root CA X3 in 2021, AddTrust in 2020), the client's store is out of date",
      });
      if (confidence === 'high') confidence = 'medium';
    }
  }
  // a server on a private address or an internal name is more often self-signed than a public one
  const selfSignedIdx = picks.findIndex((p) => p.cause === 'self-signed');
  if (selfSignedIdx > 1 && (privateTarget(target) || /self[- ]?signed/i.test(text))) {
    const [ss] = picks.splice(selfSignedIdx, 1);
    picks.splice(1, 0, { ...ss!, why: 'the server is on a private address or internal name, where self-signed certificates are common' });
  }
  const seen = new Set<string>();
  const candidates: Candidate[] = [];
  for (const p of picks) {
    const key = `${p.cause}/${p.case}`;
    if (seen.has(key)) continue;
    seen.add(key);
    candidates.push(candidate(p, target));
    if (candidates.length === 3) break;
  }
  const cause = input.cause === null && !product ? null : (candidates[0]?.cause ?? null);
  return {
    cause,
    case: cause ? (picks[0]?.case ?? null) : null,
    confidence,
    candidates,
    evidenceNeeded:
      confidence === 'high'
        ? null
        : needFor(
            candidates.map((c) => c.cause),
            target,
          ),
    evidenceFinding,
    keepsCode: true,
    ...(leafIssuerUnknown && picks[0]?.case === 'missing-intermediate' ? LEAF_ISSUER_UNKNOWN : {}),
  };
}
