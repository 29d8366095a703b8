/**
 * The public probe's target policy: what may be connected to, decided before any connection.
 * `admitTarget` judges the typed text (names and literal addresses); `admitAddress` judges each
 * address a resolver returned, so the address that is checked is the address that is dialled.
 */
import { type AddressRange, type Embedding, classifyAddress } from './address.ts';
import { parseIp } from './ip.ts';
import { type ProbeTarget, type TargetSyntaxError, describeSyntaxError, parseTarget } from './target.ts';

export interface TargetPolicy {
  /** Allow loopback, private and other non-global addresses (local development and tests only). */
  allowPrivate: boolean;
  /** Ports the probe may connect to; 'any' lifts the restriction. */
  ports: readonly number[] | 'any';
}

/** 443 and the common implicit-TLS ports (IANA service names in the comments). */
export const DEFAULT_PROBE_PORTS: readonly number[] = [
  443, // https
  8443, // https-alt
  465, // submissions (SMTP over TLS)
  636, // ldaps
  853, // domain-s (DNS over TLS)
  993, // imaps
  995, // pop3s
  5061, // sips
  6697, // ircs-u
  9443, // common https-alt
];

export type TargetRefusal =
  | TargetSyntaxError
  | { kind: 'ForbiddenName'; host: string }
  | { kind: 'ForbiddenPort'; port: number; allowed: readonly number[] }
  | { kind: 'ForbiddenAddress'; host: string; address: string; range: AddressRange; via?: { embedding: Embedding; ipv4: string } }
  | { kind: 'UnparsableAddress'; host: string; address: string };

export type Admission = { ok: true; target: ProbeTarget } | { ok: false; refusal: TargetRefusal };

/** RFC 6761: `localhost` and names under it always mean this machine. */
function isLocalhostName(host: string): boolean {
  return host === 'localhost' || host.endsWith('.localhost') || host === 'localhost.localdomain';
}

export function admitAddress(host: string, addressText: string, policy: TargetPolicy): TargetRefusal | undefined {
  const ip = parseIp(addressText);
  if (!ip) return { kind: 'UnparsableAddress', host, address: addressText };
  if (policy.allowPrivate) return undefined;
  const verdict = classifyAddress(ip);
  if (verdict.allowed) return undefined;
  const refusal: TargetRefusal = { kind: 'ForbiddenAddress', host, address: verdict.address, range: verdict.range };
  return verdict.via ? { ...refusal, via: verdict.via } : refusal;
}

/** Parses the typed target and judges the name, the port and any literal address. */
export function admitTarget(input: string, policy: TargetPolicy, portOverride?: number): Admission {
  const parsed = parseTarget(input);
  if (!parsed.ok) return { ok: false, refusal: parsed.error };
  const target = portOverride === undefined ? parsed.value : { ...parsed.value, port: portOverride, portGiven: true };
  if (!(Number.isInteger(target.port) && target.port >= 1 && target.port <= 65535)) {
    return { ok: false, refusal: { kind: 'InvalidPort', received: String(target.port) } };
  }
  if (policy.ports !== 'any' && !policy.ports.includes(target.port)) {
    return { ok: false, refusal: { kind: 'ForbiddenPort', port: target.port, allowed: policy.ports } };
  }
  if (!policy.allowPrivate && target.kind === 'name' && isLocalhostName(target.host)) {
    return { ok: false, refusal: { kind: 'ForbiddenName', host: target.host } };
  }
  if (target.ip) {
    const refusal = admitAddress(target.host, target.ip.text, policy);
    if (refusal) return { ok: false, refusal };
  }
  return { ok: true, target };
}

const EMBEDDING_WORDS: Record<Embedding, string> = {
  'ipv4-mapped': 'an IPv4-mapped IPv6 address of',
  'ipv4-compatible': 'an IPv4-compatible IPv6 address of',
  nat64: 'a NAT64 address of',
  '6to4': 'a 6to4 address embedding',
  'teredo-server': 'a Teredo address whose server is',
  'teredo-client': 'a Teredo address whose client is',
};

export function describeRefusal(r: TargetRefusal): string {
  switch (r.kind) {
    case 'ForbiddenName':
      return `"${r.host}" always means this machine; the public probe only connects to public hosts. Run “certlab probe” locally for internal hosts.`;
    case 'ForbiddenPort':
      return `Port ${r.port} is not probed here. Allowed ports: ${r.allowed.join(', ')}. Run “certlab probe” locally for other ports.`;
    case 'ForbiddenAddress': {
      const via = r.via ? ` (${EMBEDDING_WORDS[r.via.embedding]} ${r.via.ipv4})` : '';
      const subject = r.host === r.address ? r.address : `"${r.host}" resolves to ${r.address}, which`;
      return `${subject}${via} is ${r.range.label} [${r.range.cidr}]. The public probe only connects to public addresses; run “certlab probe” locally for internal hosts.`;
    }
    case 'UnparsableAddress':
      return `The resolver returned "${r.address}" for "${r.host}", which is not an IP address; refusing to connect.`;
    default:
      return describeSyntaxError(r);
  }
}
