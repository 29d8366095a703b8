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
  const verdicts = await clientVerdicts({ peer: input.peer, untrusted: input.untrusted, anchors: input.anchors, peerName: name, at: input.at, subtle: input.subtle });
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
