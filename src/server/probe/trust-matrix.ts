/**
 * The versioned trust stores judged on the presented chain (issue 12): per platform, whether its
 * newest version trusts the chain, the oldest that does, the first that stopped, in one sentence.
 * Absent when the data (data/trust-stores) is not installed.
 */
import type { Certificate, Millis } from '../../core/model.ts';
import { clientProfile } from '../../core/clients/profiles.ts';
import { trustMatrix } from '../../core/trust/matrix.ts';
import { platformSentence } from '../../core/trust/sentence.ts';
import type { ProbeTrustStoreJson } from '../../core/net/probe-json.ts';
import { loadTrustData } from '../trust-data.ts';

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
    sentence: platformSentence(p),
  }));
}
