/**
 * Depth-first path building over every candidate issuer (matched by name and key id),
 * never the first match only. Candidates are tried in OpenSSL's preference: trust anchors
 * first, then certificates valid at the validation time, then the rest, then AIA-fetched
 * ones. A certificate (or the same subject + key) never appears twice in a path; a work
 * budget bounds pathological inputs. Every complete path is handed to `onPath`; every dead
 * end is reported as a failure to `onDeadEnd`.
 */
import type { Certificate, Millis, ValidationPolicy } from '../model.ts';
import type { ValidationFailure } from './failures.ts';
import { certAt, isSelfSigned, linkProblem, mayHaveIssued } from './cert-facts.ts';

export interface BuildInput {
  peer: Certificate;
  untrusted: Certificate[];
  anchors: Certificate[];
  at: Millis;
  policy: ValidationPolicy;
  /** Fetches an AIA caIssuers URL and parses what comes back; [] when nothing usable. */
  fetchIssuers?: (cert: Certificate) => Promise<Certificate[]>;
  budget: number;
}

export interface BuildHooks {
  /** A path from the peer to a trust anchor; return true to stop building (it validated). */
  onPath: (path: Certificate[]) => Promise<boolean>;
  onDeadEnd: (failure: ValidationFailure, path: Certificate[]) => void;
}

export interface BuildStats {
  steps: number;
  paths: number;
  fetched: Certificate[];
}

const logicalKey = (c: Certificate) => `${c.subject.canonical}\u0000${c.publicKey.spkiSha256}`;

export async function buildPaths(input: BuildInput, hooks: BuildHooks): Promise<BuildStats> {
  const anchorShas = new Set(input.anchors.map((a) => a.sha256));
  const pool: { cert: Certificate; trusted: boolean; fetched: boolean }[] = [
    ...input.anchors.map((cert) => ({ cert, trusted: true, fetched: false })),
    ...input.untrusted.filter((c) => !anchorShas.has(c.sha256)).map((cert) => ({ cert, trusted: false, fetched: false })),
  ];
  const fetchedFor = new Set<string>();
  const stats: BuildStats = { steps: 0, paths: 0, fetched: [] };
  const timeValid = (c: Certificate) => c.notBefore <= input.at && input.at <= c.notAfter;
  let stopped = false;

  const candidates = (top: Certificate, onlyTrusted: boolean) =>
    pool
      .filter((p) => (!onlyTrusted || p.trusted) && mayHaveIssued(p.cert, top))
      .sort((a, b) => Number(b.trusted) - Number(a.trusted) || Number(a.fetched) - Number(b.fetched) || Number(timeValid(b.cert)) - Number(timeValid(a.cert)));

  async function fetchFor(top: Certificate): Promise<void> {
    if (!input.policy.aiaFetch || !input.fetchIssuers || fetchedFor.has(top.sha256)) return;
    fetchedFor.add(top.sha256);
    for (const cert of await input.fetchIssuers(top)) {
      if (pool.some((p) => p.cert.sha256 === cert.sha256)) continue;
      pool.push({ cert, trusted: false, fetched: true });
      stats.fetched.push(cert);
    }
  }

  async function extend(path: Certificate[]): Promise<void> {
    if (stopped) return;
    if (++stats.steps > input.budget) {
      stopped = true;
      hooks.onDeadEnd({ kind: 'WorkBudgetExhausted', ...certAt(path[path.length - 1], path.length - 1), budget: input.budget }, path);
      return;
    }
    const depth = path.length - 1;
    const top = path[depth];
    const selfSigned = isSelfSigned(top);
    // The peer itself in the store is an anchor only when self-signed or with partial chains
    // (OpenSSL otherwise keeps looking for its issuer and reports 20, not 2), and never under
    // `trustedPeer: false` (webpki: an anchor issues the peer).
    const partial = input.policy.partialChain && (depth > 0 || input.policy.trustedPeer !== false);
    const isAnchor = anchorShas.has(top.sha256) && (depth > 0 || selfSigned || partial);
    if (isAnchor && (selfSigned || partial)) {
      stats.paths++;
      if (await hooks.onPath(path)) stopped = true;
      return;
    }
    // maxDepth counts intermediates, self-issued ones too, as `openssl verify -verify_depth` does.
    if (depth > input.policy.maxDepth) {
      hooks.onDeadEnd({ kind: 'ChainTooLong', ...certAt(top, depth), maxDepth: input.policy.maxDepth }, path);
      return;
    }
    const inPath = new Set(path.map(logicalKey));
    const shas = new Set(path.map((c) => c.sha256));
    if (selfSigned) {
      // An untrusted self-signed certificate ends the path, unless the store holds the same
      // subject and key (a re-issued root): then the stored one is the anchor.
      const same = input.anchors.filter((a) => logicalKey(a) === logicalKey(top) && a.sha256 !== top.sha256);
      for (const a of same) await extend([...path.slice(0, -1), a]);
      if (same.length === 0) {
        hooks.onDeadEnd({ kind: depth === 0 ? 'SelfSignedLeaf' : 'SelfSignedInChain', ...certAt(top, depth) }, path);
      }
      return;
    }
    const onlyTrusted = isAnchor;
    let next = candidates(top, onlyTrusted).filter((p) => !shas.has(p.cert.sha256) && !inPath.has(logicalKey(p.cert)));
    if (next.length === 0 && !onlyTrusted) {
      await fetchFor(top);
      next = candidates(top, false).filter((p) => !shas.has(p.cert.sha256) && !inPath.has(logicalKey(p.cert)));
    }
    const unlinkable = linkProblem(top);
    if (next.length === 0) {
      hooks.onDeadEnd(
        unlinkable
          ? { kind: 'UnlinkableCertificate', ...certAt(top, depth), ...unlinkable }
          : onlyTrusted
            ? { kind: 'AnchorNotSelfSigned', ...certAt(top, depth) }
            : { kind: 'IssuerNotFound', ...certAt(top, depth), issuer: top.issuer.oneline },
        path,
      );
      return;
    }
    for (const p of next) {
      if (stopped) return;
      await extend([...path, p.cert]);
    }
  }

  await extend([input.peer]);
  return stats;
}
