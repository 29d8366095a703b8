/**
 * The chain a server should serve, built from what it sent (a probe) or from a paste: the leaf
 * (the end-entity certificate that names the host), then each issuer up to, not including,
 * the root. Missing intermediates come from AIA caIssuers URLs through an injected fetcher;
 * roots, duplicates and certificates that play no part are dropped, each with its reason; the
 * result is verified with the validator (validate/), as a strict client that fetches nothing
 * would see it.
 *
 *   root -> ica -> leaf; a paste of [root, leaf, ica, other-leaf]
 *   buildChainToServe(...) = { ok: true, chain: [leaf, ica], dropped: [root: 'root', other-leaf: 'unrelated'] }
 */
import type { Certificate, Millis, Subtle, ValidationPolicy } from '../model.ts';
import { clientProfile } from '../clients/profiles.ts';
import { validate, type ValidationResult } from '../validate/validate.ts';
import { checkPeerName, peerName as toPeerName } from '../validate/hostname.ts';
import { caStatus, isSelfSigned, mayHaveIssued } from '../validate/cert-facts.ts';
import { parseCertificate } from '../x509/certificate.ts';
import { pemCertificates } from '../formats/pem.ts';
import { looksLikePkcs7, parsePkcs7 } from '../formats/pkcs7.ts';

/** Fetches one caIssuers URL; null when nothing came back (refused, 404, timeout, too large). */
export type IssuerFetcher = (url: string) => Promise<Uint8Array | null>;

export type DropReason =
  /** A self-signed CA: clients hold it in their store; sending it only costs bytes. */
  | 'root'
  /** The same certificate again. */
  | 'duplicate'
  /** An expired certificate with the same subject as one in the chain (an older copy). */
  | 'expired-alternative'
  /** Another issuer of a chain certificate (a cross-signed copy) the verified path does not use. */
  | 'unused-alternative'
  /** Plays no part in the chain (another site's certificate, another CA's). */
  | 'unrelated';

export interface Dropped {
  cert: Certificate;
  reason: DropReason;
}

/** One AIA URL and what it gave. */
export interface AiaAttempt {
  url: string;
  /** Subject of the certificate the URL was read for. */
  for: string;
  outcome: 'fetched' | 'nothing-usable' | 'not-fetched';
  /** Subjects of the certificates the URL served. */
  got: string[];
}

export type ChainFailure =
  | { kind: 'NoCertificates' }
  /** Only CA certificates: nothing to serve as the leaf. */
  | { kind: 'NoLeaf'; count: number }
  /** The issuer of `subject` is in nothing given or fetched. */
  | { kind: 'MissingIntermediate'; depth: number; subject: string; issuer: string; aiaUrls: string[]; aiaFetch: boolean }
  /** A complete chain exists but does not verify (expired, wrong host, untrusted root, ...). */
  | { kind: 'DoesNotVerify'; verification: ValidationResult };

export interface ChainToServe {
  leaf: Certificate;
  /** What to serve: leaf first, then each intermediate, no root. */
  chain: Certificate[];
  /** The anchor the chain ends under (not served), when it is known. */
  root: Certificate | null;
  /** Intermediates that came from AIA URLs and are in `chain`. */
  fetched: Certificate[];
  dropped: Dropped[];
  aia: AiaAttempt[];
  /** The chain as a strict client (no AIA) validates it. */
  verification: ValidationResult;
  /**
   * 'store': verified against the trust anchors given. 'top-of-chain': no anchors were given
   * (the inspector holds no trust store), so the path is checked up to its top certificate, and
   * whether the top's issuer (`endsUnder`) is a root the clients trust is not known here.
   */
  anchoredBy: 'store' | 'top-of-chain';
  endsUnder: string;
}

export type ChainToServeResult =
  | ({ ok: true } & ChainToServe)
  /** No chain: `dropped` then holds only the duplicates (what else belongs is unknown while a link is missing). */
  | { ok: false; failure: ChainFailure; dropped: Dropped[]; aia: AiaAttempt[]; leaf: Certificate | null };

export interface ChainToServeInput {
  certificates: Certificate[];
  /** The host the leaf must name; picks the leaf among several and is checked. */
  host?: string;
  /** Trust anchors; [] = unknown (verify up to the top of the chain). */
  anchors: Certificate[];
  /** Candidate intermediates from elsewhere (a probe's AIA fetches). */
  extra?: Certificate[];
  /** AIA fetcher; absent = no fetching. */
  fetchIssuer?: IssuerFetcher;
  at: Millis;
  subtle: Subtle;
}

/** Most AIA URLs read for one build (each URL once). */
export const MAX_AIA_FETCHES = 5;

