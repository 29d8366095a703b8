/**
 * validate(): builds every path from the peer to a trust anchor and checks each as OpenSSL 3
 * would; the first path that passes wins. When none passes, the most telling failure (by
 * failureRank, then discovery order) is reported with its OpenSSL code, name, text and cause.
 *
 *   const r = await validate({ peer, untrusted, anchors, peerName: 'example.com', at, policy, subtle });
 *   r.ok ? r.path : `${r.code} ${r.text} at depth ${r.depth}`
 */
import type { CauseId } from '../causes/cause-id.ts';
import type { Certificate, Millis, Subtle, ValidationPolicy, VerifyCodeRef } from '../model.ts';
import { parseCertificate } from '../x509/certificate.ts';
import type { Crl } from '../x509/crl.ts';
import { pemCertificates } from '../formats/pem.ts';
import { looksLikePkcs7, parsePkcs7 } from '../formats/pkcs7.ts';
import { failureCause, failureCode, failureRank, type Purpose, type ValidationFailure } from './failures.ts';
import { verifyCodeRef } from './codes.ts';
import { peerName as toPeerName, type PeerName } from './hostname.ts';
import { buildPaths } from './path-builder.ts';
import { buildOpensslChain } from './openssl-chain.ts';
import { checkPath, keyFailure, type PathContext } from './path-checks.ts';
import type { Profile } from './profile-checks.ts';
import { NAME_CONSTRAINT_BUDGET } from './name-constraints.ts';

export type AiaFetcher = (url: string) => Promise<Uint8Array | null>;

export interface ValidateInput {
  peer: Certificate;
  /** What the server sent besides the peer, in any order. */
  untrusted?: Certificate[];
  /** Trust anchors (roots, or any certificate when policy.partialChain). */
  anchors: Certificate[];
  /** Expected DNS name or IP address of the peer; omitted = no name check. */
  peerName?: string | PeerName;
  at: Millis;
  purpose?: Purpose;
  policy: ValidationPolicy;
  aiaFetcher?: AiaFetcher;
  subtle: Subtle;
  /**
   * Certificate-profile rules beyond OpenSSL's, off by default: 'rfc5280' (its MUSTs OpenSSL
   * skips) or 'cabf' (CA/Browser Forum, as rustls-webpki and browsers enforce).
   */
  profile?: Profile;
  /** CRLs to check the path's certificates against (revocation.ts); omitted = no revocation check. */
  crls?: readonly Crl[];
  /** Path-building steps allowed (default 2000). */
  budget?: number;
  /** Signature verifications allowed over all paths (default 100, as rustls-webpki). */
  signatureBudget?: number;
  /** Name-constraint comparisons allowed over all paths (default NAME_CONSTRAINT_BUDGET, 2^20). */
  nameConstraintBudget?: number;
  /**
   * Results that do not depend on the policy, shared by several validations of the same chain
   * (clientVerdicts passes one to every client's validation): signatures and name-constraint checks.
   */
  memo?: ValidationMemo;
}

export interface ValidationMemo {
  signatures: PathContext['signatureCache'];
  nameConstraints: PathContext['ncCache'];
}

export function validationMemo(): ValidationMemo {
  return { signatures: new Map(), nameConstraints: new Map() };
}

export interface PathEntry {
  subject: string;
  issuer: string;
  sha256: string;
}

export interface ValidationResult extends VerifyCodeRef {
  ok: boolean;
  /** Depth of the certificate the failure is about (0 = peer); null when ok. */
  depth: number | null;
  cause: CauseId | null;
  error?: ValidationFailure;
  /** The validated path, or the path the reported failure was found on (peer first). */
  path: PathEntry[];
  /** Certificates fetched from AIA URLs that the path uses. */
  aiaFetched: PathEntry[];
  pathsTried: number;
}

/** AIA: at most this many URLs per certificate (Chrome's limit). */
const MAX_AIA_URLS = 5;

function entry(c: Certificate): PathEntry {
  return { subject: c.subject.oneline, issuer: c.issuer.oneline, sha256: c.sha256 };
}

/** What a caIssuers URL serves: DER, PKCS#7 (.p7c) or PEM (Chrome accepts all three). */
function fetchedDers(bytes: Uint8Array): Uint8Array[] {
  if (bytes[0] !== 0x30) return pemCertificates(new TextDecoder().decode(bytes));
  if (looksLikePkcs7(bytes)) {
    try {
      return parsePkcs7(bytes).certificates;
    } catch {
      return [];
    }
  }
  return [bytes];
}

