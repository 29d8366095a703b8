/**
 * What each client will say about the chain the server presented: the project's validator
 * run per trust store through the one verdict function (clientVerdicts), each failure in the
 * client's own words. Stores: Mozilla / certifi (Node's bundled list), the OS bundle, and Java's
 * own cacerts from the versioned trust data (public/trust-stores, newest OpenJDK version); a client
 * whose own store we do not hold (the Chrome Root Store) is judged against the Mozilla list,
 * which is said in `store`. Chrome fetches missing intermediates (AIA).
 */
import type { Certificate, Millis } from '../../core/model.ts';
import type { ClientId } from '../../core/clients/messages.ts';
import { CLIENT_PROFILES, type ClientProfile } from '../../core/clients/profiles.ts';
import { clientVerdicts, type ClientVerdict } from '../../core/clients/verdicts.ts';
import type { AiaFetcher, ValidationResult } from '../../core/validate/validate.ts';
import { newestVersionedStore, trustStore } from '../trust-stores.ts';
import type { ProbeVerdictJson } from '../../core/net/probe-json.ts';

/** One client's verdict in the probe's JSON: the shape the probe widget reads (core/net/probe-json.ts). */
export type ClientVerdictJson = ProbeVerdictJson;

export interface VerdictInput {
  presented: (Certificate | null)[];
  /** The name the clients ask for (SNI name or the host). */
  peerName: string;
  /** The server's port, for messages that name it (requests' HTTPSConnectionPool). */
  port?: number;
  at: Millis;
  subtle: SubtleCrypto;
  /** Extra trust anchors (CLI --ca: a company root), added to every store. */
  extraAnchors?: Certificate[];
  aiaFetcher?: AiaFetcher;
}

export interface Verdicts {
  clients: Partial<Record<ClientId, ClientVerdictJson>>;
  /** Full validator results, by client, for the headline and findings. */
  results: Partial<Record<ClientId, ValidationResult>>;
  /** The core verdicts themselves (variants, notes, the code each client reports). */
  verdicts: Partial<Record<ClientId, ClientVerdict>>;
}

/**
 * Strict clients neither fetch intermediates nor use a browser's root program: when one of them
 * fails, the server must act. A Record, so a new client in the registry must be placed here.
 */
const STRICT: Record<ClientId, boolean> = {
  openssl: true,
  curl: true,
  python: true,
  node: true,
  java: true,
  go: true,
  rustls: true,
  dotnet: true,
  chrome: false,
  firefox: false,
};
export const STRICT_CLIENTS: readonly ClientId[] = (Object.keys(STRICT) as ClientId[]).filter((c) => STRICT[c]);

export async function judgePresented(input: VerdictInput): Promise<Verdicts | undefined> {
  const [peer, ...rest] = input.presented;
  if (!peer) return undefined;
  // The same certificate sent twice adds no path, only a copy of every branch (issue 18: a
  // flight of duplicates multiplied path building): each is offered once.
  const seen = new Set<string>();
  const untrusted = rest.filter((c): c is Certificate => c !== null && !seen.has(c.sha256) && seen.add(c.sha256) !== undefined);
  const extra = input.extraAnchors ?? [];
  const stores = { mozilla: await trustStore('mozilla'), system: await trustStore('system') };
  const java = await newestVersionedStore('java');
  const clients: Verdicts['clients'] = {};
  const results: Verdicts['results'] = {};
  const verdicts: Verdicts['verdicts'] = {};
  const groups = new Map<'mozilla' | 'system' | 'java', ClientProfile[]>();
  for (const p of CLIENT_PROFILES) {
    const store = p.store === 'java' && java ? 'java' : p.store === 'system' && stores.system.ok ? 'system' : 'mozilla';
    groups.set(store, [...(groups.get(store) ?? []), p]);
  }
  for (const [storeName, profiles] of groups) {
    // Let other requests run between the stores' validations: each is a long run of microtasks.
    await new Promise((resolve) => setImmediate(resolve));
    const loaded = storeName === 'java' ? null : stores[storeName];
    const anchors = [...(storeName === 'java' ? java!.certificates : loaded?.ok ? loaded.store.certificates : []), ...extra];
    const label = storeName === 'java' ? java!.label : loaded?.ok ? loaded.store.label : storeName;
    const judged = await clientVerdicts(
      { peer, untrusted, anchors, peerName: input.peerName, at: input.at, subtle: input.subtle, ...(input.aiaFetcher ? { aiaFetcher: input.aiaFetcher } : {}) },
      { clients: profiles.map((p) => p.id), ...(input.port !== undefined ? { port: input.port } : {}) },
    );
    for (const p of profiles) {
      const v = judged[p.id];
      const r = v.result;
      results[p.id] = r;
      verdicts[p.id] = v;
      const storeText = p.store === storeName ? label : `${label} (standing in for the ${p.store} store)`;
      clients[p.id] = {
        ok: !v.fails,
        code: r.code,
        name: r.name,
        message: v.fails ? v.message : r.text,
        ...(v.errorCode ? { errorCode: v.errorCode } : {}),
        label: v.label,
        store: extra.length ? `${storeText} + --ca` : storeText,
        cause: r.cause,
        depth: r.depth,
        ...(r.aiaFetched.length ? { aiaFetched: r.aiaFetched.map((e) => e.subject) } : {}),
      };
    }
  }
  return { clients, results, verdicts };
}
