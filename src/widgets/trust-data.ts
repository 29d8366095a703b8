/**
 * The versioned trust stores in the browser: /trust-stores/stores.json.gz (~30 KB) when a matrix
 * is asked for, and only the pool shards holding a chain's candidate roots after that
 * (src/core/trust/pool.ts). Nothing loads on a page's first paint.
 */
import type { TrustData, TrustPoolShard } from '../core/trust/model.ts';
import { shardFileName } from '../core/trust/model.ts';
import { TrustPool } from '../core/trust/pool.ts';
import { gunzipJson } from './gzip-json.ts';

/** Served from public/trust-stores (the site has no base path). */
const BASE = '/trust-stores/';

let loading: Promise<TrustPool> | null = null;

async function fetchGzJson<T>(url: string): Promise<T> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return gunzipJson<T>(new Uint8Array(await res.arrayBuffer()));
}

/** The pool, loaded once per page; a failed load is retried on the next call. */
export function browserTrustPool(): Promise<TrustPool> {
  if (!loading) {
    loading = fetchGzJson<TrustData>(`${BASE}stores.json.gz`).then(
      (data) => new TrustPool(data, (k) => fetchGzJson<TrustPoolShard>(`${BASE}${shardFileName(k)}`), crypto.subtle),
    );
    loading.catch(() => (loading = null));
  }
  return loading;
}
