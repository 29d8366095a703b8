/**
 * The inspector's trust choice "a store from the trust-store data": one version's roots, as PEM
 * for the parser's worker (which checks the host with each client's rules against them).
 */
import { encodeBase64 } from '../../core/der/base64.ts';
import { lookupStore, storeSpecErrorText } from '../../core/trust/spec.ts';
import { browserTrustPool } from '../trust-data.ts';

/** The roots of one version of the versioned trust stores (public/trust-stores), as PEM for the worker (all 16 shards, ~275 KB). */
export async function storeRoots(spec: string): Promise<{ trust: string; roots: string }> {
  try {
    const pool = await browserTrustPool();
    const r = lookupStore(pool.data, spec);
    if (!r.ok) return { trust: `no roots: ${storeSpecErrorText(r.error)}`, roots: '' };
    const blocked = new Set(r.version.blocked);
    const usable = r.version.roots.filter((i) => !blocked.has(i) && pool.data.roots[i].hasDer);
    const certs = await Promise.all(usable.map((i) => pool.certificate(i)));
    const pem = certs.map((c) => `-----BEGIN CERTIFICATE-----\n${encodeBase64(c.der)}\n-----END CERTIFICATE-----\n`).join('');
    return { trust: `${r.store.name.replace(/ \(.*$/, '')} ${r.version.version}`, roots: pem };
  } catch (e) {
    return { trust: `no roots: the trust store data could not be loaded (${(e as Error).message})`, roots: '' };
  }
}
