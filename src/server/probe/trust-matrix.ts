/**
 * The versioned trust stores judged on the presented chain (issue 12): per platform, whether its
 * newest version trusts the chain, the oldest that does, the first that stopped, in one sentence.
 * Absent when the data (public/trust-stores) is not installed.
 */
import type { Certificate, Millis } from '../../core/model.ts';
import { clientProfile } from '../../core/clients/profiles.ts';
import { trustMatrix } from '../../core/trust/matrix.ts';
import { platformSentence } from '../../core/trust/sentence.ts';
import type { ProbeTrustStoreJson } from '../../core/net/probe-json.ts';
import { loadTrustData } from '../trust-data.ts';
import type { ProbeFinding } from './findings.ts';

export async function probeTrustStores(
  presented: (Certificate | null)[],
  peerName: string,
  at: Millis,
  subtle: SubtleCrypto,
): Promise<ProbeTrustStoreJson[] | undefined> {
  const [peer, ...rest] = presented;
  if (!peer) return undefined;
  const untrusted = rest.filter((c): c is Certificate => c !== null);
  const loaded = await loadTrustData();
  if (!loaded.ok) return undefined;
  const m = await trustMatrix({ pool: loaded.pool, peer, untrusted, peerName, at, policy: clientProfile('openssl').policy, subtle });
  return m.map((p) => ({
    id: p.id,
    name: p.name,
    newest: p.newest.version,
    trusted: p.newest.trusted,
    anchor: p.newest.anchor?.name ?? null,
    oldestTrusting: p.oldestTrusting?.version ?? null,
    firstStopped: p.firstStopped?.version ?? null,
    olderVersionsFail: p.newest.trusted && p.oldestTrusting !== null && p.oldestTrusting.version !== p.versions[0]?.version,
    sentence: platformSentence(p),
  }));
}

/**
 * The evidence for "outdated client store": platforms whose newest version trusts the chain but
 * whose older versions do not. Info, not a fault of the server: clients that old fail.
 */
export function olderStoresFinding(stores: ProbeTrustStoreJson[]): ProbeFinding | null {
  const late = stores.filter((s) => s.olderVersionsFail);
  if (!late.length) return null;
  return {
    kind: 'older-stores-fail',
    severity: 'info',
    items: [],
    message: `clients with older trust stores fail: ${late.map((s) => s.sentence.replace(/\.$/, '')).join('; ')}`,
    action:
      "A client that fails while newer ones connect has an outdated CA bundle: update it (pip install -U certifi, the OS's ca-certificates package, a newer Node.js). To reach clients that old anyway, serve a chain that ends at a root they hold (a cross-signed intermediate).",
  };
}