async function parseFetched(bytes: Uint8Array, subtle: Subtle): Promise<Certificate[]> {
  const ders = fetchedDers(bytes);
  const out: Certificate[] = [];
  for (const der of ders) {
    try {
      out.push(await parseCertificate(der, subtle));
    } catch {
      // Not a certificate (PKCS#7, HTML error page, ...): nothing usable from this URL.
    }
  }
  return out;
}

export async function validate(input: ValidateInput): Promise<ValidationResult> {
  const peerName = typeof input.peerName === 'string' ? toPeerName(input.peerName) : input.peerName;
  const ctx: PathContext = {
    at: input.at,
    purpose: input.purpose ?? 'serverAuth',
    policy: input.policy,
    peerName,
    profile: input.profile,
    crls: input.crls,
    subtle: input.subtle,
    signatureCache: input.memo?.signatures ?? new Map(),
    signatureBudget: { used: 0, limit: input.signatureBudget ?? 100 },
    ncBudget: { used: 0, limit: input.nameConstraintBudget ?? NAME_CONSTRAINT_BUDGET },
    ncCache: input.memo?.nameConstraints ?? new Map(),
  };
  // OpenSSL refuses a weak peer key before it looks for any issuer.
  const early = keyFailure(input.peer, 0, input.policy);
  if (early) return failed(early, [input.peer], [], 0);

  // OpenSSL never fetches AIA: a caller that asks for fetching gets the builder that can.
  if (input.policy.opensslChain && !(input.policy.aiaFetch && input.aiaFetcher)) {
    const built = buildOpensslChain({ peer: input.peer, untrusted: input.untrusted ?? [], anchors: input.anchors, at: input.at, policy: input.policy });
    const f = built.ok ? await checkPath(built.chain, ctx) : built.failure;
    if (f) return failed(f, built.chain, [], 1);
    return { ok: true, ...verifyCodeRef(0), depth: null, cause: null, path: built.chain.map(entry), aiaFetched: [], pathsTried: 1 };
  }

  let best: { failure: ValidationFailure; path: Certificate[] } | undefined;
  const consider = (failure: ValidationFailure, path: Certificate[]) => {
    if (!best || failureRank(failure) > failureRank(best.failure)) best = { failure, path };
  };
  let winner: Certificate[] | undefined;
  const fetchIssuers = input.aiaFetcher
    ? async (cert: Certificate) => {
        const out: Certificate[] = [];
        for (const url of (cert.aia?.caIssuers ?? []).slice(0, MAX_AIA_URLS)) {
          let bytes: Uint8Array | null = null;
          try {
            bytes = await input.aiaFetcher!(url);
          } catch {
            bytes = null;
          }
          if (bytes) out.push(...(await parseFetched(bytes, input.subtle)));
        }
        return out;
      }
    : undefined;
  const stats = await buildPaths(
    {
      peer: input.peer,
      untrusted: input.untrusted ?? [],
      anchors: input.anchors,
      at: input.at,
      policy: input.policy,
      fetchIssuers,
      budget: input.budget ?? 2000,
    },
    {
      onPath: async (path) => {
        const f = await checkPath(path, ctx);
        if (!f) {
          winner = path;
          return true;
        }
        consider(f, path);
        return false;
      },
      onDeadEnd: (f, path) => consider(f, path),
    },
  );
  const fetchedShas = new Set(stats.fetched.map((c) => c.sha256));
  if (winner) {
    return {
      ok: true,
      ...verifyCodeRef(0),
      depth: null,
      cause: null,
      path: winner.map(entry),
      aiaFetched: winner.filter((c) => fetchedShas.has(c.sha256)).map(entry),
      pathsTried: stats.paths,
    };
  }
  const b = best ?? {
    failure: { kind: 'IssuerNotFound' as const, depth: 0, subject: input.peer.subject.oneline, sha256: input.peer.sha256, issuer: input.peer.issuer.oneline },
    path: [input.peer],
  };
  return failed(
    b.failure,
    b.path,
    stats.fetched.filter((c) => b.path.includes(c)),
    stats.paths,
  );
}

function failed(error: ValidationFailure, path: Certificate[], fetched: Certificate[], pathsTried: number): ValidationResult {
  return {
    ok: false,
    ...failureCode(error),
    depth: error.depth,
    cause: failureCause(error),
    error,
    path: path.map(entry),
    aiaFetched: fetched.map(entry),
    pathsTried,
  };
}
