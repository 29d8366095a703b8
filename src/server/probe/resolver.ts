/**
 * Name resolution for the probe, injectable so tests can prove it runs exactly once.
 *
 * - `systemResolver` asks the operating system (getaddrinfo, /etc/hosts included), as the
 *   clients being judged would: right for the local command line.
 * - `dnsResolver` is for the public probe (issue 18). getaddrinfo runs on libuv's small thread
 *   pool (4 threads), so a few lookups of names whose DNS never answers made every other
 *   user's lookup wait. This one asks DNS directly through c-ares (node:dns Resolver: no
 *   thread pool, any number of queries in flight), with a timeout per query, at most
 *   `maxInFlight` lookups at once and at most `maxPerClient` of them for one client.
 */
import { lookup, Resolver as DnsResolver } from 'node:dns/promises';

/** Returns the addresses for a name, in the order the system prefers them. */
export type Resolver = (host: string) => Promise<string[]>;

export const systemResolver: Resolver = async (host) => {
  const answers = await lookup(host, { all: true, order: 'verbatim' });
  return answers.map((a) => a.address);
};

/** Why a lookup was not even started: the client (or everyone) has too many in flight. */
export class LookupRefused extends Error {
  readonly code = 'ETOOMANYLOOKUPS';
  readonly scope: 'client' | 'total';
  readonly max: number;
  constructor(scope: 'client' | 'total', max: number) {
    super(scope === 'client' ? `this client already has ${max} lookups in flight` : `${max} lookups are already in flight`);
    this.scope = scope;
    this.max = max;
  }
}

export interface DnsResolverOptions {
  /** Per query (each of A and AAAA), one try. */
  timeoutMs: number;
  maxInFlight: number;
  maxPerClient: number;
  /** DNS servers as `ip` or `ip:port` (default: the system's, from /etc/resolv.conf). */
  servers?: string[];
}

export interface SharedResolver {
  /** The resolver one client's probe uses: its lookups count against that client's share. */
  forClient(clientKey: string): Resolver;
  readonly inFlight: number;
}

export function dnsResolver(options: DnsResolverOptions): SharedResolver {
  const dns = new DnsResolver({ timeout: options.timeoutMs, tries: 1 });
  if (options.servers) dns.setServers(options.servers);
  const perClient = new Map<string, number>();
  let inFlight = 0;
  return {
    get inFlight() {
      return inFlight;
    },
    forClient: (key) => async (host) => {
      const mine = perClient.get(key) ?? 0;
      if (mine >= options.maxPerClient) throw new LookupRefused('client', options.maxPerClient);
      if (inFlight >= options.maxInFlight) throw new LookupRefused('total', options.maxInFlight);
      perClient.set(key, mine + 1);
      inFlight++;
      try {
        const [v4, v6] = await Promise.allSettled([dns.resolve4(host), dns.resolve6(host)]);
        const answers = [...(v4.status === 'fulfilled' ? v4.value : []), ...(v6.status === 'fulfilled' ? v6.value : [])];
        if (answers.length === 0 && v4.status === 'rejected') throw v4.reason;
        return answers;
      } finally {
        inFlight--;
        const left = (perClient.get(key) ?? 1) - 1;
        if (left <= 0) perClient.delete(key);
        else perClient.set(key, left);
      }
    },
  };
}
