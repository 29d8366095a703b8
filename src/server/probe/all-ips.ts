/**
 * `certlab probe --all-ips`: resolve the name once, probe every A/AAAA answer (each with SNI
 * for the name), and say which backends present a different chain. A load balancer where one
 * node still has the old certificate fails for some users only; this finds that node.
 *
 * Each address is one ordinary probe (engine.ts with `ip` set), so each passes the same
 * address policy, timeouts and budget; at most MAX_BACKENDS addresses are probed, one at a time.
 */
import { admitTarget } from '../../core/net/policy.ts';
import { toHex } from '../../core/der/hex.ts';
import { type ProbeOptions, type ProbeOutcome, type ProbeRequest, probe } from './engine.ts';
import type { ProbeError } from './errors.ts';
import { systemResolver } from './resolver.ts';

export const MAX_BACKENDS = 8;

export interface Backend {
  ip: string;
  outcome: ProbeOutcome;
  /** SHA-256 of each certificate as sent, joined: equal strings mean the same chain. */
  chainId: string | null;
}

export interface AllIpsResult {
  host: string;
  addresses: string[];
  backends: Backend[];
  /** Addresses beyond MAX_BACKENDS, not probed. */
  skipped: string[];
  /** Groups of addresses that presented the same chain; more than one group: the backends differ. */
  groups: string[][];
}

async function chainId(outcome: ProbeOutcome): Promise<string | null> {
  const certs = outcome.ok ? outcome.report.presented : outcome.report?.presented;
  if (!certs?.length) return null;
  const hashes = await Promise.all(
    certs.map(async (c) => toHex(new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', c as Uint8Array<ArrayBuffer>)))),
  );
  return hashes.join(',');
}

export async function probeAllIps(request: ProbeRequest, options: ProbeOptions): Promise<AllIpsResult | ProbeError> {
  const admitted = admitTarget(request.host, options.policy ?? { allowPrivate: true, ports: 'any' }, request.port);
  if (!admitted.ok) return { kind: 'Refused', refusal: admitted.refusal };
  const { host, kind } = admitted.target;
  let addresses: string[];
  if (kind !== 'name') addresses = [admitted.target.ip?.text ?? host];
  else {
    try {
      addresses = [...new Set(await (options.resolver ?? systemResolver)(host))];
    } catch (e) {
      return { kind: 'DnsFailed', host, code: (e as NodeJS.ErrnoException).code ?? String(e) };
    }
  }
  if (addresses.length === 0) return { kind: 'DnsFailed', host, code: 'ENODATA' };
  const backends: Backend[] = [];
  for (const ip of addresses.slice(0, MAX_BACKENDS)) {
    const outcome = await probe({ ...request, servername: request.servername ?? host, ip }, options);
    backends.push({ ip, outcome, chainId: await chainId(outcome) });
  }
  const byChain = new Map<string, string[]>();
  for (const b of backends) {
    const key = b.chainId ?? `no chain from ${b.ip}`;
    byChain.set(key, [...(byChain.get(key) ?? []), b.ip]);
  }
  return { host, addresses, backends, skipped: addresses.slice(MAX_BACKENDS), groups: [...byChain.values()] };
}
