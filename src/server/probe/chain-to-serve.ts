/**
 * The probe's chain to serve: built from the certificates as sent, with missing intermediates
 * fetched through the probe's own AIA fetcher (its address guard, limits and cache, so a URL
 * the verdicts already read is not read again), verified against the Mozilla store.
 */
import type { Certificate, Millis } from '../../core/model.ts';
import type { ChainToServeJson } from '../../core/net/probe-json.ts';
import type { AiaFetcher } from '../../core/validate/validate.ts';
import { buildChainToServe } from '../../core/fix/chain-to-serve.ts';
import { chainToServeJson } from '../../core/fix/chain-json.ts';
import { trustStore } from '../trust-stores.ts';

export async function probeChainToServe(input: {
  presented: (Certificate | null)[];
  host: string;
  at: Millis;
  subtle: SubtleCrypto;
  extraAnchors?: Certificate[];
  aiaFetcher?: AiaFetcher;
}): Promise<ChainToServeJson> {
  const store = await trustStore('mozilla');
  const anchors = [...(store.ok ? store.store.certificates : []), ...(input.extraAnchors ?? [])];
  const label = `${store.ok ? store.store.label : 'no trust store'}${input.extraAnchors?.length ? ' + --ca' : ''}`;
  const base = {
    certificates: input.presented.filter((c): c is Certificate => c !== null),
    host: input.host,
    at: input.at,
    subtle: input.subtle,
    ...(input.aiaFetcher ? { fetchIssuer: input.aiaFetcher } : {}),
  };
  const r = await buildChainToServe({ ...base, anchors });
  if (r.ok || r.failure.kind === 'NoCertificates' || r.failure.kind === 'NoLeaf') return chainToServeJson(r, input.host, label);
  // Not under a root of the store (a company CA, or a chain that is not whole): the chain as far
  // as it goes, checked up to its top (dates, names, signatures); its root is then named, not trusted.
  const unanchored = await buildChainToServe({ ...base, anchors: [] });
  if (!unanchored.ok) return chainToServeJson(r, input.host, label);
  const json = chainToServeJson(unanchored, input.host, label);
  return { ...json, verification: json.verification && { ...json.verification, against: `${json.verification.against} (not a root of ${label})` } };
}