/** The certificates a caIssuers URL serves: DER, PKCS#7 (.p7c) or PEM. */
export async function aiaCertificates(bytes: Uint8Array, subtle: Subtle): Promise<Certificate[]> {
  let ders: Uint8Array[];
  if (bytes[0] !== 0x30) ders = pemCertificates(new TextDecoder().decode(bytes));
  else if (looksLikePkcs7(bytes)) {
    try {
      ders = parsePkcs7(bytes).certificates;
    } catch {
      ders = [];
    }
  } else ders = [bytes];
  const out: Certificate[] = [];
  for (const der of ders) {
    try {
      out.push(await parseCertificate(der, subtle));
    } catch {
      // An HTML error page or anything else: nothing usable.
    }
  }
  return out;
}

const isCa = (c: Certificate) => caStatus(c) !== 0;

/** The end-entity certificate to serve: one naming the host, valid now, the latest expiry. */
function pickLeaf(certs: Certificate[], host: string | undefined, at: Millis): Certificate | undefined {
  const leaves = certs.filter((c) => !isCa(c));
  if (leaves.length <= 1) return leaves[0];
  const name = host ? toPeerName(host) : undefined;
  const score = (c: Certificate) =>
    (name && checkPeerName(c, name, false).ok ? 4 : 0) +
    (c.notBefore <= at && at <= c.notAfter ? 2 : 0) +
    // A leaf that issues nothing here and is issued by something here looks like the chain's.
    (certs.some((p) => p !== c && mayHaveIssued(p, c)) ? 1 : 0);
  return [...leaves].sort((a, b) => score(b) - score(a) || b.notAfter - a.notAfter)[0];
}

function strictPolicy(): ValidationPolicy {
  return { ...clientProfile('openssl').policy, aiaFetch: false };
}

export async function buildChainToServe(input: ChainToServeInput): Promise<ChainToServeResult> {
  const dropped: Dropped[] = [];
  const aia: AiaAttempt[] = [];
  const seen = new Set<string>();
  const given: Certificate[] = [];
  for (const c of input.certificates) {
    if (seen.has(c.sha256)) dropped.push({ cert: c, reason: 'duplicate' });
    else {
      seen.add(c.sha256);
      given.push(c);
    }
  }
  const extra = (input.extra ?? []).filter((c) => !seen.has(c.sha256) && seen.add(c.sha256));
  if (given.length === 0) return { ok: false, failure: { kind: 'NoCertificates' }, dropped, aia, leaf: null };
  const leaf = pickLeaf(given, input.host, input.at);
  if (!leaf) {
    return {
      ok: false,
      failure: { kind: 'NoLeaf', count: given.length },
      dropped: [...dropped, ...given.map((cert) => ({ cert, reason: rootOr(cert) }))],
      aia,
      leaf: null,
    };
  }

  // AIA: each URL once, at most MAX_AIA_FETCHES; what came back is kept for the chain's bytes.
  const fetchedByUrl = new Map<string, Certificate[]>();
  const fetcher = input.fetchIssuer;
  const fetchedPool: Certificate[] = [];
  const aiaFetcher = fetcher
    ? async (url: string): Promise<Uint8Array | null> => {
        if (fetchedByUrl.has(url) || fetchedByUrl.size >= MAX_AIA_FETCHES) return null;
        fetchedByUrl.set(url, []);
        let bytes: Uint8Array | null = null;
        try {
          bytes = await fetcher(url);
        } catch {
          bytes = null;
        }
        const certs = bytes ? await aiaCertificates(bytes, input.subtle) : [];
        fetchedByUrl.set(url, certs);
        for (const c of certs) if (!fetchedPool.some((p) => p.sha256 === c.sha256)) fetchedPool.push(c);
        return bytes;
      }
    : undefined;

  const untrusted = [...given, ...extra].filter((c) => c !== leaf);
  const unknownTrust = input.anchors.length === 0;
  // Without a store, the roots the paste itself holds are the anchors.
  const anchors = unknownTrust ? given.filter((c) => isSelfSigned(c) && isCa(c)) : input.anchors;
  const built = await validate({
    peer: leaf,
    untrusted,
    anchors,
    ...(input.host ? { peerName: input.host } : {}),
    at: input.at,
    policy: { ...strictPolicy(), aiaFetch: !!aiaFetcher },
    ...(aiaFetcher ? { aiaFetcher } : {}),
    subtle: input.subtle,
  });
  for (const [url, certs] of fetchedByUrl) {
    const owner = [leaf, ...untrusted, ...fetchedPool].find((c) => c.aia?.caIssuers.includes(url));
    aia.push({ url, for: owner?.subject.oneline ?? '', outcome: certs.length ? 'fetched' : 'nothing-usable', got: certs.map((c) => c.subject.oneline) });
  }

  const bySha = new Map<string, Certificate>();
  for (const c of [...input.anchors, ...anchors, ...fetchedPool, ...untrusted, leaf]) bySha.set(c.sha256, c);
  const pathCerts = built.path.map((p) => bySha.get(p.sha256)!);

  let chain: Certificate[];
  let root: Certificate | null = null;
  let anchoredBy: ChainToServe['anchoredBy'] = 'store';
  if (built.ok) {
    const top = pathCerts[pathCerts.length - 1]!;
    root = top;
    chain = pathCerts.length > 1 && isSelfSigned(top) ? pathCerts.slice(0, -1) : pathCerts;
    if (unknownTrust) anchoredBy = 'top-of-chain';
  } else if (built.error?.kind === 'IssuerNotFound' && unknownTrust && built.depth !== null && built.depth > 0) {
    // No store and no root pasted: the chain reaches as far as it can; its top's issuer may be a trusted root.
    chain = pathCerts.slice(0, built.depth + 1);
    anchoredBy = 'top-of-chain';
  } else if (built.error?.kind === 'IssuerNotFound') {
    const at = pathCerts[built.depth ?? 0] ?? leaf;
    for (const url of at.aia?.caIssuers ?? []) {
      if (!aia.some((a) => a.url === url)) aia.push({ url, for: at.subject.oneline, outcome: 'not-fetched', got: [] });
    }
    return {
      ok: false,
      failure: {
        kind: 'MissingIntermediate',
        depth: built.depth ?? 0,
        subject: at.subject.oneline,
        issuer: at.issuer.oneline,
        aiaUrls: at.aia?.caIssuers ?? [],
        aiaFetch: !!aiaFetcher,
      },
      dropped,
      aia,
      leaf,
    };
  } else {
    return { ok: false, failure: { kind: 'DoesNotVerify', verification: built }, dropped, aia, leaf };
  }

  // What a strict client sees when the server sends exactly `chain`.
  const top = chain[chain.length - 1]!;
  const verification = await validate({
    peer: leaf,
    untrusted: chain.slice(1),
    anchors: anchoredBy === 'store' ? input.anchors : root ? [root] : [top],
    ...(input.host ? { peerName: input.host } : {}),
    at: input.at,
    policy: { ...strictPolicy(), partialChain: anchoredBy === 'top-of-chain' && !root },
    subtle: input.subtle,
  });
  if (!verification.ok) {
    return { ok: false, failure: { kind: 'DoesNotVerify', verification }, dropped, aia, leaf };
  }
  const inChain = new Set(chain.map((c) => c.sha256));
  const givenShas = new Set(given.map((c) => c.sha256));
  return {
    ok: true,
    leaf,
    chain,
    root,
    fetched: chain.filter((c) => !givenShas.has(c.sha256)),
    dropped: [...dropped, ...unused(given, chain, input.at)].filter((d) => !inChain.has(d.cert.sha256) || d.reason === 'duplicate'),
    aia,
    verification,
    anchoredBy,
    endsUnder: root ? root.subject.oneline : top.issuer.oneline,
  };
}

