/**
 * Versioned trust stores as data: every platform's versions, each naming its roots by index
 * into one shared pool. public/trust-stores/stores.json.gz holds a TrustData (small: what the
 * browser loads first); the certificates are split into `shards` files pool-NN.json.gz
 * (TrustPoolShard), root i in shard i % shards, so a matrix loads only the shards of the roots
 * a chain can reach.
 */

/** Where the data came from: a public repository at a commit. */
export interface TrustSource {
  id: string;
  repository: string;
  commit: string;
  license: string;
}

export interface TrustRootData {
  /** SHA-256 of the DER certificate, lower-case hex. */
  sha256: string;
  /** The name the source gives it (or the subject's CN). */
  name: string;
  /**
   * The subject's canonical form (DistinguishedName.canonical), so a chain's reachable roots are
   * found without decoding the pool; null when the pool lacks the certificate.
   */
  subject: string | null;
  /** ISO-8601, null when the pool lacks the certificate. */
  notBefore: string | null;
  notAfter: string | null;
  /** False when the source named the fingerprint but did not hold the certificate. */
  hasDer: boolean;
}

export interface TrustVersionData {
  /** The name a user types after '@': '17.0.0_r1', 'ios17', '2025-05-11', '17.0.2'. */
  version: string;
  /** ISO date (YYYY-MM-DD): the release, or the day the source first saw this list. */
  date: string;
  /** The platform's own words for the version. */
  label: string;
  /** source id : commit : path the list was read from. */
  source: string;
  /** Indexes into TrustData.roots, ascending. */
  roots: number[];
  /** Roots the platform lists as explicitly distrusted (blocked), ascending indexes. */
  blocked: number[];
}

export interface TrustStoreData {
  id: string;
  name: string;
  /** Oldest first. */
  versions: TrustVersionData[];
}

export interface TrustData {
  format: 1;
  /** Number of pool-NN.json.gz files; root i is in shard i % shards. */
  shards: number;
  sources: TrustSource[];
  roots: TrustRootData[];
  stores: TrustStoreData[];
}

export interface TrustPoolShard {
  format: 1;
  shard: number;
  /** DER in base64 by root index (only the roots of this shard that have a certificate). */
  der: Record<string, string>;
}

/** pool-07.json.gz for shard 7. */
export const shardFileName = (shard: number) => `pool-${String(shard).padStart(2, '0')}.json.gz`;
