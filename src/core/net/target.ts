/**
 * Reads what a person typed or pasted as a probe target (`example.com`, `example.com:8443`,
 * `[2001:db8::1]:443`, `https://example.com/path`) into one canonical host and port.
 *
 * The host goes through the WHATWG URL host parser, the same one browsers use, so every odd
 * IPv4 spelling becomes the address it really means before anything is judged: decimal
 * `2130706433`, octal `0177.0.0.1`, hex `0x7f.1`, short `127.1`, trailing dots, percent-encoding
 * and full-width digits all become `127.0.0.1`. What remains is a canonical dotted quad,
 * a canonical IPv6 literal, or an ASCII (punycode) domain name that cannot end in a number.
 */
import { type IpAddress, parseIpv4, parseIpv6 } from './ip.ts';

export interface ProbeTarget {
  /** Host as it will be resolved or connected to: lower-case name without trailing dot, or IP text. */
  host: string;
  kind: 'name' | 'ipv4' | 'ipv6';
  ip?: IpAddress;
  port: number;
  /** Whether the input named a port (or a scheme with a known port). */
  portGiven: boolean;
}

export type TargetSyntaxError =
  | { kind: 'EmptyHost' }
  | { kind: 'TooLong'; length: number; max: number }
  | { kind: 'UserinfoNotAllowed'; received: string }
  | { kind: 'ZoneIdNotAllowed'; received: string }
  | { kind: 'InvalidHost'; received: string; reason: string }
  | { kind: 'InvalidPort'; received: string };

export type ParseTargetResult = { ok: true; value: ProbeTarget } | { ok: false; error: TargetSyntaxError };

const SCHEME_PORTS: Record<string, number> = { https: 443, wss: 443, ldaps: 636, imaps: 993, pop3s: 995, smtps: 465, ircs: 6697 };
const MAX_INPUT = 1024;
const LABEL = /^(?!-)[a-z0-9_-]{1,63}(?<!-)$/;

const fail = (error: TargetSyntaxError): ParseTargetResult => ({ ok: false, error });

function splitAuthority(input: string): { authority: string; schemePort?: number } {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(input);
  let rest = scheme ? input.slice(scheme[0].length) : input;
  const end = rest.search(/[/?#\\]/);
  if (end >= 0) rest = rest.slice(0, end);
  const schemePort = scheme ? SCHEME_PORTS[scheme[1]!.toLowerCase()] : undefined;
  return schemePort === undefined ? { authority: rest } : { authority: rest, schemePort };
}

function hostOnly(authority: string): string {
  if (authority.startsWith('[')) return authority.slice(0, authority.indexOf(']') + 1);
  const colon = authority.lastIndexOf(':');
  return colon >= 0 ? authority.slice(0, colon) : authority;
}

/** Parses `host`, `host:port`, `[v6]:port`, a bare IPv6 literal, or a URL. */
export function parseTarget(raw: string, defaultPort = 443): ParseTargetResult {
  const input = raw.trim();
  if (input === '') return fail({ kind: 'EmptyHost' });
  if (input.length > MAX_INPUT) return fail({ kind: 'TooLong', length: input.length, max: MAX_INPUT });
  let { authority, schemePort } = splitAuthority(input);
  if (authority.includes('@')) return fail({ kind: 'UserinfoNotAllowed', received: input });
  // A bare IPv6 literal (two or more colons, no brackets) carries no port.
  if (!authority.startsWith('[') && (authority.match(/:/g)?.length ?? 0) >= 2) authority = `[${authority}]`;
  if (/%/.test(authority) && authority.startsWith('[')) return fail({ kind: 'ZoneIdNotAllowed', received: input });
  if (/\s/.test(authority)) return fail({ kind: 'InvalidHost', received: input, reason: 'it contains white space' });
  let url: URL;
  try {
    url = new URL(`https://${authority}/`);
  } catch {
    const host = hostOnly(authority);
    const portText = authority.slice(host.length + 1);
    if (host !== authority && !(/^\d{1,5}$/.test(portText) && Number(portText) <= 65535)) {
      return fail({ kind: 'InvalidPort', received: portText });
    }
    return fail({ kind: 'InvalidHost', received: host, reason: 'it is not a valid host name or IP address' });
  }
  const explicitPort = /:\d+$/.test(authority) ? Number(authority.slice(authority.lastIndexOf(':') + 1)) : undefined;
  if (explicitPort !== undefined && !(explicitPort >= 1 && explicitPort <= 65535)) {
    return fail({ kind: 'InvalidPort', received: String(explicitPort) });
  }
  const port = explicitPort ?? schemePort ?? defaultPort;
  const portGiven = explicitPort !== undefined || schemePort !== undefined;
  const hostname = url.hostname;
  if (hostname.startsWith('[')) {
    const ip = parseIpv6(hostname.slice(1, -1));
    if (!ip) return fail({ kind: 'InvalidHost', received: hostname, reason: 'it is not a valid IPv6 address' });
    return { ok: true, value: { host: ip.text, kind: 'ipv6', ip, port, portGiven } };
  }
  const v4 = parseIpv4(hostname);
  if (v4) return { ok: true, value: { host: v4.text, kind: 'ipv4', ip: v4, port, portGiven } };
  const name = hostname.endsWith('.') ? hostname.slice(0, -1) : hostname;
  if (name.length > 253 || !name.split('.').every((l) => LABEL.test(l))) {
    return fail({ kind: 'InvalidHost', received: hostname, reason: 'labels must be 1-63 letters, digits or hyphens, 253 characters in all' });
  }
  return { ok: true, value: { host: name, kind: 'name', port, portGiven } };
}

export function describeSyntaxError(e: TargetSyntaxError): string {
  switch (e.kind) {
    case 'EmptyHost':
      return 'No host given. Expected a host name or address such as example.com or example.com:8443.';
    case 'TooLong':
      return `The target is ${e.length} characters long; at most ${e.max} are accepted.`;
    case 'UserinfoNotAllowed':
      return `"${e.received}" contains user information before "@". Give only the host (and port), e.g. example.com:443.`;
    case 'ZoneIdNotAllowed':
      return `"${e.received}" has an IPv6 zone (%...), which names a local network interface. Give a global address or a host name.`;
    case 'InvalidHost':
      return `"${e.received}" is not a usable host: ${e.reason}. Expected a name such as example.com or an IP address.`;
    case 'InvalidPort':
      return `"${e.received}" is not a port. Expected a number from 1 to 65535.`;
  }
}
