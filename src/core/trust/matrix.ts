/**
 * The trust matrix: for one chain, per platform, which store versions lead it to a trusted
 * root — whether the newest does, the oldest version that does, and the first version that
 * stopped (its root removed, blocked, or the path failing otherwise).
 *
 * Each version is judged by the existing validator at one time `at` with that version's roots
 * as anchors, minus the roots it lists as blocked. Only roots whose subject is the issuer of a
 * certificate in the chain can end a path, so each version's anchors are cut to those; versions
 * with the same cut set share one validation. Cross-signs come out of the path builder: with a
 * cross-signed intermediate in `untrusted`, a version that lacks the new root still reaches the
 * old one.
 *
 * Anchor expiry as clients treat it: Android and Java do not check a trust anchor's validity
 * period (Let's Encrypt's long chain kept working on old Android after DST Root CA X3 expired);
 * OpenSSL-based stores (and the rest here) do. For the former, anchors are judged with their
 * notAfter lifted, so only the certificates below the anchor are held to their dates.
 */
import type { Certificate, Millis, Subtle, ValidationPolicy, VerifyCodeRef } from '../model.ts';
import { validate, type ValidationResult } from '../validate/validate.ts';
import type { FailureKind } from '../validate/failures.ts';
import type { TrustPool } from './pool.ts';
import type { TrustStoreData, TrustVersionData } from './model.ts';

export interface MatrixInput {
  pool: TrustPool;
  peer: Certificate;
  untrusted?: Certificate[];
  peerName?: string;
  at: Millis;
  policy: ValidationPolicy;
  subtle: Subtle;
  /** Platform ids to judge; default all. */
  platforms?: string[];
}

export interface RootRef {
  sha256: string;
  name: string;
}

export interface VersionVerdict {
  version: string;
  date: string;
  trusted: boolean;
  /** The root the path ended at (trusted), else null. */
  anchor: RootRef | null;
  /** Why not (null when trusted). */
  failure: (VerifyCodeRef & { kind: FailureKind | null; depth: number | null }) | null;
}

export type StopReason = 'removed' | 'blocked' | 'failed';

/** Platforms whose verifier ignores a trust anchor's expiry. */
export const IGNORES_ANCHOR_EXPIRY: readonly string[] = ['android', 'java', 'oracle-java'];

export interface PlatformVerdict {
  id: string;
  name: string;
  /** False where the platform ignores a trust anchor's expiry (IGNORES_ANCHOR_EXPIRY). */
  checksAnchorExpiry: boolean;
  newest: VersionVerdict;
  /** The oldest version that trusts the chain, or null if none does. */
  oldestTrusting: { version: string; date: string } | null;
  /** The first version after a trusting one that does not trust it. */
  firstStopped: { version: string; date: string; reason: StopReason; root: RootRef | null } | null;
  /** The newest version's path reached a root that has expired at `at` (trusted or not). */
  anchorExpired: (RootRef & { notAfter: string | null }) | null;
  versions: VersionVerdict[];
}

function verdictOf(v: TrustVersionData, r: ValidationResult, pool: TrustPool): VersionVerdict {
  if (r.ok) {
    const last = r.path[r.path.length - 1];
    const i = pool.indexOf(last.sha256);
    return {
      version: v.version,
      date: v.date,
      trusted: true,
      anchor: { sha256: last.sha256, name: i >= 0 ? pool.data.roots[i].name : last.subject },
      failure: null,
    };
  }
  return {
    version: v.version,
    date: v.date,
    trusted: false,
    anchor: null,
    failure: { code: r.code, name: r.name, text: r.text, kind: r.error?.kind ?? null, depth: r.depth },
  };
}

function summarize(
  store: TrustStoreData,
  verdicts: VersionVerdict[],
  results: ValidationResult[],
  pool: TrustPool,
  at: Millis,
  checksAnchorExpiry: boolean,
): PlatformVerdict {
  const first = verdicts.findIndex((v) => v.trusted);
  let firstStopped: PlatformVerdict['firstStopped'] = null;
  if (first >= 0) {
    for (let i = first + 1; i < verdicts.length; i++) {
      if (verdicts[i].trusted) continue;
      const before = verdicts[i - 1].anchor;
      const idx = before ? pool.indexOf(before.sha256) : -1;
      const v = store.versions[i];
      const reason: StopReason = idx >= 0 && v.blocked.includes(idx) ? 'blocked' : idx >= 0 && !v.roots.includes(idx) ? 'removed' : 'failed';
      firstStopped = { version: v.version, date: v.date, reason, root: before };
      break;
    }
  }
  const newestResult = results[results.length - 1];
  let anchorExpired: PlatformVerdict['anchorExpired'] = null;
  const top = newestResult.path[newestResult.path.length - 1];
  const topIndex = top ? pool.indexOf(top.sha256) : -1;
  const expiredTop = newestResult.ok
    ? topIndex >= 0 && pool.data.roots[topIndex].notAfter !== null && Date.parse(pool.data.roots[topIndex].notAfter!) < at
    : newestResult.error?.kind === 'CertExpired' && newestResult.depth === newestResult.path.length - 1 && topIndex >= 0;
  if (expiredTop) anchorExpired = { sha256: top.sha256, name: pool.data.roots[topIndex].name, notAfter: pool.data.roots[topIndex].notAfter };
  return {
    id: store.id,
    name: store.name,
    checksAnchorExpiry,
    newest: verdicts[verdicts.length - 1],
    oldestTrusting: first >= 0 ? { version: verdicts[first].version, date: verdicts[first].date } : null,
    firstStopped,
    anchorExpired,
    versions: verdicts,
  };
}

/** Judges the chain against every version of every platform (or of `platforms`). */
export async function trustMatrix(input: MatrixInput): Promise<PlatformVerdict[]> {
  const { pool } = input;
  const untrusted = input.untrusted ?? [];
  const issuers = new Set([input.peer, ...untrusted].map((c) => c.issuer.canonical));
  const candidates = new Set(pool.withSubjects(issuers));
  const cache = new Map<string, Promise<ValidationResult>>();
  const judge = (anchors: number[], checksAnchorExpiry: boolean): Promise<ValidationResult> => {
    const key = `${checksAnchorExpiry ? '' : 'no-expiry:'}${anchors.join(',')}`;
    let p = cache.get(key);
    if (!p) {
      const cert = (i: number) => pool.certificate(i).then((c) => (checksAnchorExpiry ? c : { ...c, notAfter: Number.MAX_SAFE_INTEGER }));
      p = Promise.all(anchors.map(cert)).then((certs) =>
        validate({ peer: input.peer, untrusted, anchors: certs, peerName: input.peerName, at: input.at, policy: input.policy, subtle: input.subtle }),
      );
      cache.set(key, p);
    }
    return p;
  };
  const stores = input.platforms ? pool.data.stores.filter((s) => input.platforms!.includes(s.id)) : pool.data.stores;
  const out: PlatformVerdict[] = [];
  for (const store of stores) {
    const checksAnchorExpiry = !IGNORES_ANCHOR_EXPIRY.includes(store.id);
    const results: ValidationResult[] = [];
    for (const v of store.versions) {
      const blocked = new Set(v.blocked);
      const anchors = v.roots.filter((i) => candidates.has(i) && !blocked.has(i) && pool.data.roots[i].hasDer);
      results.push(await judge(anchors, checksAnchorExpiry));
    }
    const verdicts = store.versions.map((v, i) => verdictOf(v, results[i], pool));
    out.push(summarize(store, verdicts, results, pool, input.at, checksAnchorExpiry));
  }
  return out;
}