function rootOr(c: Certificate): DropReason {
  return isSelfSigned(c) && isCa(c) ? 'root' : 'unrelated';
}

/** The given certificates the chain does not use, each with why. */
function unused(given: Certificate[], chain: Certificate[], at: Millis): Dropped[] {
  const inChain = new Set(chain.map((c) => c.sha256));
  return given
    .filter((c) => !inChain.has(c.sha256))
    .map((cert) => {
      if (isSelfSigned(cert) && isCa(cert)) return { cert, reason: 'root' as const };
      const sameSubject = chain.some((c) => c.subject.canonical === cert.subject.canonical);
      if (sameSubject) return { cert, reason: cert.notAfter < at ? ('expired-alternative' as const) : ('unused-alternative' as const) };
      return { cert, reason: 'unrelated' as const };
    });
}

/** One line per dropped certificate, for people. */
export function dropReasonText(reason: DropReason): string {
  switch (reason) {
    case 'root':
      return 'a root: clients already hold it in their trust store, so it is not served';
    case 'duplicate':
      return 'the same certificate again';
    case 'expired-alternative':
      return 'an expired copy of a certificate in the chain';
    case 'unused-alternative':
      return 'another version of an issuer in the chain (a cross-signed copy) that the verified path does not need';
    case 'unrelated':
      return 'plays no part in this chain';
  }
}

/** Why no chain could be built, in one paragraph a person can act on. */
export function chainFailureText(f: ChainFailure): string {
  switch (f.kind) {
    case 'NoCertificates':
      return 'No certificate was given. Paste the server certificate and its intermediates (PEM), or probe the server.';
    case 'NoLeaf':
      return `All ${f.count} certificate(s) are CA certificates: the server's own certificate (the leaf, for your host name) is missing. Add it.`;
    case 'MissingIntermediate': {
      const tried = f.aiaUrls.length
        ? f.aiaFetch
          ? ` Its AIA URL (${f.aiaUrls.join(', ')}) gave no usable issuer.`
          : ` Its AIA URL is ${f.aiaUrls.join(', ')}: allow fetching it, or download it from your CA.`
        : ' It names no AIA URL to fetch it from: download the intermediate from your CA.';
      return `The issuer of "${f.subject}" ("${f.issuer}") is missing.${tried}`;
    }
    case 'DoesNotVerify': {
      const v = f.verification;
      return `A chain was put together, but it does not verify: ${v.code} ${v.name} (${v.text})${v.depth !== null ? ` at depth ${v.depth}` : ''}.`;
    }
  }
}
