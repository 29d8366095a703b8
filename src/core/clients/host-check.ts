/**
 * "Is this certificate good for host X, trusted by store Y?" for the inspector and
 * `certlab inspect --host`: for every client, its own name rule (whether it falls back to
 * the subject CN when there is no DNS subjectAltName) applied to the certificate, and its
 * whole verdict (clientVerdicts: path to the chosen anchors, name, dates, keys) in its words.
 * Plain data, so the inspector's worker can send it to the page.
 */
import type { Certificate, Millis, Subtle } from '../model.ts';
import { checkPeerName, peerName } from '../validate/hostname.ts';
import { clientVerdicts } from './verdicts.ts';
import { CLIENT_IDS, CLIENTS, type ClientId } from './registry.ts';
import type { InspectResult } from '../inspect/result.ts';

export interface HostClientVerdict {
  client: ClientId;
  label: string;
  /** The client's name rule alone. */
  nameMatches: boolean;
  /** The names this client compares the host with (DNS SANs, or CN= when it falls back to the CN). */
  namesCompared: string[];
  /** Whether the client connects: path to the anchors, name, dates and keys together. */
  connects: boolean;
  /** What the client prints when it refuses ('' when it connects). */
  message: string;
  /** The OpenSSL-numbered code of the verdict (0 = accepted). */
  code: number;
}

export interface HostCheck {
  host: string;
  /** What the anchors were ("Mozilla / certifi (bundled)", "3 pasted roots"). */
  trust: string;
  anchors: number;
  verdicts: HostClientVerdict[];
}

export interface HostCheckInput {
  /** The certificate first, then what else was given (the other certificates of the input). */
  peer: Certificate;
  untrusted: Certificate[];
  anchors: Certificate[];
  trust: string;
  host: string;
  at: Millis;
  subtle: Subtle;
}

export async function hostCheck(input: HostCheckInput): Promise<HostCheck> {
  const host = input.host.trim();
  const name = peerName(host);
  const verdicts = await clientVerdicts({
    peer: input.peer,
    untrusted: input.untrusted,
    anchors: input.anchors,
    peerName: name,
    at: input.at,
    subtle: input.subtle,
  });
  return {
    host,
    trust: input.trust,
    anchors: input.anchors.length,
    verdicts: (CLIENT_IDS as readonly ClientId[]).map((id) => {
      const n = checkPeerName(input.peer, name, CLIENTS[id].policy.cnFallback);
      const v = verdicts[id];
      return { client: id, label: v.label, nameMatches: n.ok, namesCompared: n.presented, connects: !v.fails, message: v.message, code: v.result.code };
    }),
  };
}

/**
 * The host check for an inspection: the certificate is the lowest of the bundle's chain, the
 * other certificates of the input (outside any keystore) are what a server would send with it.
 * Undefined when the input holds no certificate.
 */
export function hostCheckForResult(
  r: InspectResult,
  opts: { anchors: Certificate[]; trust: string; host: string; at: Millis; subtle: Subtle },
): Promise<HostCheck> | undefined {
  const chain = r.bundle?.chain ?? [];
  const first = r.items[chain[0] ?? -1];
  if (first?.kind !== 'certificate') return undefined;
  const inChain = new Set(chain);
  const untrusted = [
    ...chain.slice(1),
    ...r.items
      .filter((it) => it.kind === 'certificate' && !inChain.has(it.index) && !(it.source.parent !== undefined && r.items[it.source.parent].kind === 'keystore'))
      .map((it) => it.index),
  ].flatMap((i) => {
    const it = r.items[i];
    return it.kind === 'certificate' ? [it.certificate] : [];
  });
  return hostCheck({ peer: first.certificate, untrusted, anchors: opts.anchors, trust: opts.trust, host: opts.host, at: opts.at, subtle: opts.subtle });
}
